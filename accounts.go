package carecast

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// AccountCode is a row of the Accounts table: the finance system's codes
// for a ledger account, or for one council's account where the ledger
// keeps one per council (docs/methodology.md §16).
type AccountCode struct {
	Account Account
	Council int // index into Scenario.Councils for a per-council account; -1 otherwise
	// CostCentre and Subjective are the finance system's codes;
	// Description is its name for them.
	CostCentre, Subjective, Description string
}

// JournalSettings are the Assumptions settings of the journals for a
// general ledger (docs/methodology.md §16): the reference prefix, and the
// values that are each council's own in its finance system. A blank
// value is one not given; a format that needs it says so.
type JournalSettings struct {
	Prefix string // journal_prefix: begins every reference; default CC

	OracleLedgerID string // oracle_ledger_id: GL_INTERFACE.LEDGER_ID, digits
	OracleSource   string // oracle_source: the journal source (USER_JE_SOURCE_NAME)
	OracleCategory string // oracle_category: the journal category (USER_JE_CATEGORY_NAME)
	// OracleSegments says what goes in SEGMENT1, SEGMENT2, ...: a comma
	// list of cost_centre, subjective or a fixed value; default
	// "cost_centre, subjective".
	OracleSegments string

	Unit4Client      string // unit4_client: the company (client)
	Unit4VoucherType string // unit4_voucher_type: the transaction type
	Unit4BatchID     string // unit4_batch_id: the batch ID GL07 is ordered for
	Unit4Interface   string // unit4_interface: the external system; default BI
	// Unit4Period is how the period field is filled: Unit4PeriodFinancial
	// (default), Unit4PeriodCalendar or Unit4PeriodNone.
	Unit4Period string
}

// The ways of filling Unit4's period field (unit4_period).
const (
	// Unit4PeriodFinancial: the year the financial year starts and the
	// period's number in it, April = 01: November 2020 is 202008.
	Unit4PeriodFinancial = "financial"
	// Unit4PeriodCalendar: the calendar year and month: 202011.
	Unit4PeriodCalendar = "calendar"
	// Unit4PeriodNone: left blank, for GL07 to derive from the date.
	Unit4PeriodNone = "none"
)

// SegmentCostCentre and SegmentSubjective name, in oracle_segments, the
// codes of the Accounts table; any other entry is a fixed value.
const (
	SegmentCostCentre = "cost_centre"
	SegmentSubjective = "subjective"
)

