package reduction

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fuzzSource turns fuzz input into choices; exhausted, it always says 0.
type fuzzSource struct {
	data []byte
	i    int
}

func (s *fuzzSource) pick(n int) int {
	if s.i >= len(s.data) {
		return 0
	}
	b := s.data[s.i]
	s.i++
	return int(b) % n
}

func (s *fuzzSource) chance(n int) bool { return s.pick(n) == 1 }

// A fuzzReview is a review file written as a researcher might have edited
// it, with what a refresh must keep.
type fuzzReview struct {
	s        *fuzzSource
	lines    []string
	human    []string // lines that must come back unchanged and in order
	comments []string // comment texts written, each as often as written
	brk      string   // line break
	enc      textEncoding
	words    []string
	n        int  // comments written so far
	block    bool // the last field written is a computed block scalar
}

var (
	asciiWords = []string{"Nodig", "voor", "de", "Index", "zie", "A2", "ronde-2", "a#b"}
	cp1252     = []string{"één", "café", "naïef", "€5", "müde", "Œuvre"}
	nonLatin   = []string{"ĳs", "漢字", "🙂", "Ωmega"}
	breakChars = []string{"\r", "\u0085", "\u2028", "\u2029"}
)

func (g *fuzzReview) word() string { return g.words[g.s.pick(len(g.words))] }

func (g *fuzzReview) add(human bool, lines ...string) {
	g.lines = append(g.lines, lines...)
	if human {
		g.human = append(g.human, lines...)
	}
}

// comment returns a new comment; some are the same text as an earlier one.
func (g *fuzzReview) comment() string {
	g.n++
	c := fmt.Sprintf("# opmerking %d %s", g.n%4, g.word())
	g.comments = append(g.comments, c)
	return c
}

// trailing is nothing, or a comment to put at the end of a line.
func (g *fuzzReview) trailing() string {
	if g.s.chance(3) {
		return strings.Repeat(" ", 1+g.s.pick(3)) + g.comment()
	}
	return ""
}

// gap writes the blank and comment lines a person puts between fields.
// After a computed block scalar, a comment indented as deep as its text
// would be text, so none is.
func (g *fuzzReview) gap() {
	indents := []string{"", "  ", "    ", "      "}
	if g.block {
		indents = indents[:3]
	}
	for g.s.chance(3) {
		if g.s.chance(2) {
			g.add(false, "")
		} else {
			g.add(true, indents[g.s.pick(len(indents))]+g.comment())
		}
	}
	g.block = false
}

// scalar writes key: with a text value in one of YAML's styles.
func (g *fuzzReview) scalar(key string) {
	ind, sub := "    ", "      "
	w := g.word
	switch g.s.pick(10) {
	case 0:
		g.add(true, ind+key+":"+g.trailing())
	case 1:
		g.add(true, ind+key+": "+w()+" "+w()+g.trailing())
	case 2:
		g.add(true, ind+key+": '"+w()+" it''s # "+w()+"'"+g.trailing())
	case 3:
		g.add(true, ind+key+`: "`+w()+` \"x\" # `+w()+`\t\u00e9"`+g.trailing())
	case 4, 5:
		head := []string{"|", ">"}[g.s.pick(2)] + []string{"", "-", "+"}[g.s.pick(3)] + []string{"", "2"}[g.s.pick(2)]
		g.add(true, ind+key+": "+head+g.trailing(), sub+w())
		for k := g.s.pick(4); k > 0; k-- {
			g.add(true, []string{sub + w(), sub + "# " + w(), "", sub + "  " + w(), sub + "#"}[g.s.pick(5)])
		}
	case 6:
		g.add(true, ind+key+`: "`+w(), sub+"# "+w(), sub+w()+`"`+g.trailing())
	case 7:
		g.add(true, ind+key+": "+w(), sub+w()+g.trailing())
	case 8:
		c := breakChars[g.s.pick(len(breakChars))]
		if strings.Contains(g.brk, c) || strings.Contains(c, g.brk) || (g.enc.name == "windows-1252" && c != "\r") {
			c = " "
		}
		g.add(true, ind+key+`: "`+w()+c+sub+w()+`"`+g.trailing())
	case 9:
		g.add(true, ind+key+": >-", "", sub+w(), "", sub+w())
	}
}

