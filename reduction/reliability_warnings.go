package reduction

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// scaleWarnings says which figures of sr are undefined and why, and the
// caveats a methodologist should see: items that correlate negatively
// with the rest, a Heywood case, scales mixed in one sum. Each warning
// begins with the scale, e.g. `theme "Werkbeleving": `.
func scaleWarnings(sr *ScaleReliability, bank *itembank.Bank, idx []int, m scaleMatrices, fit omegaFit, notes []string) []string {
	prefix := fmt.Sprintf("%s %q: ", sr.Kind, sr.Name)
	var out []string
	say := func(format string, args ...any) { out = append(out, prefix+fmt.Sprintf(format, args...)) }
	for _, n := range notes {
		say("%s", n)
	}
	for _, g := range nullFigures(sr, m, fit) {
		say("%s null: %s", joinAnd(g.figures), strings.Join(g.reasons, "; "))
	}
	if !math.IsNaN(sr.OmegaTotal) {
		var heywood, negative []string
		for a, l := range fit.loadings {
			if l*l >= MaxCommunality-1e-9 {
				heywood = append(heywood, sr.Items[a].ID)
			}
			if l < 0 {
				negative = append(negative, sr.Items[a].ID)
			}
		}
		if len(heywood) > 0 {
			say("omega_total: the one-factor fit holds the communality of %s at psych::fa's bound %g (a Heywood case): read omega_total with care", joinAnd(heywood), MaxCommunality)
		}
		if len(negative) > 0 {
			say("%s %s negatively on the common factor, so omega_total counts %s reversed (as psych::omega does): check the keying (reverse:) in the bank",
				joinAnd(negative), plural(len(negative), "loads", "load"), plural(len(negative), "it", "them"))
		}
	}
	var against []string
	for _, it := range sr.Items {
		if it.ItemRestR < 0 {
			against = append(against, fmt.Sprintf("%s (r = %.3f)", it.ID, it.ItemRestR))
		}
	}
	if len(against) > 0 {
		say("%s %s negatively with the rest of the scale, which lowers alpha: check the keying (reverse:) in the bank",
			joinAnd(against), plural(len(against), "correlates", "correlate"))
	}
	var scales []string
	seen := map[*itembank.Scale]bool{}
	for _, i := range idx {
		if sc := bank.Items[i].Scale; !seen[sc] {
			seen[sc] = true
			scales = append(scales, sc.String())
		}
	}
	if len(scales) > 1 {
		say("mixes the scales %s: alpha weighs each item by its variance, alpha_std weighs them equally", joinAnd(scales))
	}
	return out
}

// A nullGroup is a set of figures undefined for the same reasons.
type nullGroup struct {
	figures, reasons []string
}

// nullFigures groups the undefined figures of sr by their reasons, in the
// order alpha, alpha_std, average_r, omega_total, item_rest_r,
// alpha_if_deleted.
func nullFigures(sr *ScaleReliability, m scaleMatrices, fit omegaFit) []nullGroup {
	k := len(sr.Items)
	if k < 2 {
		return []nullGroup{{figures: []string{"every figure"},
			reasons: []string{fmt.Sprintf("the scale has %d item(s); reliability needs at least 2", k)}}}
	}
	covWhy := m.covWhy
	stdWhy := append(append([]string{}, covWhy...), m.constant...)
	omegaWhy := append(append([]string{}, stdWhy...), m.rWhy...)
	few := []string{"the scale has 2 items; a one-factor fit and alpha without one item need at least 3"}
	switch {
	case k < 3:
		omegaWhy = few
	case errors.Is(fit.err, ErrNoConvergence):
		omegaWhy = append(omegaWhy, fit.err.Error())
	}
	var groups []nullGroup
	note := func(figure string, undefined bool, why []string) {
		if !undefined {
			return
		}
		if len(why) == 0 {
			why = []string{"the sum of the items has no variance"}
		}
		key := strings.Join(why, "; ")
		for g := range groups {
			if strings.Join(groups[g].reasons, "; ") == key {
				groups[g].figures = append(groups[g].figures, figure)
				return
			}
		}
		groups = append(groups, nullGroup{figures: []string{figure}, reasons: why})
	}
	note("alpha", math.IsNaN(sr.Alpha), covWhy)
	note("alpha_std", math.IsNaN(sr.AlphaStd), stdWhy)
	note("average_r", math.IsNaN(sr.AverageR), stdWhy)
	note("omega_total", math.IsNaN(sr.OmegaTotal), omegaWhy)
	var restNull, deletedNull, constant []string
	for a, it := range sr.Items {
		switch {
		case m.constantItem[a]:
			constant = append(constant, it.ID)
		case math.IsNaN(it.ItemRestR):
			restNull = append(restNull, it.ID)
		}
		if math.IsNaN(it.AlphaIfDeleted) {
			deletedNull = append(deletedNull, it.ID)
		}
	}
	if len(restNull) > 0 {
		note(itemFigure("item_rest_r", restNull, k), true, covWhy)
	}
	if len(deletedNull) > 0 {
		why := covWhy
		if k < 3 {
			why = few
		}
		note(itemFigure("alpha_if_deleted", deletedNull, k), true, why)
	}
	if len(constant) > 0 {
		note(itemFigure("item_rest_r", constant, k), true, m.constant)
	}
	return groups
}

// itemFigure names an item figure of some items: "item_rest_r of every
// item", "alpha_if_deleted of SA01, SA02".
func itemFigure(figure string, ids []string, k int) string {
	if len(ids) == k && k > 1 {
		return figure + " of every item"
	}
	if len(ids) > 5 {
		return fmt.Sprintf("%s of %s and %d more", figure, strings.Join(ids[:5], ", "), len(ids)-5)
	}
	return figure + " of " + strings.Join(ids, ", ")
}

// joinAnd joins words as "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
