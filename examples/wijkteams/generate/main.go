// Command generate writes the synthetic answers of the wijkteams example,
// responses-2016.csv and responses-2017.csv, from the item bank bank.yaml.
//
// Run it from the repository root to regenerate the committed files:
//
//	go run ./examples/wijkteams/generate
//
// Flags: -bank names the item bank (default examples/wijkteams/bank.yaml),
// -out the folder to write to (default: the bank's folder).
//
// The answers follow a latent-factor model. Every respondent has one latent
// trait per theme of the bank and one per group of near-duplicate items, all
// standard normal. Item i gets the continuous score
//
//	x = mean_i + shift_i·[2017] + sd_i·(t_i·F_theme + g_i·F_group + sqrt(1 - t_i² - g_i²)·e)
//
// with e item-specific noise; x is rounded and clipped to the item's scale.
// The theme loading t_i is negated for reverse-keyed items. The per-item
// parameters are in params.go. The random source is a PCG generator with a
// fixed seed per wave and nothing depends on map iteration order, so every
// run writes the same bytes.
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// bank mirrors the item bank file; the generator uses ids, scales, themes
// and keying, the other fields are there so that unknown keys are rejected.
type bank struct {
	Title      string              `yaml:"title"`
	Language   string              `yaml:"language"`
	Scales     map[string]scale    `yaml:"scales"`
	Items      []item              `yaml:"items"`
	Composites map[string][]string `yaml:"composites"`
}

type scale struct {
	Min     int            `yaml:"min"`
	Max     int            `yaml:"max"`
	Missing []int          `yaml:"missing"`
	Labels  map[int]string `yaml:"labels"`
}

type item struct {
	ID      string `yaml:"id"`
	Text    string `yaml:"text"`
	Scale   string `yaml:"scale"`
	Theme   string `yaml:"theme"`
	Reverse bool   `yaml:"reverse"`
}

// A municipality and its teams; respondents are spread evenly over the teams.
type municipality struct {
	name  string
	teams []string
}

var municipalities = []municipality{
	{"Zwolle", []string{"Aa-landen", "Holtenbroek", "Stadshagen", "Zwolle-Zuid", "Centrum-Diezerpoort", "Assendorp"}},
	{"Ommen-Hardenberg", []string{"Samen Doen Hardenberg", "Samen Doen Dedemsvaart", "Samen Doen Ommen"}},
	{"Steenwijkerland", []string{"Consulententeam Steenwijk", "Consulententeam Vollenhove"}},
}

// A wave is one year's survey: how many respondents each municipality had.
type wave struct {
	year        int
	respondents []int // per entry of municipalities
}

var waves = []wave{
	{2016, []int{68, 30, 12}},
	{2017, []int{73, 32, 12}}, // 62%, 27% and 11%, the 2017 shares in the report
}

// seed fixes the random source; each wave gets its own stream.
const seed = 2018

var background = []string{"respondent", "gemeente", "team", "functie", "leeftijd", "geslacht", "jaren_ervaring"}

func main() {
	bankPath := flag.String("bank", filepath.Join("examples", "wijkteams", "bank.yaml"), "item bank `file`")
	out := flag.String("out", "", "output `folder` (default: the bank's folder)")
	flag.Parse()
	if *out == "" {
		*out = filepath.Dir(*bankPath)
	}
	if err := run(*bankPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "generate:", err)
		os.Exit(1)
	}
}

// run writes one CSV file per wave into outDir.
func run(bankPath, outDir string) error {
	b, err := loadBank(bankPath)
	if err != nil {
		return err
	}
	if err := checkParams(b); err != nil {
		return fmt.Errorf("%s: %w", bankPath, err)
	}
	for _, w := range waves {
		path := filepath.Join(outDir, fmt.Sprintf("responses-%d.csv", w.year))
		if err := writeCSV(path, generate(b, w)); err != nil {
			return err
		}
	}
	return nil
}

func loadBank(path string) (*bank, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	var b bank
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &b, nil
}

