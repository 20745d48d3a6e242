package carecast

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
)

// Setting is one setting of the Assumptions sheet (docs/methodology.md §2):
// everything carecast knows about it, in one row of settingTable. The
// reader (package inputs) decodes, bounds and checks a setting by its Kind
// and bounds, the template writes its row, note and validation from it, an
// option may override it when Option is set, and the methodology's tables
// of settings and of bounds are generated from it. No other file lists the
// settings.
type Setting struct {
	Key  string      // as typed in the setting column: block_uplift
	Kind SettingKind // what the value is, which says how it is read and written
	Unit string      // how the template's unit column shows it: "% a year"
	// Required settings have no default: an input must give them.
	Required bool
	// Default is the value when the input gives none, of the Kind's type
	// (see SettingKind); nil is the type's zero. DefaultText, when set, is
	// how the methodology's table says the default where the value alone
	// would mislead ("`start_date`").
	Default     any
	DefaultText string
	// Help says what the setting means, a phrase for the methodology's
	// table; Note is the template's note beside the value, a sentence or
	// two for the analyst who edits it.
	Help, Note string
	// Expect says what a value should be, for messages: "expected " +
	// Expect. "{range}" in it stands for the bounds, as a person reads
	// them ("from -50% to 50% a year").
	Expect string
	// Min and Max bound a number (KindWhole, KindMoney, KindWeekly,
	// KindRate, KindYearlyRate): outside them a value is an error; inside
	// them but outside UsualMin and UsualMax it is a warning
	// (docs/methodology.md §12). Why gives the reason, for the docs.
	Min, Max, UsualMin, UsualMax string
	Why                          string
	// Places, when above zero, is the most decimal places a number may
	// have.
	Places int32
	// Choices are the values of a KindChoice setting, as written; Noun
	// names one in messages ("sharing rule").
	Choices []string
	Noun    string
	// Option says an option (the Options sheet) may override the setting.
	Option bool
	// Horizon marks the settings the model's horizon is made of: while
	// one is bad, no row can be checked against the horizon.
	Horizon bool
	// Get returns the setting's value in force in a, of the Kind's type;
	// Set stores one.
	Get func(a Assumptions) any
	Set func(a *Assumptions, v any)
	// Check, when set, is a rule across settings, run once all are read
	// (for the base case and for each option alike): it returns what is
	// wrong, said so that "expected ..." ends it, or "".
	Check func(a Assumptions) string
}

// SettingKind says what a setting's value is. Each kind has one Go type,
// which Default, Get and Set use.
type SettingKind int

const (
	KindText       SettingKind = iota // text, a string
	KindDate                          // a date, a Date
	KindMonth                         // the first day of a month, a Date
	KindWhole                         // a whole number, an int
	KindMoney                         // an amount in pounds, held to pence, a Money
	KindWeekly                        // pounds a week, exactly as typed, a decimal.Decimal
	KindRate                          // a proportion (0.9 is 90%), a decimal.Decimal
	KindYearlyRate                    // a rate a year (0.035 is 3.5% a year), a decimal.Decimal
	KindYesNo                         // yes or no, a bool
	KindChoice                        // one of Choices, a string
)

// Numeric reports whether the kind is a number, with bounds.
func (k SettingKind) Numeric() bool {
	switch k {
	case KindWhole, KindMoney, KindWeekly, KindRate, KindYearlyRate:
		return true
	}
	return false
}

// MaxPriceAge is how many years before start_date block_price_date may be:
// a price is indexed from it year by year.
const MaxPriceAge = 50

