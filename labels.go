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
