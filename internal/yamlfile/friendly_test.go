package yamlfile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/itemreduce/itemreduce/internal/parseerr"
	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// The files people edit, shortened from examples/wijkteams; each case of
// TestPlainWords breaks one of them by one edit.

const bankYAML = `# Itembank van de jaarlijkse vragenlijst
title: "Vragenlijst sociale wijkteams 2017"

scales:
  likert5:
    min: 1
    max: 5
    missing: [9]
  grade10: {min: 1, max: 10}

items:
  # --- Samenwerking en kwaliteit van het team
  - {id: SA01, scale: likert5, theme: "Samenwerking en kwaliteit", reverse: true, text: "De samenwerking binnen ons team kan beter dan nu het geval is."}
  - {id: SA02, scale: likert5, theme: "Samenwerking en kwaliteit", text: "Onze teamleider moedigt het team aan om zelf oplossingen te bedenken."}
  - {id: SA03, scale: likert5, theme: "Samenwerking en kwaliteit", text: "Onze teamleider laat het team ruimte om eigen keuzes te maken."}
  - {id: SA04, scale: likert5, theme: "Samenwerking en kwaliteit", text: "In ons team worden besluiten op tijd genomen."}
  - {id: WE01, scale: grade10, theme: "Werkbeleving", text: "Welk rapportcijfer geeft u uw werk?"}
`

const reviewYAML = `# Review file: the researchers' judgement on the screening of the items.
#
#   decision:  keep or drop; leave it empty to follow the suggestion
#   reason:    why; required when your decision differs from the suggestion

screening:
  tool: itemreduce 0.1.0-dev
  drop_from_ticks: 1

items:
  - id: SA01
    text: "De samenwerking binnen ons team kan beter dan nu het geval is."
    flags: [stable]
    evidence:
      stable: {shift: -0.13, threshold: 0.4, n: 113, previous_n: 106}
    suggestion: drop
    decision:
    reason:
  - id: SA02
    text: "Onze teamleider moedigt het team aan om zelf oplossingen te bedenken."
    flags: [stable, redundant]
    evidence:
      stable: {shift: 0.02, threshold: 0.4, n: 116, previous_n: 105}
      redundant: [{id: SA03, r: 0.67, n: 113, keep: SA02}]
    suggestion: drop
    decision: keep
    reason: Vaste vraag in de monitor
  - id: SA03
    text: "Onze teamleider laat het team ruimte om eigen keuzes te maken."
    flags: []
    evidence: {}
    suggestion: keep
    decision:
    reason:
`

const proposalYAML = `# Proposal for next year's version of Vragenlijst sociale wijkteams 2017.
#
# Delete the line of every item you would leave out.

by: "Teamleider Zwolle"
target_length:        # optional: the number of items you aim for
keep:
  # --- Samenwerking en kwaliteit
  - SA01  # De samenwerking binnen ons team kan beter dan nu het geval is.
  - SA02  # Onze teamleider moedigt het team aan om zelf oplossingen te bedenken.
  - SA03  # Onze teamleider laat het team ruimte om eigen keuzes te maken.
  # --- Werkbeleving
  - WE01  # Welk rapportcijfer geeft u uw werk?
`

const rulesYAML = `# Screening thresholds exactly as printed in the 2018 report (section 4.2).

redundant: 0.50
scales:
  likert5:
    stable: 0.4
    ceiling: 4.2
    low_spread: 0.8
  grade10:
    stable: 0.8
    ceiling: 8.2
    low_spread: 1.8
`

// load reads text as a file of the given kind, as the program does.
func load(t *testing.T, kind, text string) error {
	t.Helper()
	bank, err := itembank.LoadBank(strings.NewReader(bankYAML), "bank.yaml")
	if err != nil {
		t.Fatal(err)
	}
	switch kind {
	case "bank":
		_, err = itembank.LoadBank(strings.NewReader(text), "bank.yaml")
	case "review":
		_, err = reduction.LoadReview(strings.NewReader(text), "review.yaml")
	case "proposal":
		_, err = reduction.LoadProposal(strings.NewReader(text), "zwolle.yaml", bank)
	case "rules":
		_, err = reduction.LoadConfig(strings.NewReader(text), "rules.yaml", bank)
	default:
		t.Fatalf("unknown kind %q", kind)
	}
	return err
}

var fileOf = map[string]string{"bank": "bank.yaml", "review": "review.yaml", "proposal": "zwolle.yaml", "rules": "rules.yaml"}

// edit applies one edit to text, failing the test if old is not in it.
func edit(t *testing.T, text, old, new string) string {
	t.Helper()
	if !strings.Contains(text, old) {
		t.Fatalf("%q is not in the file", old)
	}
	return strings.Replace(text, old, new, 1)
}