// checkParams reports bank items without generator parameters and the
// reverse: parameters for items the bank does not have.
func checkParams(b *bank) error {
	var errs []error
	inBank := make(map[string]bool, len(b.Items))
	for _, it := range b.Items {
		inBank[it.ID] = true
		p, ok := params[it.ID]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("item %s has no generator parameters", it.ID))
		case p.theme*p.theme+p.load*p.load > 1:
			errs = append(errs, fmt.Errorf("item %s: loadings explain more than all variance", it.ID))
		}
		if _, ok := b.Scales[it.Scale]; !ok {
			errs = append(errs, fmt.Errorf("item %s: unknown scale %q", it.ID, it.Scale))
		}
	}
	if !inBank[breakOffFrom] {
		errs = append(errs, fmt.Errorf("break-off item %s is not in the bank", breakOffFrom))
	}
	for _, id := range slices.Sorted(maps.Keys(params)) {
		if !inBank[id] {
			errs = append(errs, fmt.Errorf("parameters for %s, which is not in the bank", id))
		}
	}
	return errors.Join(errs...)
}

// generate returns the rows of one wave, header first.
func generate(b *bank, w wave) [][]string {
	rng := rand.New(rand.NewPCG(seed, uint64(w.year)))
	asked := make([]item, 0, len(b.Items))
	for _, it := range b.Items {
		if !newIn2017[it.ID] || w.year >= 2017 {
			asked = append(asked, it)
		}
	}
	header := append([]string{}, background...)
	for _, it := range asked {
		header = append(header, it.ID)
	}
	rows := [][]string{header}

	// Respondents arrive in random order across municipalities.
	var order []int
	for m, n := range w.respondents {
		for range n {
			order = append(order, m)
		}
	}
	rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })

	factors := factorNames(b)
	breakAt := slices.IndexFunc(asked, func(it item) bool { return it.ID == breakOffFrom })
	for k, m := range order {
		row := backgroundRow(rng, fmt.Sprintf("%d-%03d", w.year, k+1), municipalities[m])
		f := make(map[string]float64, len(factors))
		for _, name := range factors {
			f[name] = rng.NormFloat64()
		}
		stops := rng.Float64() < breakOffRate
		for i, it := range asked {
			if stops && i >= breakAt {
				row = append(row, "")
				continue
			}
			row = append(row, answer(rng, it, b.Scales[it.Scale], f, w.year))
		}
		rows = append(rows, row)
	}
	return rows
}

// factorNames lists the latent traits in bank order: each theme, then each group.
func factorNames(b *bank) []string {
	var names []string
	seen := make(map[string]bool)
	add := func(name string) {
		if !seen[name] {
			seen[name] = true
			names = append(names, name)
		}
	}
	for _, it := range b.Items {
		add("theme:" + it.Theme)
		if g := params[it.ID].group; g != "" {
			add("group:" + g)
		}
	}
	return names
}

// answer draws one respondent's answer to it: a number on the scale, a
// missing code, or an empty cell.
func answer(rng *rand.Rand, it item, s scale, f map[string]float64, year int) string {
	p := params[it.ID]
	theme := p.theme
	if it.Reverse {
		theme = -theme
	}
	z := theme * f["theme:"+it.Theme]
	if p.group != "" {
		z += p.load * f["group:"+p.group]
	}
	z += math.Sqrt(1-p.theme*p.theme-p.load*p.load) * rng.NormFloat64()
	x := p.mean + p.sd*z
	if year >= 2017 {
		x += p.shift
	}
	v := min(max(int(math.Round(x)), s.Min), s.Max)

	u := rng.Float64()
	switch {
	case u < emptyRate+extraEmpty[it.ID]:
		return ""
	case len(s.Missing) > 0 && u > 1-dontKnowRate-extraDontKnow[it.ID]:
		return strconv.Itoa(s.Missing[0])
	}
	return strconv.Itoa(v)
}

// backgroundRow draws the non-item columns of one respondent.
func backgroundRow(rng *rand.Rand, id string, m municipality) []string {
	team := m.teams[rng.IntN(len(m.teams))]
	role := "generalist"
	switch u := rng.Float64(); {
	case u > 0.95:
		role = "gedragswetenschapper"
	case u > 0.55:
		role = "specialist"
	}
	age := min(max(int(math.Round(42+11*rng.NormFloat64())), 22), 64)
	sex := "v"
	if rng.Float64() < 0.14 {
		sex = "m"
	}
	years := int(math.Round(float64(age-21) * (0.2 + 0.8*rng.Float64())))
	ageCell := strconv.Itoa(age)
	if rng.Float64() < 0.02 {
		ageCell = ""
	}
	return []string{id, m.name, team, role, ageCell, sex, strconv.Itoa(years)}
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