// computedField writes a computed field of c, in the style the program
// writes or another one, with comments inside that a refresh must keep.
func (g *fuzzReview) computedField(c *computed, key string) {
	lines := c.field(key, "    ")
	switch {
	case key == "text" && g.s.chance(3):
		lines = []string{"    text: '" + strings.ReplaceAll(c.Text, "'", "''") + "'"}
	case key == "text" && g.s.chance(3):
		lines = []string{"    text: |-", "      " + c.Text}
		g.block = true
	case key == "flags" && len(c.Flags) > 0 && g.s.chance(2):
		lines = []string{"    flags:"}
		for _, f := range c.Flags {
			lines = append(lines, "      - "+f.String())
		}
	}
	for i, l := range lines {
		if i > 0 && !g.block && g.s.chance(4) { // not inside the block scalar
			g.add(false, []string{"    ", "      ", "        "}[g.s.pick(3)]+g.comment())
		}
		if i > 0 && g.block {
			g.add(false, l) // a "#" in a block scalar's text is text
			continue
		}
		g.add(false, l+g.trailing())
	}
}

// item writes the entry of c with the human fields in some order.
func (g *fuzzReview) item(c *computed) {
	g.add(true, "  - id: "+c.ID+g.trailing())
	keys := append(slices.DeleteFunc(slices.Clone(computedKeys), func(k string) bool { return k == "in_bank" }), "decision", "reason", "note")
	for i := len(keys) - 1; i > 0; i-- {
		if g.s.chance(3) {
			j := g.s.pick(i + 1)
			keys[i], keys[j] = keys[j], keys[i]
		}
	}
	for _, k := range keys {
		g.gap()
		switch k {
		case "decision":
			g.add(true, "    decision:"+[]string{"", " keep", " drop", " 'keep'", ` "drop"`}[g.s.pick(5)]+g.trailing())
		case "reason":
			g.scalar("reason")
		case "note":
			if g.s.chance(2) {
				g.scalar("note")
			}
		default:
			if !g.s.chance(8) { // else the field was deleted: the refresh fills it in
				g.computedField(c, k)
			}
		}
	}
}

// screening writes the screening: section, with comments in it.
func (g *fuzzReview) screening(s Screening) {
	lines, _ := screeningLines(s)
	for _, l := range lines {
		g.add(false, l+g.trailing())
		if g.s.chance(6) {
			g.add(false, []string{"", "  ", "    "}[g.s.pick(3)]+g.comment())
		}
	}
}

// newFuzzReview writes a review file of the items fresh.
func newFuzzReview(data []byte, fresh []computed, s Screening) *fuzzReview {
	g := &fuzzReview{s: &fuzzSource{data: data}}
	g.enc = []textEncoding{{name: "UTF-8"}, {name: "UTF-8", bom: true}, {name: "UTF-16LE"}, {name: "UTF-16BE"}, {name: "windows-1252"}}[g.s.pick(5)]
	breaks := []string{"\n", "\r\n", "\r", "\u0085", "\u2028"}
	g.words = append(append([]string{}, asciiWords...), cp1252...)
	if g.enc.name == "windows-1252" {
		breaks = breaks[:3] // it has no NEL, LS or PS
	} else {
		g.words = append(g.words, nonLatin...)
	}
	g.brk = breaks[g.s.pick(len(breaks))]
	g.add(true, "# Beoordeling, ronde 1", "#")
	order := []int{0, 1, 2, 3}
	if g.s.chance(4) {
		order[1], order[2] = order[2], order[1] // entries moved by hand
	}
	items := func() {
		g.add(true, "items:"+g.trailing())
		for _, i := range order {
			if fresh[i].ID == "A2" && g.s.chance(6) {
				continue // deleted by hand
			}
			g.item(&fresh[i])
		}
		g.gap()
	}
	if g.s.chance(3) {
		items()
		g.screening(s)
	} else {
		g.screening(s)
		g.gap()
		items()
	}
	switch g.s.pick(3) {
	case 1:
		g.add(true, "add:", "  - id: N1", "    text: \"Nieuwe stelling "+g.word()+"\"", "    scale: likert5", "    reason: nieuw"+g.trailing())
	case 2:
		g.add(true, "add: [{id: N1, text: '"+g.word()+"', scale: likert5}]"+g.trailing())
	}
	switch g.s.pick(3) {
	case 1:
		g.add(true, "merge:", "  - id: M1", "    text: Samen", "    scale: likert5", "    from: [A1, A3]"+g.trailing(), "    reason: |", "      # een vraag")
	case 2:
		g.add(true, "merge: [{id: M1, text: \"Samen\", scale: likert5, from: [A1, G1]}]")
	}
	if g.s.chance(3) {
		g.add(true, "---", "# tweede document", "ronde: 2")
	}
	if g.s.chance(4) {
		g.add(false, "") // no final line break
	}
	if g.s.chance(5) { // chosen last, so that earlier inputs keep their meaning
		g.lines = append([]string{"%YAML 1.1", "---"}, g.lines...)
		g.human = append([]string{"%YAML 1.1", "---"}, g.human...)
	}
	return g
}