// settingTable is the registry of the Assumptions settings, in the order
// the Assumptions sheet lists them.
//
// To add a setting: add a field to Assumptions and one row here (its key,
// kind, unit, default, bounds for a number, help, note, Expect, whether an
// option may set it, and Get and Set). That is all: the reader decodes,
// bounds and checks it by its kind, the template writes it with its note
// and validation, the Options sheet accepts it when Option is set, and the
// methodology's tables follow (go test ./inputs -run TableGolden -update
// rewrites them). A rule across settings is the row's Check. A new kind
// of value is a constant above and its case in inputs/settings.go.
var settingTable = slices.Concat([]Setting{
	{Key: "scenario", Kind: KindText, Unit: "text", Option: true,
		DefaultText: "the input's file or folder name",
		Help:        "the scenario's name, shown on every output",
		Note:        "A name for the scenario, shown on every output.",
		Expect:      "a name for the scenario",
		Get:         func(a Assumptions) any { return a.Scenario },
		Set:         func(a *Assumptions, v any) { a.Scenario = v.(string) }},
	{Key: "start_date", Kind: KindMonth, Unit: "date", Option: true, Horizon: true,
		Default: Date{2019, 4, 1},
		Help:    "first day of the first month (must be the 1st)",
		Note:    "First day of the model, the first day of a month. Default 1 April 2019.",
		Expect:  "the first day of a month, such as 2019-04-01 or 01/04/2019",
		Get:     func(a Assumptions) any { return a.StartDate },
		Set:     func(a *Assumptions, v any) { a.StartDate = v.(Date) }},
	{Key: "years", Kind: KindWhole, Unit: "years", Option: true, Horizon: true,
		Default: 8,
		Min:     "1", Max: "30", UsualMin: "1", UsualMax: "30",
		Why:    "the Green Book's usual appraisal period; 30 years of months is the horizon the engine is sized for",
		Help:   "length of the scheme",
		Note:   "Length of the model in years, 1 to 30. Default 8.",
		Expect: "a whole number of years {range}",
		Get:    func(a Assumptions) any { return a.Years },
		Set:    func(a *Assumptions, v any) { a.Years = v.(int) }},
	{Key: "block_weekly_price", Kind: KindWeekly, Unit: "£ a week", Option: true, Required: true,
		Min: "0", Max: "100000", UsualMin: "500", UsualMax: "20000",
		Why:    "a block room costs a few thousand pounds a week; below £500 it may be a daily price",
		Help:   "price of one block room a week",
		Note:   "Price of one block room per week on block_price_date. Required.",
		Expect: "the price of one block room a week, such as 2850 or £2,850.00",
		Get:    func(a Assumptions) any { return a.BlockWeeklyPrice },
		Set:    func(a *Assumptions, v any) { a.BlockWeeklyPrice = v.(decimal.Decimal) }},
	{Key: "block_price_date", Kind: KindDate, Unit: "date", Option: true,
		DefaultText: "`start_date`",
		Help:        "date on which `block_weekly_price` holds",
		Note:        "The date on which block_weekly_price holds; it is indexed on each anniversary. Default start_date.",
		Expect:      "a date such as 2019-04-01 or 01/04/2019",
		Get:         func(a Assumptions) any { return a.PriceDate() },
		Set:         func(a *Assumptions, v any) { a.BlockPriceDate = v.(Date) },
		Check: func(a Assumptions) string {
			earliest := a.StartDate.AddMonths(-12 * MaxPriceAge)
			if p := a.PriceDate(); p.Before(earliest) || p.After(a.End()) {
				return fmt.Sprintf("block_price_date %s is outside the model: expected a date from %s (%d years before start_date) to %s, the model's last day", p, earliest, MaxPriceAge, a.End())
			}
			return ""
		}},
	{Key: "block_uplift", Kind: KindYearlyRate, Unit: "% a year", Option: true,
		Min: "-0.5", Max: "0.5", UsualMin: "-0.05", UsualMax: "0.1",
		Why:    "contracted prices move by a few percent a year",
		Help:   "yearly rise in the block price",
		Note:   "Yearly rise of the block price. Default 0%.",
		Expect: "a rate {range}, such as 2% or 0.02",
		Get:    func(a Assumptions) any { return a.BlockUplift },
		Set:    func(a *Assumptions, v any) { a.BlockUplift = v.(decimal.Decimal) }},
	{Key: "occupancy_rate", Kind: KindRate, Unit: "%", Option: true,
		Default: decimal.RequireFromString("0.9"),
		Min:     "0", Max: "1", UsualMin: "0.5", UsualMax: "1",
		Why:    "a proportion of the rooms; providers report 80-85% (ICHA, 2020)",
		Help:   "share of the rooms occupied, used only when the Occupancy table has no rows",
		Note:   "Share of the block rooms occupied, used only when the Occupancy sheet has no rows, 0% to 100%. Default 90%.",
		Expect: "a rate {range}, such as 90% or 0.9",
		Get:    func(a Assumptions) any { return a.OccupancyRate },
		Set:    func(a *Assumptions, v any) { a.OccupancyRate = v.(decimal.Decimal) }},
	{Key: "discount_rate", Kind: KindYearlyRate, Unit: "% a year", Option: true,
		Default: decimal.RequireFromString("0.035"),
		Min:     "0", Max: "0.15", UsualMin: "0.01", UsualMax: "0.07",
		Why:    "HM Treasury Green Book: 3.5% a year (1.5% for health effects)",
		Help:   "real discount rate a year (§7)",
		Note:   "Real discount rate for the net present value, 0% or more. Default 3.5%, the HM Treasury Green Book rate.",
		Expect: "a rate {range}, such as 3.5% or 0.035",
		Get:    func(a Assumptions) any { return a.DiscountRate },
		Set:    func(a *Assumptions, v any) { a.DiscountRate = v.(decimal.Decimal) }},
	{Key: "deflator", Kind: KindYearlyRate, Unit: "% a year", Option: true,
		Default: decimal.RequireFromString("0.02"),
		Min:     "-0.1", Max: "0.2", UsualMin: "-0.02", UsualMax: "0.1",
		Why:    "general inflation (the GDP deflator) has stayed within these in the UK since 1980",
		Help:   "general inflation a year, to turn cash into real terms (§7)",
		Note:   "General inflation, to turn cash into real terms. Default 2%.",
		Expect: "a rate {range}, such as 2% or 0.02",
		Get:    func(a Assumptions) any { return a.Deflator },
		Set:    func(a *Assumptions, v any) { a.Deflator = v.(decimal.Decimal) }},
	{Key: "opening_fund_balance", Kind: KindMoney, Unit: "£", Option: true,
		Min: "-1000000000", Max: "1000000000", UsualMin: "-1000000000", UsualMax: "1000000000",
		Why:    "at most £1bn either way",
		Help:   "money already in the fund on day one",
		Note:   "Money in the pooled fund on start_date. Default £0.",
		Expect: "an amount in pounds such as 650000 or £650,000.00",
		Get:    func(a Assumptions) any { return a.OpeningFund },
		Set:    func(a *Assumptions, v any) { a.OpeningFund = v.(Money) }},
	{Key: "settle_at_end", Kind: KindYesNo, Unit: "yes/no", Option: true,
		Default: true,
		Help:    "pay each council's closing position back at the end (§6)",
		Note:    "yes: each council's closing position with the pool is paid back to it (or paid in) at the end. Default yes.",
		Expect:  "yes or no",
		Get:     func(a Assumptions) any { return a.SettleAtEnd },
		Set:     func(a *Assumptions, v any) { a.SettleAtEnd = v.(bool) }},
	{Key: "optimism_bias", Kind: KindRate, Unit: "%", Option: true,
		Min: "0", Max: "2", UsualMin: "0", UsualMax: "0.66",
		Why:    "HM Treasury Green Book supplementary guidance: upper bounds of up to 66% for works and 41% for outsourcing; 200% for equipment and development",
		Help:   "uplift of the scheme's costs for the NPV after optimism bias; the cash forecast does not change (§9)",
		Note:   "Uplift of the scheme's costs (block rooms and running costs) for the NPV after optimism bias, 0% or more; the cash forecast does not change. HM Treasury Green Book: up to 41% for outsourcing. Default 0%.",
		Expect: "a rate {range}, such as 41% or 0.41",
		Get:    func(a Assumptions) any { return a.OptimismBias },
		Set:    func(a *Assumptions, v any) { a.OptimismBias = v.(decimal.Decimal) }},
	{Key: "max_fill", Kind: KindRate, Unit: "%", Option: true,
		Default: defaultMaxFill, Places: 4,
		Min: "0.0001", Max: "1", UsualMin: "0.7", UsualMax: "1",
		Why:    "with Demand rows, the share of the rooms that can be filled; providers report 80-85% (ICHA, 2020)",
		Help:   "with Demand rows, the share of the rooms that can be filled when demand is plentiful (§11)",
		Note:   "With Demand rows: the share of the block rooms that can be filled when demand is plentiful (matching and turnover keep the rest empty), above 0% and at most 100%. Default 90%.",
		Expect: "a rate above 0% and at most 100%, to at most four decimal places, such as 90% or 0.9",
		Get:    func(a Assumptions) any { return a.Fill() },
		Set:    func(a *Assumptions, v any) { a.MaxFill = v.(decimal.Decimal) }},
	{Key: "sharing", Kind: KindChoice, Unit: "text", Option: true,
		Default: SharingPooled,
		Choices: []string{SharingPooled, SharingAllocated, SharingAllocatedTrade}, Noun: "sharing rule",
		Help:   "with Demand rows, who may use the rooms: `pooled`, `allocated` or `allocated_trade` (§11)",
		Note:   "With Demand rows, who may use the rooms: pooled (any council's child may take any room), allocated (each council uses only its Allocations rooms) or allocated_trade (allocations first, then rooms left over go to councils with unmet demand). Default pooled.",
		Expect: "pooled, allocated or allocated_trade",
		Get:    func(a Assumptions) any { return a.SharingRule() },
		Set:    func(a *Assumptions, v any) { a.Sharing = v.(string) }},
}, journalSettingRows, monitorSettingRows, actualSettingRows)