// OracleSegmentList splits oracle_segments into its entries, trimmed.
func (j JournalSettings) OracleSegmentList() []string {
	spec := j.OracleSegments
	if strings.TrimSpace(spec) == "" {
		spec = defaultOracleSegments
	}
	parts := strings.Split(spec, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

const defaultOracleSegments = SegmentCostCentre + ", " + SegmentSubjective

// Field widths of the finance systems' layouts that settings fill
// (docs/methodology.md §16).
const (
	oracleNameWidth    = 25 // USER_JE_SOURCE_NAME, USER_JE_CATEGORY_NAME, SEGMENTn: VARCHAR2(25)
	oracleLedgerDigits = 18 // LEDGER_ID: NUMBER(18)
	oracleSegments     = 30 // SEGMENT1 to SEGMENT30
	unit4Width         = 25 // client, voucher_type, batch_id, interface: 25 characters
	prefixWidth        = 10
)

// textRule is a Check for a text setting: blank, or at most width
// characters of which ok approves each; what says what they may be.
func textRule(key string, get func(JournalSettings) string, width int, ok func(rune) bool, what string) func(Assumptions) string {
	return func(a Assumptions) string {
		v := get(a.Journal)
		if v == "" {
			return ""
		}
		if n := utf8.RuneCountInString(v); n > width {
			return fmt.Sprintf("%s too long: found %q, %d characters; expected at most %d", key, v, n, width)
		}
		for _, r := range v {
			if !ok(r) {
				return fmt.Sprintf("%s holds %q: found %q; expected %s", key, r, v, what)
			}
		}
		return ""
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isPlain is a printable ASCII character: what a fixed-width file holds.
func isPlain(r rune) bool { return r >= ' ' && r <= '~' }

func isPrintable(r rune) bool { return unicode.IsPrint(r) }

func isPrefixRune(r rune) bool {
	return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || isDigit(r) || r == '-' || r == '_'
}

// checkSegments is oracle_segments' rule: 1 to 30 entries, each
// cost_centre, subjective or a fixed value of at most 25 characters.
func checkSegments(a Assumptions) string {
	list := a.Journal.OracleSegmentList()
	if len(list) > oracleSegments {
		return fmt.Sprintf("oracle_segments has %d entries; expected at most %d, one for each of SEGMENT1 to SEGMENT30", len(list), oracleSegments)
	}
	for i, e := range list {
		switch {
		case e == "":
			return fmt.Sprintf("oracle_segments: entry %d is blank; expected a comma list such as %q", i+1, "01, cost_centre, subjective")
		case utf8.RuneCountInString(e) > oracleNameWidth:
			return fmt.Sprintf("oracle_segments: entry %d, %q, is longer than %d characters (a segment is VARCHAR2(25)); expected cost_centre, subjective or a fixed value", i+1, e, oracleNameWidth)
		case strings.IndexFunc(e, func(r rune) bool { return !isPlain(r) }) >= 0:
			return fmt.Sprintf("oracle_segments: entry %d, %q, holds a character other than printable ASCII; expected cost_centre, subjective or a fixed value", i+1, e)
		}
	}
	return ""
}

// journalSettingRows are the registry's rows of the journal settings
// (settingTable lists them last).
var journalSettingRows = []Setting{
	{Key: "journal_prefix", Kind: KindText, Unit: "text", Default: "CC",
		Help:   "begins every journal reference (§16)",
		Note:   "For carecast journal: the start of every journal and line reference, such as CC-2020-11-M-0001. Letters, digits, - and _, at most 10. Default CC.",
		Expect: "letters, digits, - and _, at most 10, such as CC",
		Get:    func(a Assumptions) any { return a.Journal.Prefix },
		Set:    func(a *Assumptions, v any) { a.Journal.Prefix = v.(string) },
		Check: func(a Assumptions) string {
			if a.Journal.Prefix == "" {
				return "journal_prefix is blank; expected letters, digits, - and _, at most 10, such as CC"
			}
			return textRule("journal_prefix", func(j JournalSettings) string { return j.Prefix }, prefixWidth, isPrefixRune, "letters, digits, - and _")(a)
		}},
	{Key: "oracle_ledger_id", Kind: KindText, Unit: "text",
		Help:   "for journals in Oracle's format: the council's ledger ID (§16)",
		Note:   "For carecast journal --format oracle: the ledger's ID in Oracle Fusion (GL_INTERFACE.LEDGER_ID; the Manage Primary Ledgers task shows it), digits only, typed as text. The council's own: no default.",
		Expect: "the ledger's ID, up to 18 digits",
		Get:    func(a Assumptions) any { return a.Journal.OracleLedgerID },
		Set:    func(a *Assumptions, v any) { a.Journal.OracleLedgerID = v.(string) },
		Check:  textRule("oracle_ledger_id", func(j JournalSettings) string { return j.OracleLedgerID }, oracleLedgerDigits, isDigit, "digits only, up to 18"),
	},
	{Key: "oracle_source", Kind: KindText, Unit: "text",
		Help:   "for journals in Oracle's format: the journal source (§16)",
		Note:   "For carecast journal --format oracle: the journal source set up in Oracle Fusion for these journals (USER_JE_SOURCE_NAME), at most 25 characters. The council's own: no default.",
		Expect: "a journal source, at most 25 characters",
		Get:    func(a Assumptions) any { return a.Journal.OracleSource },
		Set:    func(a *Assumptions, v any) { a.Journal.OracleSource = v.(string) },
		Check:  textRule("oracle_source", func(j JournalSettings) string { return j.OracleSource }, oracleNameWidth, isPrintable, "printable characters"),
	},
	{Key: "oracle_category", Kind: KindText, Unit: "text",
		Help:   "for journals in Oracle's format: the journal category (§16)",
		Note:   "For carecast journal --format oracle: the journal category in Oracle Fusion (USER_JE_CATEGORY_NAME), at most 25 characters. The council's own: no default.",
		Expect: "a journal category, at most 25 characters",
		Get:    func(a Assumptions) any { return a.Journal.OracleCategory },
		Set:    func(a *Assumptions, v any) { a.Journal.OracleCategory = v.(string) },
		Check:  textRule("oracle_category", func(j JournalSettings) string { return j.OracleCategory }, oracleNameWidth, isPrintable, "printable characters"),
	},
	{Key: "oracle_segments", Kind: KindText, Unit: "text", Default: defaultOracleSegments,
		Help:   "for journals in Oracle's format: what goes in SEGMENT1, SEGMENT2, ... (§16)",
		Note:   "For carecast journal --format oracle: the segments of the council's chart of accounts in order, separated by commas: cost_centre and subjective for the Accounts sheet's codes, anything else a fixed value, such as 01, cost_centre, subjective, 0000. Default cost_centre, subjective.",
		Expect: "a comma list of cost_centre, subjective and fixed values, such as 01, cost_centre, subjective",
		Get:    func(a Assumptions) any { return a.Journal.OracleSegments },
		Set:    func(a *Assumptions, v any) { a.Journal.OracleSegments = v.(string) },
		Check:  checkSegments,
	},
	{Key: "unit4_client", Kind: KindText, Unit: "text",
		Help:   "for journals in Unit4's format: the company, Unit4's client (§16)",
		Note:   "For carecast journal --format unit4: the company (client) in Unit4 ERP that hosts the pooled fund, at most 25 characters. The council's own: no default.",
		Expect: "a Unit4 client, at most 25 plain characters",
		Get:    func(a Assumptions) any { return a.Journal.Unit4Client },
		Set:    func(a *Assumptions, v any) { a.Journal.Unit4Client = v.(string) },
		Check:  textRule("unit4_client", func(j JournalSettings) string { return j.Unit4Client }, unit4Width, isPlain, "printable ASCII (letters, digits, punctuation), as a fixed-width file holds"),
	},
	{Key: "unit4_voucher_type", Kind: KindText, Unit: "text",
		Help:   "for journals in Unit4's format: the transaction type (§16)",
		Note:   "For carecast journal --format unit4: the transaction type (voucher type) set up in Unit4 ERP for these journals, at most 25 characters. The council's own: no default.",
		Expect: "a Unit4 transaction type, at most 25 plain characters",
		Get:    func(a Assumptions) any { return a.Journal.Unit4VoucherType },
		Set:    func(a *Assumptions, v any) { a.Journal.Unit4VoucherType = v.(string) },
		Check:  textRule("unit4_voucher_type", func(j JournalSettings) string { return j.Unit4VoucherType }, unit4Width, isPlain, "printable ASCII (letters, digits, punctuation), as a fixed-width file holds"),
	},
	{Key: "unit4_batch_id", Kind: KindText, Unit: "text",
		Help:   "for journals in Unit4's format: the batch ID GL07 is run for (§16)",
		Note:   "For carecast journal --format unit4: the batch ID the journals are loaded under, the one GL07 (batch input) is ordered for, at most 25 characters. The council's own: no default.",
		Expect: "a batch ID, at most 25 plain characters",
		Get:    func(a Assumptions) any { return a.Journal.Unit4BatchID },
		Set:    func(a *Assumptions, v any) { a.Journal.Unit4BatchID = v.(string) },
		Check:  textRule("unit4_batch_id", func(j JournalSettings) string { return j.Unit4BatchID }, unit4Width, isPlain, "printable ASCII (letters, digits, punctuation), as a fixed-width file holds"),
	},
	{Key: "unit4_interface", Kind: KindText, Unit: "text", Default: "BI",
		Help:   "for journals in Unit4's format: the external system (§16)",
		Note:   "For carecast journal --format unit4: the external system (interface) the batch comes from, at most 25 characters. Default BI, Unit4's batch input.",
		Expect: "an interface, at most 25 plain characters, such as BI",
		Get:    func(a Assumptions) any { return a.Journal.Unit4Interface },
		Set:    func(a *Assumptions, v any) { a.Journal.Unit4Interface = v.(string) },
		Check:  textRule("unit4_interface", func(j JournalSettings) string { return j.Unit4Interface }, unit4Width, isPlain, "printable ASCII (letters, digits, punctuation), as a fixed-width file holds"),
	},
	{Key: "unit4_period", Kind: KindChoice, Unit: "text", Default: Unit4PeriodFinancial,
		Choices: []string{Unit4PeriodFinancial, Unit4PeriodCalendar, Unit4PeriodNone}, Noun: "way of filling the period",
		Help:   "for journals in Unit4's format: the period field, `financial` (202008 for November 2020), `calendar` (202011) or `none` (§16)",
		Note:   "For carecast journal --format unit4: how the period field is filled: financial (the year the financial year starts and the period in it, April = 01: November 2020 is 202008), calendar (202011) or none (left for GL07 to derive from the date). Default financial.",
		Expect: "financial, calendar or none",
		Get:    func(a Assumptions) any { return a.Journal.Unit4Period },
		Set:    func(a *Assumptions, v any) { a.Journal.Unit4Period = v.(string) }},
}