func (g *fuzzReview) bytes() []byte {
	text := strings.Join(g.lines, g.brk) + g.brk
	if g.lines[len(g.lines)-1] == "" {
		text = strings.Join(g.lines[:len(g.lines)-1], g.brk) // no final line break
	}
	data, err := g.enc.encode([]byte(text))
	if err != nil {
		panic(err) // the words are chosen for the encoding
	}
	return data
}

// FuzzRefreshKeepsHumanFields edits a review file as a researcher might,
// driven by the fuzz input (comments anywhere, fields in any order,
// quoting and block styles, block scalars with "#" lines, non-ASCII text,
// each line break and encoding, an entry moved or deleted), then refreshes
// it with another screening of a bank that lost one item (A3) and gained
// one (A4). The refresh must keep every decision, reason, note, add: and
// merge:, every line the researcher wrote, in order, every comment, the
// blank lines, the encoding and the line breaks; fill in the computed
// fields; and come out the same when refreshed again.
func FuzzRefreshKeepsHumanFields(f *testing.F) {
	bank := loadTestBank(f, testBankYAML)
	resA := screeningA(bank)
	next := loadTestBank(f, strings.Replace(strings.Replace(testBankYAML,
		"  - {id: A3, scale: likert5, theme: Team, text: \"Derde: met een dubbele punt en \\\"aanhalingstekens\\\"\"}\n", "", 1),
		"  - {id: G1,", "  - {id: A4, scale: likert5, text: \"Vierde: nieuw\"}\n  - {id: G1,", 1))
	resB := fakeResult(next, DefaultThresholds(), map[string]fake{
		"A1": {flags: []Rule{Stable}, mean: 3.3, sd: 1, shift: 0.1},
		"A4": {flags: []Rule{Ceiling, LowSpread}, mean: 4.5, sd: 0.5, shift: 0.5},
		"G1": {flags: []Rule{Stable, Ceiling, LowSpread}, mean: 8.6, sd: 1.1, shift: 0.3},
	})
	freshA := computedItems(resA, DefaultConfig())
	freshB := computedItems(resB, DefaultConfig())
	sA := testScreening(resA, DefaultConfig())
	for _, seed := range []string{"", "\x01\x01\x01\x01\x01\x01\x01\x01", "\x02\x04\x01\x05\x01\x04\x01\x03\x01\x06", "\x03\x02\x09\x04\x01\x01\x07\x01\x08\x01\x01\x02\x01\x03",
		"\x02\x04\x01\x05\x01\x04\x01\x03\x01\x86", "\x04\x01\x02\x03\x01\x01\x05\x01\x02\x81"} {
		f.Add([]byte(seed))
	}
	freshNL := computedIn(resA, DefaultConfig(), Dutch)
	sNL := sA
	sNL.Language = Dutch.recorded()
	f.Fuzz(func(t *testing.T, data []byte) {
		// A last byte of 0x80 or more: a file written in Dutch.
		dutch := len(data) > 0 && data[len(data)-1] >= 0x80
		g := newFuzzReview(data, freshA, sA)
		if dutch {
			g = newFuzzReview(data, freshNL, sNL)
		}
		in := g.bytes()
		_, loadErr := LoadReview(bytes.NewReader(in), "review.yaml")
		out, rep, err := RefreshReview(in, "review.yaml", resB, DefaultConfig(), testScreening(resB, DefaultConfig()))
		if loadErr != nil && !strings.Contains(loadErr.Error(), "suggestion") {
			return // not YAML as written: the refresh refuses it or not, but does not panic
		}
		if err != nil {
			t.Fatalf("refresh refused: %v\n%q", err, in)
		}
		checkFuzzRefresh(t, g, in, out, rep, freshB)
		if text, _, _ := decodeReview(out, "review.yaml"); dutch != (rep.Lang == Dutch) ||
			dutch && regexp.MustCompile(`suggestion: (keep|drop)`).Match(text) ||
			!dutch && regexp.MustCompile(`suggestion: (behouden|schrappen)`).Match(text) {
			t.Fatalf("the refresh did not keep the file's language (Dutch %v, refreshed in %q):\n%q", dutch, rep.Lang, text)
		}
		again, _, err := RefreshReview(out, "review.yaml", resB, DefaultConfig(), testScreening(resB, DefaultConfig()))
		if err != nil || !bytes.Equal(again, out) {
			t.Fatalf("a second refresh changed the file (error %v):\n%q\n%q", err, out, again)
		}
	})
}