// settingsMu guards settingTable against RegisterSetting.
var settingsMu sync.RWMutex

// Settings returns the settings of the Assumptions sheet, in the order the
// sheet lists them. The slice is the caller's; its rows share Choices.
func Settings() []Setting {
	settingsMu.RLock()
	defer settingsMu.RUnlock()
	return slices.Clone(settingTable)
}

// SettingFor returns the setting of a canonical key, or nil.
func SettingFor(key string) *Setting {
	settingsMu.RLock()
	defer settingsMu.RUnlock()
	for i := range settingTable {
		if settingTable[i].Key == key {
			s := settingTable[i]
			return &s
		}
	}
	return nil
}

// RegisterSetting adds a setting after those of the table, for a setting
// defined outside it (a test's, say), and returns a function that removes
// it again. It panics on a setting that does not hold together (Validate).
func RegisterSetting(s Setting) (remove func()) {
	if err := s.Validate(); err != nil {
		panic(err)
	}
	settingsMu.Lock()
	defer settingsMu.Unlock()
	if slices.ContainsFunc(settingTable, func(t Setting) bool { return normKey(t.Key) == normKey(s.Key) }) {
		panic("carecast: setting " + s.Key + " registered twice")
	}
	settingTable = append(slices.Clip(settingTable), s)
	return func() {
		settingsMu.Lock()
		defer settingsMu.Unlock()
		settingTable = slices.DeleteFunc(slices.Clone(settingTable), func(t Setting) bool { return t.Key == s.Key })
	}
}