func TestGoodFilesLoad(t *testing.T) {
	for kind, text := range map[string]string{"bank": bankYAML, "review": reviewYAML, "proposal": proposalYAML, "rules": rulesYAML} {
		if err := load(t, kind, text); err != nil {
			t.Errorf("%s: %v", kind, err)
		}
	}
}

// TestPlainWords breaks each kind of file the way people break them by
// hand and checks that the message names the right line (file:line:) and
// says what to do. The "before" comments give the message of the code
// before these messages were written (commit 3e6dee8).
func TestPlainWords(t *testing.T) {
	for _, tc := range []struct {
		name, kind string
		old, new   string // the edit
		line       int
		words      []string
	}{
		// A tab used for indentation.
		{"tab", "bank", "    max: 5\n", "\tmax: 5\n", 7,
			// before: bank.yaml:6: syntax error: found a tab character that violates indentation
			[]string{"a tab is used for indentation", "replace the tab by spaces"}},
		{"tab", "review", "    decision: keep\n", "    \tdecision: keep\n", 26,
			// before: review.yaml:25: syntax error: found a tab character that violates indentation
			[]string{"a tab is used for indentation", "replace the tab by spaces"}},
		{"tab", "proposal", "  - SA02", "\t- SA02", 10,
			// before: zwolle.yaml:10: syntax error: found character that cannot start any token
			[]string{"a tab is used for indentation", "replace the tab by spaces"}},
		{"tab", "rules", "    ceiling: 8.2\n", "\tceiling: 8.2\n", 11,
			// before: rules.yaml:10: syntax error: found a tab character that violates indentation
			[]string{"a tab is used for indentation", "replace the tab by spaces"}},

		// ": " in a text without quotes.
		{"colon", "bank", `text: "In ons team worden besluiten op tijd genomen."`, `text: Let op: besluiten worden op tijd genomen`, 16,
			// before: bank.yaml:16: syntax error: did not find expected ',' or '}'
			[]string{"the text after text: contains ': '", `double quotes: text: "Let op: besluiten worden op tijd genomen"`}},
		{"colon", "review", "    reason: Vaste vraag in de monitor\n", "    reason: Te lang: schrappen\n", 27,
			// before: review.yaml:27: syntax error: mapping values are not allowed in this context
			[]string{"the text after reason: contains ': '", `double quotes: reason: "Te lang: schrappen"`}},
		{"colon", "proposal", `by: "Teamleider Zwolle"`, `by: Teamleider Zwolle: Jan de Vries`, 5,
			// before: zwolle.yaml:5: syntax error: mapping values are not allowed in this context
			[]string{"the text after by: contains ': '", `double quotes: by: "Teamleider Zwolle: Jan de Vries"`}},

		// The keep: line of a proposal deleted.
		{"no keep: line", "proposal", "keep:\n", "", 8,
			// before: zwolle.yaml:8:3: invalid value: target_length must be a whole number, not a list
			[]string{"no keep: line above it", "add a line keep: before the first item (- SA01)"}},
		{"no keep: line after target_length: 80", "proposal", "target_length:        # optional: the number of items you aim for\nkeep:\n", "target_length: 80\n", 8,
			// before: zwolle.yaml:5: syntax error: did not find expected key
			[]string{"no keep: line above it", "add a line keep:"}},
		{"no keep: line, nor by:", "proposal", "by: \"Teamleider Zwolle\"\ntarget_length:        # optional: the number of items you aim for\nkeep:\n", "", 6,
			// before: zwolle.yaml:6:3: syntax error: expected keys such as items:
			[]string{"no keep: line above it", "add a line keep:"}},
		{"no items: line", "bank", "items:\n", "", 12,
			// before: bank.yaml:5: syntax error: did not find expected key
			[]string{"this list has no name above it", "items:"}},
		{"no items: line", "review", "items:\n", "", 10,
			// before: review.yaml:7: syntax error: did not find expected key
			[]string{"this list has no name above it", "items:"}},

		// Wrong indentation.
		{"item indented by 3", "bank", "  - {id: SA03", "   - {id: SA03", 15,
			// before: bank.yaml:13: syntax error: did not find expected '-' indicator
			[]string{"this line is indented by 3 spaces, the lines around it by 2"}},
		{"key indented by 5", "review", "    decision: keep\n", "     decision: keep\n", 26,
			// before: review.yaml:26: syntax error: mapping values are not allowed in this context
			[]string{"this line is indented by 5 spaces, the lines around it by 4"}},
		{"key indented by 3", "review", "    reason: Vaste vraag in de monitor\n", "   reason: Vaste vraag in de monitor\n", 27,
			// before: review.yaml:11: syntax error: did not find expected '-' indicator
			[]string{"this line is indented by 3 spaces, the lines around it by 4"}},
		{"item indented by 3", "review", "  - id: SA03\n", "   - id: SA03\n", 28,
			// before: review.yaml:11: syntax error: did not find expected '-' indicator
			[]string{"this line is indented by 3 spaces, the lines around it by 2"}},
		{"item indented by 3", "proposal", "  - SA02", "   - SA02", 10,
			// before: zwolle.yaml:9: syntax error: did not find expected '-' indicator
			[]string{"this line is indented by 3 spaces, the lines around it by 2"}},
		{"item indented by 1", "proposal", "  - SA02", " - SA02", 10,
			// before: zwolle.yaml:5: syntax error: did not find expected key
			[]string{"this line is indented by 1 space, the lines around it by 2"}},
		{"first item indented by 3", "proposal", "  - SA01", "   - SA01", 9,
			// before: zwolle.yaml:5: syntax error: did not find expected key
			[]string{"this line is indented by 3 spaces, the lines around it by 2"}},
		{"item indented by 3, no comments", "proposal", "  - SA01  # De samenwerking binnen ons team kan beter dan nu het geval is.\n  - SA02  # Onze teamleider moedigt het team aan om zelf oplossingen te bedenken.\n", "  - SA01\n   - SA02\n", 10,
			// before: zwolle.yaml:9:5: item SA01 - SA02: not an item of the bank
			[]string{"this line is indented by 3 spaces, the lines around it by 2"}},
		{"key indented by 5", "rules", "    ceiling: 4.2\n", "     ceiling: 4.2\n", 7,
			// before: rules.yaml:7: syntax error: mapping values are not allowed in this context
			[]string{"this line is indented by 5 spaces, the lines around it by 4"}},
		{"key indented by 3", "rules", "    ceiling: 4.2\n", "   ceiling: 4.2\n", 7,
			// before: rules.yaml:5: syntax error: did not find expected key
			[]string{"this line is indented by 3 spaces, the lines around it by 4"}},

		// An unclosed quote.
		{"unclosed quote", "bank", `"Onze teamleider laat het team ruimte om eigen keuzes te maken."}`, `"Onze teamleider laat het team ruimte om eigen keuzes te maken.}`, 15,
			// before: bank.yaml:15: syntax error: did not find expected ',' or '}'
			[]string{`the quote (") opened on this line is not closed`, `text: "Onze teamleider laat het team ruimte om eigen keuzes te maken."`}},
		{"unclosed quote", "review", "    reason: Vaste vraag in de monitor\n", "    reason: \"Vaste vraag in de monitor\n", 27,
			// before: review.yaml:19: syntax error: did not find expected key
			[]string{`the quote (") opened on this line is not closed`, `reason: "Vaste vraag in de monitor"`}},
		{"apostrophe", "review", "    reason: Vaste vraag in de monitor\n", "    reason: 's Avonds gesteld, collega's vinden hem nuttig\n", 27,
			// before: review.yaml:19: syntax error: did not find expected key
			[]string{"starts with a quote (')", `double quotes: reason: "'s Avonds gesteld, collega's vinden hem nuttig"`}},
		{"unclosed quote", "proposal", `by: "Teamleider Zwolle"`, `by: "Teamleider Zwolle`, 5,
			// before: zwolle.yaml:5: syntax error: found unexpected end of stream
			[]string{`the quote (") opened on this line is not closed`, `by: "Teamleider Zwolle"`}},
		{"unclosed quote", "rules", "    stable: 0.8\n", "    stable: \"0.8\n", 10,
			// before: rules.yaml:10: syntax error: found unexpected end of stream
			[]string{`the quote (") opened on this line is not closed`, `stable: "0.8"`}},
	} {
		t.Run(tc.kind+"/"+tc.name, func(t *testing.T) {
			text := map[string]string{"bank": bankYAML, "review": reviewYAML, "proposal": proposalYAML, "rules": rulesYAML}[tc.kind]
			err := load(t, tc.kind, edit(t, text, tc.old, tc.new))
			t.Logf("got: %v", err)
			var pe *parseerr.Error
			if !errors.As(err, &pe) {
				t.Fatalf("error %v is not a *ParseError", err)
			}
			if at := fmt.Sprintf("%s:%d:", fileOf[tc.kind], tc.line); !strings.HasPrefix(err.Error(), at) {
				t.Errorf("error %q is not at %s", err, at)
			}
			if !errors.Is(err, parseerr.ErrSyntax) {
				t.Errorf("error %q does not wrap ErrSyntax", err)
			}
			for _, w := range tc.words {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
}
