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

// The names of the further figures and of the parts of every table: the
// headings of rows and columns, the totals.
const (
	LabelShareOfRunning   = "Share of running costs less grants" // the rest of a council's shared cost
	LabelVoidCostAlone    = "Void cost"                          // void_cost, beside its running costs
	LabelRunningLessGrant = "Running costs less grants"          // the consortium's shared cost less its void cost
	LabelCumulativeSaving = "Cumulative savings"                 // savings to the end of a period
	LabelCost             = "Cost"                               // an option's block cost plus running costs less grants
	LabelOptimismBias     = "Optimism bias"                      // optimism_bias
	LabelOverflowCost     = "Spot cost of the overflow"          // overflow_cost
	LabelSpotCost         = "Spot cost"                          // the overflow's, in a table headed by it
	LabelTotalRoomDays    = "Total room-days"                    // a row's room-days over the horizon
	LabelExpectedNPV      = "Expected NPV"                       // the mean NPV over the runs
	LabelSavingsP10       = "Savings P10"                        // p10
	LabelSavingsP50       = "Savings P50"                        // p50
	LabelSavingsP90       = "Savings P90"                        // p90
	LabelChanceOfLoss     = "Chance of a loss"                   // loss_probability
	LabelRooms            = "Rooms"                              // rooms
	LabelMeasure          = "Measure"                            // a wider benefit's measure
	LabelUnit             = "Unit"                               // a figure's unit
	LabelBearer           = "Bearer"                             // who gains a wider benefit
	LabelQuantity         = "Quantity"                           // a wider benefit's quantity
	LabelValue            = "Value"                              // a wider benefit's value
	LabelPresentValue     = "Present value"                      // a wider benefit's present value
	LabelFigure           = "Figure"                             // the heading of a column of figures' names
	LabelYear             = "Year"                               // a financial year, as a row
	LabelFinancialYear    = "Financial year"                     // the same, where the table is read alone
	LabelMonth            = "Month"                              // a month, by its first day
	LabelCouncil          = "Council"                            // a council, as a row
	LabelCode             = "Code"                               // a council's code
	LabelName             = "Name"                               // a council's name
	LabelTotal            = "Total"                              // the totals row
	LabelAllCouncils      = "All councils"                       // the totals row of a chart's table
	LabelConsortium       = "Consortium"                         // the consortium's figures, as a row
	LabelCouncilsSummed   = "Councils, summed"                   // the councils' figures added up, as a row
	LabelWholeHorizon     = "Whole horizon"                      // the column of the whole horizon
	LabelSharingRule      = "Sharing rule"                       // a sharing rule, as a row
	LabelNPVP10           = "NPV P10"                            // npv p10
	LabelNPVP90           = "NPV P90"                            // npv p90
	LabelUseOfRoomsAdded  = "Use of the rooms added"             // the occupied share of the room-days a size adds
	LabelNote             = "Note"                               // a row's note: the recommended size
	LabelNPVP50           = "NPV P50"                            // npv p50, the median
	LabelIncome           = "Income"                             // a step that adds to the savings in a chart of the steps from spot purchasing avoided to savings
)

// The names of the columns of a monitoring report (docs/methodology.md
// §18), each with its JSON key.
const (
	LabelLine           = "Line"                  // a monitoring line, as a row
	LabelBudget         = "Budget"                // budget
	LabelBudgetToDate   = "Budget to date"        // budget_to_date
	LabelActualToDate   = "Actual to date"        // actual_to_date
	LabelVarianceToDate = "Variance to date"      // variance_to_date
	LabelOutturn        = "Forecast outturn"      // outturn
	LabelVariance       = "Variance"              // variance
	LabelVariancePct    = "Variance %"            // variance_pct
	LabelRAG            = "RAG"                   // rag
	LabelFavour         = "Favourable or adverse" // whether a variance is favourable, in words
	LabelMovement       = "Movement"              // movement: since the previous report
	LabelDaysBudgeted   = "Room-days budgeted"    // occupied room-days to date in the budget
	LabelDaysActual     = "Room-days actual"      // occupied room-days to date in the outturn
	LabelVolume         = "Volume"                // volume: more or fewer room-days at the budget's price
	LabelPrice          = "Price"                 // price: the room-days at the difference in price
)

// The names of the lines of a budget's cash by financial year, of a
// council's position in the pooled fund and of what bed trading is worth
// to each council (a cabinet paper's tables).
const (
	LabelPledgesPaid           = "Pledges paid into the pooled fund"      // pledges, as money out of a budget
	LabelSettlementAtEnd       = "Settlement at the end"                  // settlement, in its year
	LabelNetInYear             = "Net effect in the year"                 // spot purchasing avoided less pledges (and the settlement)
	LabelNetToDate             = "Net effect to date"                     // the net effect summed to the year's end
	LabelOfWhichGrants         = "of which one-off grants"                // a council's part of the grants within its savings
	LabelSavingsLessGrants     = "Savings without grants"                 // the recurring saving
	LabelOpening               = "Opening"                                // the opening balance, as a row or a column
	LabelPledgesLessAttributed = "Pledges less attributed cost"           // a year's movement in a council's position
	LabelPositionAtYearEnd     = "Position in the fund at the year's end" // a council's position at a year's end
	LabelOpeningPosition       = "Opening position"                       // a council's part of the opening fund balance
	LabelClosingPosition       = "Closing position"                       // a council's position at the end, before settlement
	LabelWhatTradingIsWorth    = "What trading is worth"                  // savings with trading less savings without
	LabelOption                = "Option"                                 // an option, as a row
	LabelCostUnderBAU          = "Cost under business as usual"           // what the placements an option serves cost spot-purchased
	LabelCostUnderOption       = "Cost under the option"                  // what they cost under the option: its attributed cost
	LabelWiderPresentValue     = "Wider benefits, present value"          // the wider benefits' present values summed
	LabelWhoMayUseRooms        = "Who may use the rooms"                  // a sharing rule, as a paper's row
	LabelCouncilSavings        = "Council's savings"                      // a council's own savings, beside the consortium's
	LabelConsortiumSavings     = "Consortium's savings"                   // the consortium's savings, beside a council's
	LabelSource                = "Source"                                 // where a wider benefit's value comes from
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