// Validate reports a setting that does not hold together: no key, no Get
// or Set, a number without bounds (or bounds that do not parse or are out
// of order), a choice without choices, a default of the wrong type.
func (s *Setting) Validate() error {
	bad := func(why string) error { return fmt.Errorf("carecast: setting %q: %s", s.Key, why) }
	if s.Key == "" || normKey(s.Key) != strings.ReplaceAll(s.Key, "_", "") {
		return bad("a key is lower case letters, digits and underscores")
	}
	if s.Get == nil || s.Set == nil {
		return bad("no Get or Set")
	}
	if s.Kind < KindText || s.Kind > KindChoice {
		return bad("unknown kind")
	}
	if s.Kind.Numeric() {
		lo, hi, ulo, uhi, err := s.bounds()
		if err != nil {
			return bad(err.Error())
		}
		if lo.GreaterThan(ulo) || ulo.GreaterThan(uhi) || uhi.GreaterThan(hi) {
			return bad("bounds out of order: want Min <= UsualMin <= UsualMax <= Max")
		}
	} else if s.Min+s.Max+s.UsualMin+s.UsualMax != "" {
		return bad("bounds on a value that is not a number")
	}
	if s.Kind == KindChoice && (len(s.Choices) == 0 || s.Noun == "") {
		return bad("a choice needs Choices and a Noun")
	}
	if s.Expect == "" || s.Help == "" || s.Note == "" {
		return bad("no Expect, Help or Note")
	}
	if s.Default != nil {
		var a Assumptions
		ok := true
		func() {
			defer func() {
				if recover() != nil {
					ok = false
				}
			}()
			s.Set(&a, s.Default)
		}()
		if !ok {
			return bad(fmt.Sprintf("a default of type %T does not fit the kind", s.Default))
		}
	}
	return nil
}

// bounds parses Min, Max, UsualMin and UsualMax.
func (s *Setting) bounds() (lo, hi, ulo, uhi decimal.Decimal, err error) {
	ds := make([]decimal.Decimal, 4)
	for i, v := range []string{s.Min, s.Max, s.UsualMin, s.UsualMax} {
		if ds[i], err = decimal.NewFromString(v); err != nil {
			return lo, hi, ulo, uhi, fmt.Errorf("bound %q is not a number", v)
		}
	}
	return ds[0], ds[1], ds[2], ds[3], nil
}

// Bounds returns a number's bounds (Min, Max, UsualMin, UsualMax); ok is
// false for a setting that is not a number.
func (s *Setting) Bounds() (lo, hi, ulo, uhi decimal.Decimal, ok bool) {
	if !s.Kind.Numeric() {
		return lo, hi, ulo, uhi, false
	}
	lo, hi, ulo, uhi, err := s.bounds()
	return lo, hi, ulo, uhi, err == nil
}

// Choose returns the choice v names, ignoring case, spaces, hyphens and
// underscores.
func (s *Setting) Choose(v string) (string, bool) {
	for _, c := range s.Choices {
		if normKey(c) == normKey(v) {
			return c, true
		}
	}
	return "", false
}

// AssumptionKeys are the canonical names of the Assumptions settings an
// option may override, in the order of the Assumptions sheet.
func AssumptionKeys() []string {
	var keys []string
	for _, s := range Settings() {
		if s.Option {
			keys = append(keys, s.Key)
		}
	}
	return keys
}

// SetAssumption copies the setting key from src to dst; it reports whether
// key is an Assumptions setting.
func SetAssumption(dst *Assumptions, src Assumptions, key string) bool {
	s := SettingFor(key)
	if s == nil {
		return false
	}
	s.Set(dst, s.Get(src))
	return true
}
