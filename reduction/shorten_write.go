package reduction

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// ShortenBy is the by: of a proposal written by shorten.
const ShortenBy = "statistics (shorten)"

// WriteProposal writes the form as a proposal that decide --proposal
// reads (LoadProposal): by: statistics (shorten), target_length: and
// keep: with one id a line, grouped by theme, each with a comment giving
// how much I falls without it and its text.
func (f *ShortForm) WriteProposal(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Short form of %d items found by itemreduce shorten from the current wave's\n", f.Length)
	fmt.Fprintf(&b, "# correlations: the kept items predict %.1f%% of the standardized answer variance\n", 100*f.Information)
	fmt.Fprintf(&b, "# of the %d items (I = %.4f; no form of %d items can keep more than %.4f).\n", f.P, f.Information, f.Length, f.bestBound())
	b.WriteString("# After each id: how much I falls when that item alone is left out, then its text.\n\n")
	fmt.Fprintf(&b, "by: %s\n", ShortenBy)
	fmt.Fprintf(&b, "target_length: %d\n", f.Length)
	b.WriteString("keep:\n")
	for i, it := range f.Items {
		writeKeepLine(&b, it.ID, it.Theme, fmt.Sprintf("%.4f %s", it.Contribution, it.Text), i == 0 || it.Theme != f.Items[i-1].Theme)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// bestBound is the tighter of the two bounds.
func (f *ShortForm) bestBound() float64 {
	if f.ConstrainedBound < f.Bound {
		return f.ConstrainedBound
	}
	return f.Bound
}

// WriteText writes the report for the screen.
func (sh *Shortener) WriteText(w io.Writer, f *ShortForm) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Short form of %d items, chosen from the %d items with usable correlations in the current wave.\n", f.Length, f.P)
	fmt.Fprintf(&b, "Information retained I = %.4f: the kept items predict %.1f%% of the standardized answer variance of all %d items.\n", f.Information, 100*f.Information, f.P)
	fmt.Fprintf(&b, "Bound: no form of %d items keeps more than %.4f (the %d largest eigenvalues / %d); gap %.4f.\n", f.Length, f.Bound, f.Length, f.P, f.Gap())
	if f.ConstrainedBound < f.Bound-5e-5 { // differs as printed
		fmt.Fprintf(&b, "Bound with the forced and left-out items: %.4f; gap %.4f.\n", f.ConstrainedBound, f.ConstrainedBound-f.Information)
	}
	if f.Exact {
		fmt.Fprintf(&b, "This form is the best the constraints allow (proven by branch and bound, %d branches).\n", f.Nodes)
	} else {
		fmt.Fprintf(&b, "No single exchange of a kept item for a left-out one that the constraints allow raises I (swap-optimal; %d exchanges after the greedy start).\n", f.Swaps)
	}
	if sh.Smoothed {
		b.WriteString("The correlation matrix was not positive definite (pairwise deletion can do that): it was smoothed as psych::cor.smooth does.\n")
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "theme or composite\titems before\tafter\talpha before\tafter\tomega before\tafter")
	for _, t := range f.Themes {
		name := t.Name
		if t.Kind == CompositeScale {
			name = "composite " + name
		}
		after := fmt.Sprint(t.ItemsAfter)
		if t.Lost {
			after += " (lost)"
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\n", oneLine(name), t.ItemsBefore, after,
			formatStat(t.AlphaBefore, 2), formatStat(t.AlphaAfter, 2), formatStat(t.OmegaBefore, 2), formatStat(t.OmegaAfter, 2))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	b.WriteString("\n")
	if len(f.Binding) == 0 {
		b.WriteString("Binding constraints: none (no forbidden exchange would raise I).\n")
	} else {
		b.WriteString("Binding constraints (each forbids an exchange that would raise I by the amount shown):\n")
		tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		for _, c := range f.Binding {
			fmt.Fprintf(tw, "  %s\t+%.4f\t%s\n", c.Constraint, c.Gain, c.Example)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	b.WriteString("\nKept items (contribution: how much I falls when that item alone is left out):\n")
	tw = tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  item\tcontribution\ttheme\tkept because")
	for _, it := range f.Items {
		why := it.Forced
		if why == "" {
			why = "chosen"
		}
		fmt.Fprintf(tw, "  %s\t%.4f\t%s\t%s\n", it.ID, it.Contribution, oneLine(it.Theme), why)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	sh.writeNotes(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// writeNotes lists the items left out of the search and the warnings.
func (sh *Shortener) writeNotes(b *strings.Builder) {
	if len(sh.Unusable) > 0 {
		fmt.Fprintf(b, "\n%d items have no usable correlations and were not considered:\n", len(sh.Unusable))
		for _, u := range sh.Unusable {
			fmt.Fprintf(b, "  %s: %s\n", u.ID, u.Why)
		}
	}
	for _, w := range sh.Warnings {
		fmt.Fprintf(b, "Warning: %s\n", w)
	}
}

type jsonShortForm struct {
	Length           int               `json:"length"`
	P                int               `json:"p"`
	Information      jsonFloat         `json:"information"`
	Bound            jsonFloat         `json:"bound"`
	ConstrainedBound jsonFloat         `json:"constrained_bound"`
	Gap              jsonFloat         `json:"gap"`
	Exact            bool              `json:"exact"`
	Nodes            int               `json:"nodes,omitempty"`
	Swaps            int               `json:"swaps"`
	Smoothed         bool              `json:"smoothed"`
	Items            []jsonShortItem   `json:"items"`
	Themes           []viewReliability `json:"themes"`
	Binding          []jsonBinding     `json:"binding"`
	Unusable         []jsonUnusable    `json:"unusable"`
	Warnings         []string          `json:"warnings"`
}

type jsonShortItem struct {
	ID           string    `json:"id"`
	Theme        string    `json:"theme,omitempty"`
	Contribution jsonFloat `json:"contribution"`
	Forced       string    `json:"forced,omitempty"`
}

type jsonBinding struct {
	Constraint string    `json:"constraint"`
	Gain       jsonFloat `json:"gain"`
	Example    string    `json:"example"`
}

type jsonUnusable struct {
	ID  string `json:"id"`
	Why string `json:"why"`
}

// WriteJSON writes the report for programs; undefined figures are null.
func (sh *Shortener) WriteJSON(w io.Writer, f *ShortForm) error {
	j := jsonShortForm{Length: f.Length, P: f.P, Information: jsonFloat(f.Information), Bound: jsonFloat(f.Bound),
		ConstrainedBound: jsonFloat(f.ConstrainedBound), Gap: jsonFloat(f.Gap()), Exact: f.Exact, Nodes: f.Nodes, Swaps: f.Swaps,
		Smoothed: sh.Smoothed, Items: []jsonShortItem{}, Themes: reliabilityView(f.Themes), Binding: []jsonBinding{},
		Unusable: []jsonUnusable{}, Warnings: append([]string{}, sh.Warnings...)}
	for _, it := range f.Items {
		j.Items = append(j.Items, jsonShortItem{ID: it.ID, Theme: it.Theme, Contribution: jsonFloat(it.Contribution), Forced: it.Forced})
	}
	if j.Themes == nil {
		j.Themes = []viewReliability{}
	}
	for _, c := range f.Binding {
		j.Binding = append(j.Binding, jsonBinding{c.Constraint, jsonFloat(c.Gain), c.Example})
	}
	for _, u := range sh.Unusable {
		j.Unusable = append(j.Unusable, jsonUnusable(u))
	}
	return encodeJSON(w, j)
}

func encodeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteCurveText writes I and the bounds per length, for choosing one.
func (sh *Shortener) WriteCurveText(w io.Writer, curve []CurvePoint) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Information retained per length, of the %d items with usable correlations in the current wave.\n", sh.P())
	b.WriteString("I: what the form found keeps; bound: what no form of that length can exceed.\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "length\tI\tbound\tgap\tbound with constraints\t")
	for _, pt := range curve {
		if pt.Err != nil {
			fmt.Fprintf(tw, "%d\t-\t%.4f\t-\t-\t\n", pt.Length, sh.eigenAt(pt.Length))
			continue
		}
		fmt.Fprintf(tw, "%d\t%.4f\t%.4f\t%.4f\t%.4f\t\n", pt.Length, pt.Information, pt.Bound, pt.Bound-pt.Information, pt.Constrained)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, pt := range curve {
		if pt.Err != nil {
			fmt.Fprintf(&b, "Length %d: %v\n", pt.Length, pt.Err)
		}
	}
	sh.writeNotes(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

// eigenAt returns the eigenvalue bound for n items.
func (sh *Shortener) eigenAt(n int) float64 {
	if n < 0 || n >= len(sh.eigen) {
		return 1
	}
	return sh.eigen[n]
}

type jsonCurvePoint struct {
	Length           int       `json:"length"`
	Information      jsonFloat `json:"information"`
	Bound            jsonFloat `json:"bound"`
	ConstrainedBound jsonFloat `json:"constrained_bound"`
	Error            string    `json:"error,omitempty"`
}

// WriteCurveJSON writes the curve for programs.
func (sh *Shortener) WriteCurveJSON(w io.Writer, curve []CurvePoint) error {
	out := struct {
		P        int              `json:"p"`
		Smoothed bool             `json:"smoothed"`
		Curve    []jsonCurvePoint `json:"curve"`
		Unusable []jsonUnusable   `json:"unusable"`
		Warnings []string         `json:"warnings"`
	}{P: sh.P(), Smoothed: sh.Smoothed, Curve: []jsonCurvePoint{}, Unusable: []jsonUnusable{}, Warnings: append([]string{}, sh.Warnings...)}
	for _, pt := range curve {
		j := jsonCurvePoint{Length: pt.Length, Information: jsonFloat(pt.Information), Bound: jsonFloat(pt.Bound), ConstrainedBound: jsonFloat(pt.Constrained)}
		if pt.Err != nil {
			j.Bound = jsonFloat(sh.eigenAt(pt.Length))
			j.Error = pt.Err.Error()
		}
		out.Curve = append(out.Curve, j)
	}
	for _, u := range sh.Unusable {
		out.Unusable = append(out.Unusable, jsonUnusable(u))
	}
	return encodeJSON(w, out)
}