func checkFuzzRefresh(t *testing.T, g *fuzzReview, in, out []byte, rep *RefreshReport, fresh []computed) {
	t.Helper()
	// A windows-1252 file of ASCII characters only is UTF-8 as well.
	inText, inEnc, _ := decodeReview(in, "review.yaml")
	outText, enc, err := decodeReview(out, "review.yaml")
	if err != nil || enc != inEnc || (inEnc != g.enc && g.enc.name != "windows-1252") {
		t.Fatalf("the refreshed file is in %+v, not %+v (%v)", enc, g.enc, err)
	}
	before, _ := loadReview(bytes.NewReader(inText), "review.yaml", true)
	after, err := LoadReview(bytes.NewReader(outText), "review.yaml")
	if err != nil {
		t.Fatalf("the refreshed file does not load: %v\n%q", err, outText)
	}
	for _, b := range before.Items {
		a := after.Item(b.ID)
		if a == nil || a.Decision != b.Decision || a.Reason != b.Reason || a.Note != b.Note {
			t.Fatalf("item %s: %+v, want decision %q reason %q note %q\n%q", b.ID, a, b.Decision, b.Reason, b.Note, outText)
		}
		if (b.ID == "A3") == a.InBank {
			t.Fatalf("item %s: in_bank %v", b.ID, a.InBank)
		}
	}
	strip := func(rv *Review) ([]NewItem, []Merge) {
		add, merge := slices.Clone(rv.Add), slices.Clone(rv.Merge)
		for i := range add {
			add[i].Line = 0
		}
		for i := range merge {
			merge[i].Line = 0
		}
		return add, merge
	}
	ba, bm := strip(before)
	aa, am := strip(after)
	if !reflect.DeepEqual(ba, aa) || !reflect.DeepEqual(bm, am) {
		t.Fatalf("add: or merge: changed")
	}
	for i := range fresh {
		it := after.Item(fresh[i].ID)
		switch {
		case it == nil && slices.Contains(rep.Missing, fresh[i].ID) && before.Item(fresh[i].ID) == nil:
		case it == nil || !sameComputed(it, &fresh[i]):
			t.Fatalf("item %s: computed fields not refreshed: %+v", fresh[i].ID, it)
		}
	}
	lines := strings.Split(string(outText), g.brk)
	if w, ok := inOrderLines(lines, g.human); !ok {
		t.Fatalf("line %q was lost or moved:\n%q\n%q", w, inText, outText)
	}
	for _, c := range slices.Compact(slices.Sorted(slices.Values(g.comments))) {
		if n, want := strings.Count(string(outText), c), strings.Count(string(inText), c); n != want {
			t.Fatalf("comment %q %d times, want %d:\n%q", c, n, want, outText)
		}
	}
	blanks := func(text []byte) int {
		n := 0
		for _, l := range strings.Split(string(text), g.brk) {
			if strings.TrimSpace(l) == "" {
				n++
			}
		}
		return n
	}
	if blanks(outText) != blanks(inText) {
		t.Fatalf("%d blank lines, want %d:\n%q\n%q", blanks(outText), blanks(inText), inText, outText)
	}
	// Every new line ends with the file's line break: the other breaks
	// are those inside the researchers' text.
	others := func(text []byte) string {
		return strings.Map(func(r rune) rune {
			if strings.ContainsRune("\r\n\u0085\u2028\u2029", r) {
				return r
			}
			return -1
		}, strings.ReplaceAll(string(text), g.brk, ""))
	}
	if others(outText) != others(inText) {
		t.Fatalf("line breaks other than %q: %q, want %q", g.brk, others(outText), others(inText))
	}
}

// inOrderLines reports the first of want that is not a line of lines, in
// order.
func inOrderLines(lines, want []string) (string, bool) {
	i := 0
	for _, w := range want {
		j := slices.Index(lines[i:], w)
		if j < 0 {
			return w, false
		}
		i += j + 1
	}
	return "", true
}
