package carecast

// The name of each figure in every output: the terminal and tab-separated
// summaries, the workbook, the charts page and its images. One figure, one
// name; the glossary of docs/methodology.md gives each its JSON key (the
// JSON keys are not these), its sign convention and where it appears.
const (
	LabelPledges              = "Pledges"                 // pledges
	LabelGrants               = "Grants"                  // grants
	LabelRunningCosts         = "Running costs"           // other_costs
	LabelBlockCost            = "Block cost"              // block_cost
	LabelVoidCost             = "Void cost (empty rooms)" // void_cost
	LabelUsedBlock            = "Used block cost"         // used_block
	LabelSharedCost           = "Shared cost"             // shared_cost: void cost and running costs less grants, shared out
	LabelShareOfVoid          = "Share of empty rooms"    // a council's share of the void cost
	LabelAttributedCost       = "Attributed cost"         // attributed_cost
	LabelSpotAvoided          = "Spot purchasing avoided" // spot_avoided
	LabelSavings              = "Savings"                 // savings
	LabelNPV                  = "NPV"                     // npv
	LabelNPVAfterOptimismBias = "NPV after optimism bias" // npv_after_optimism_bias
	LabelClosingFund          = "Closing fund balance"    // closing_fund_balance
	LabelSettlement           = "Settlement"              // settlement
	LabelCapacity             = "Capacity (room-days)"    // capacity_room_days
	LabelOccupied             = "Occupied (room-days)"    // occupied_room_days
	LabelOccupancy            = "Occupancy"               // occupancy_rate
	LabelBreakEven            = "Break-even occupancy"    // break_even_occupancy
	LabelOverflow             = "Overflow (room-days)"    // overflow_room_days
	LabelPosition             = "Position in the fund"    // a council's running balance with the fund
)

// sharingNames are each sharing rule's label and its words in a sentence.
var sharingNames = map[string][2]string{
	SharingAllocated:      {"Allocated, no trading", "each council uses only the rooms allocated to it, with no trading"},
	SharingAllocatedTrade: {"Allocated, then traded", "allocations first, then rooms left empty traded to councils with children waiting"},
	SharingPooled:         {"Pooled", "any room to any council's child"},
}

// SharingLabel names a sharing rule (docs/methodology.md §11) in every
// output, as a column heading or a row label: "Allocated, then traded".
// A rule it does not know is named as given.
func SharingLabel(rule string) string {
	if n, ok := sharingNames[rule]; ok {
		return n[0]
	}
	return rule
}

// SharingWords says a sharing rule in words, for a sentence: "any room to
// any council's child". A rule it does not know is said as given.
func SharingWords(rule string) string {
	if n, ok := sharingNames[rule]; ok {
		return n[1]
	}
	return rule
}
