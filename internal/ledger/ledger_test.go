package ledger

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/itemreduce/itemreduce/itembank"
)

// people returns the keys of respondents named by numbers, sorted.
func people(l *Ledger, ids ...int) []itembank.RespondentKey {
	k := l.Keyer()
	keys := make([]itembank.RespondentKey, len(ids))
	for i, id := range ids {
		keys[i] = k.ByID(fmt.Sprint(id))
	}
	slices.SortFunc(keys, compareKeys)
	return keys
}

// span returns the numbers from a to b.
func span(a, b int) []int {
	var s []int
	for i := a; i <= b; i++ {
		s = append(s, i)
	}
	return s
}

func record(t *testing.T, releases ...[]int) *Ledger {
	t.Helper()
	l, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for n, ids := range releases {
		l.Releases = append(l.Releases, Release{Made: time.Date(2024, 5, n+1, 12, 0, 0, 0, time.UTC), Output: fmt.Sprintf("r%d.summary.json", n+1),
			Respondents: int64(len(ids)), MinRespondents: 10, Keys: people(l, ids...)})
	}
	return l
}

func join(parts ...[]int) []int { return slices.Concat(parts...) }

// TestCheck: a new release is refused when it and the earlier ones, in
// any combination, single out 1 to 9 respondents who were not singled
// out before; a release of the same, or of wholly other, respondents, or
// one that differs from every earlier one by at least 10, is not.
func TestCheck(t *testing.T) {
	team := span(1, 15)     // a team of 15; 15 is its one man
	women := span(1, 14)    // the team without him
	other := span(101, 130) // another team
	tests := []struct {
		name    string
		earlier [][]int
		new     []int
		refuse  string // "" when accepted
	}{
		{"first release", nil, team, ""},
		{"the same again", [][]int{team}, team, ""},
		{"the team without its man", [][]int{team}, women,
			"1 respondent(s) of release 1 of 2024-05-01 12:00 UTC (r1.summary.json) are not in this summary: fewer than the minimum of 10, so subtracting one summary from the other would show their answers (this summary and release 1 differ by 1 respondent(s))"},
		{"the team with one more", [][]int{women}, team,
			"1 respondent(s) in this summary are not in release 1 of 2024-05-01 12:00 UTC (r1.summary.json), which hold(s) the others"},
		{"another team", [][]int{team}, other, ""},
		{"both teams after each", [][]int{team, other}, join(team, other), ""},
		{"both teams and one more", [][]int{team, other}, join(team, other, []int{999}),
			"1 respondent(s) in this summary are not in release 2 of 2024-05-02 12:00 UTC (r2.summary.json); release 1 of 2024-05-01 12:00 UTC (r1.summary.json), which hold(s) the others"},
		{"ten fewer", [][]int{join(team, other)}, other[5:], ""},
		{"nine fewer", [][]int{join(team, other)}, join(team[9:], other), "9 respondent(s) of release 1"},
		// Three releases: a ∪ b and b ∪ c and then a ∪ c of teams of 15
		// are fine (classes a, b, c of 15 each)...
		{"overlapping thirds", [][]int{join(span(1, 15), span(16, 30)), join(span(16, 30), span(31, 45))}, join(span(1, 15), span(31, 45)), ""},
		// ...but after A and B, A ∪ B ∪ {p} is refused though it differs
		// from each by 16 or more: (A ∪ B ∪ {p}) − A − B = p.
		{"the union and one more", [][]int{span(1, 15), span(16, 30)}, span(1, 31), "1 respondent(s) in this summary are not in"},
		// A small class made earlier with a lower minimum is not the new
		// release's doing: releasing it again, whole, is not refused.
		{"an earlier small class kept whole", [][]int{span(1, 20), span(1, 25)}, span(1, 25), ""},
		{"an earlier small class split", [][]int{span(1, 20), span(1, 25)}, span(1, 23), "2 respondent(s) of release 2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			l := record(t, tc.earlier...)
			err := l.Check(people(l, tc.new...), 10)
			var de *DifferenceError
			switch {
			case tc.refuse == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.refuse != "" && !errors.As(err, &de):
				t.Errorf("error %v, want a refusal saying %q", err, tc.refuse)
			case tc.refuse != "" && !strings.Contains(err.Error(), tc.refuse):
				t.Errorf("refusal %q does not say %q", err, tc.refuse)
			}
		})
	}
}

// TestCheckDiffer: the refusal says by how many respondents the new
// release and the nearest earlier one differ, either way.
func TestCheckDiffer(t *testing.T) {
	l := record(t, span(1, 15), span(100, 140))
	err := l.Check(people(l, span(1, 14)...), 10)
	var de *DifferenceError
	if !errors.As(err, &de) || de.Size != 1 || de.InNew || de.Differ != 1 || len(de.Releases) != 1 || !strings.HasPrefix(de.Releases[0], "release 1 of") {
		t.Fatalf("error %+v", err)
	}
	if !strings.Contains(err.Error(), "(this summary and release 1 differ by 1 respondent(s))") {
		t.Errorf("message %q", err)
	}
}

// TestMarshalLoad: a record reads back as written, and a damaged one is
// refused.
func TestMarshalLoad(t *testing.T) {
	l := record(t, span(1, 12), span(20, 40))
	l.Releases[0].Where = []string{"team=Aa-landen"}
	l.Releases[0].IDColumn = "respondent"
	l.Releases[1].Data = []DataFile{{Path: "a.csv", SHA256: "ab"}}
	data, err := l.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Load(bytes.NewReader(data), "releases.json")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	again, _ := back.Marshal()
	if !bytes.Equal(again, data) || !bytes.Equal(back.Salt, l.Salt) {
		t.Errorf("read back differs:\n%s\n%s", data, again)
	}
	if !IsLedger(data) || IsLedger([]byte(`{"format": "itemreduce summary"}`)) {
		t.Error("IsLedger does not tell a record from a summary")
	}
	// Ids 1 to 40 appear nowhere as such; release 1 says how it knew them.
	if bytes.Contains(data, []byte(`"12"`)) || !bytes.Contains(data, []byte(`"identified_by": "id column",`+"\n      "+`"id_column": "respondent"`)) {
		t.Errorf("the record shows an id, or does not say how it knew them:\n%s", data)
	}
	salt := base64.StdEncoding.EncodeToString(l.Salt)
	for _, tc := range []struct{ name, old, new, want string }{
		{"keys changed", Fingerprint(l.Releases[0].Keys), Fingerprint(l.Releases[1].Keys), "do not match respondents_fingerprint"},
		{"unknown key", `"salt":`, `"pepper": "x", "salt":`, "unknown field"},
		{"other version", `"version": 1`, `"version": 2`, "version 2"},
		{"numbering", `"release": 2`, `"release": 3`, "release 2 is numbered 3"},
		{"a short salt", salt, "AAAA", "the salt is not 16 or more bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(string(data), tc.old, tc.new, 1)
			if src == string(data) {
				t.Fatalf("%q not in the record", tc.old)
			}
			_, err := Load(strings.NewReader(src), "releases.json")
			if !errors.Is(err, ErrBadLedger) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
}
