package reduction

import (
	"bytes"
	"strings"
	"testing"
)

// TestProposalTemplateLanguage: the checklist's comments follow the
// language asked for, or the bank's; its keys do not, and each version is
// a valid proposal keeping every item.
func TestProposalTemplateLanguage(t *testing.T) {
	bank := loadTestBank(t, testBankYAML)
	for _, tc := range []struct {
		lang, bankLang, first, optional string
	}{
		{"nl", "", "# Voorstel voor de volgende versie van ", "target_length:        # niet verplicht: het aantal items waar u naar streeft\n"},
		{"en", "nl", "# Proposal for next year's version of ", "target_length:        # optional: the number of items you aim for\n"},
		{"", "nl", "# Voorstel voor de volgende versie van ", "# niet verplicht"},
		{"", "", "# Proposal for next year's version of ", "# optional"},
	} {
		bank.Language = tc.bankLang
		var b bytes.Buffer
		var err error
		if tc.lang == "" {
			err = WriteProposalTemplate(&b, bank, "", 0)
		} else {
			err = WriteProposalTemplateIn(&b, bank, "", 0, Lang(tc.lang))
		}
		if err != nil {
			t.Fatal(err)
		}
		text := b.String()
		if !strings.HasPrefix(text, tc.first) || !strings.Contains(text, tc.optional) || !strings.Contains(text, "\nkeep:\n  # --- ") {
			t.Errorf("lang %q, bank %q:\n%s", tc.lang, tc.bankLang, text)
		}
		p, err := LoadProposal(strings.NewReader(text), "p.yaml", bank)
		if err != nil || keptBy(p, bank) != len(bank.Items) {
			t.Errorf("lang %q: not a valid proposal keeping every item: %v", tc.lang, err)
		}
	}
}
