package reduction

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// factorCorrelation returns the correlation matrix of p items loading on
// f factors with random loadings (seeded), the synthetic structure of
// the tests and benchmarks.
func factorCorrelation(p, f int, seed uint64) *mat.SymDense {
	rng := rand.New(rand.NewPCG(seed, 7))
	load := mat.NewDense(p, f, nil)
	for i := range p {
		load.Set(i, i%f, 0.4+0.5*rng.Float64())
		load.Set(i, (i+1)%f, 0.3*rng.Float64()-0.15)
	}
	r := mat.NewSymDense(p, nil)
	for i := range p {
		for j := i; j < p; j++ {
			if i == j {
				r.SetSym(i, i, 1)
				continue
			}
			v := 0.0
			for k := range f {
				v += load.At(i, k) * load.At(j, k)
			}
			r.SetSym(i, j, v)
		}
	}
	// Make it a correlation matrix with unique variances: rows' loadings
	// squared stay below 1 (0.9² + 0.15² < 1).
	return r
}

// referenceInformation computes I(K) the plain way: for every item j, an
// LU solve of R_KK·x = r_Kj and R²(j|K) = r_jK·x.
func referenceInformation(t testing.TB, r *mat.SymDense, kept []int) float64 {
	t.Helper()
	p, k := r.SymmetricDim(), len(kept)
	rkk := mat.NewDense(k, k, nil)
	for x, i := range kept {
		for y, j := range kept {
			rkk.Set(x, y, r.At(i, j))
		}
	}
	total := 0.0
	for j := range p {
		rk := mat.NewVecDense(k, nil)
		for x, i := range kept {
			rk.SetVec(x, r.At(i, j))
		}
		var sol mat.VecDense
		if err := sol.SolveVec(rkk, rk); err != nil {
			t.Fatal(err)
		}
		total += mat.Dot(rk, &sol)
	}
	return total / float64(p)
}

// plainProblem is a problem without constraints beyond the length.
func plainProblem(r *mat.SymDense, n int) *formProblem {
	p := r.SymmetricDim()
	fp := &formProblem{r: r, n: n, ids: make([]string, p), theme: make([]int, p),
		units: make([][]int, p), unitOf: make([]int, p), in: make([]string, p), out: make([]string, p), unitName: make([]string, p)}
	for i := range p {
		fp.ids[i] = fmt.Sprintf("Q%02d", i+1)
		fp.theme[i] = -1
		fp.units[i] = []int{i}
		fp.unitOf[i] = i
	}
	return fp
}

// bruteForce returns the best I over every form the problem allows.
func bruteForce(t *testing.T, fp *formProblem) (float64, []int) {
	t.Helper()
	p := len(fp.ids)
	best, bestK := math.Inf(-1), []int(nil)
	for mask := 0; mask < 1<<p; mask++ {
		var kept []int
		for i := range p {
			if mask&(1<<i) != 0 {
				kept = append(kept, i)
			}
		}
		if len(kept) != fp.n || !fp.formAllowed(kept) {
			continue
		}
		if v := referenceInformation(t, fp.r, kept); v > best {
			best, bestK = v, kept
		}
	}
	return best, bestK
}

func TestInformationRetainedAgainstPlainSolves(t *testing.T) {
	r := factorCorrelation(30, 4, 1)
	for _, kept := range [][]int{{0}, {0, 5, 9}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, {29, 3, 17, 8}} {
		got, err := InformationRetained(r, kept)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceInformation(t, r, kept)
		if math.Abs(got-want) > 1e-12 {
			t.Errorf("I(%v) = %.15f, plain solves give %.15f", kept, got, want)
		}
	}
}

func TestResidualUpdatesMatchFreshFactorization(t *testing.T) {
	r := factorCorrelation(25, 3, 2)
	s := newResidual(r, 3)
	steps := []struct {
		add  bool
		item int
	}{{true, 3}, {true, 7}, {true, 11}, {true, 20}, {false, 7}, {true, 1}, {false, 3}, {false, 20}, {true, 24}}
	for _, st := range steps {
		if st.add {
			want := s.trace() - s.addGain(st.item)
			if err := s.add(st.item); err != nil {
				t.Fatal(err)
			}
			if math.Abs(s.trace()-want) > 1e-10 {
				t.Errorf("adding %d: trace %.12f, gain predicted %.12f", st.item, s.trace(), want)
			}
		} else {
			want := s.trace() + s.removeLoss(st.item)
			s.remove(st.item)
			if math.Abs(s.trace()-want) > 1e-10 {
				t.Errorf("removing %d: trace %.12f, loss predicted %.12f", st.item, s.trace(), want)
			}
		}
		ref := referenceInformation(t, r, s.kept)
		if math.Abs(s.information()-ref) > 1e-12 {
			t.Errorf("after %v: I %.15f by updates, %.15f by plain solves", st, s.information(), ref)
		}
	}
}

func TestSwapFormulaMatchesExchange(t *testing.T) {
	r := factorCorrelation(20, 3, 3)
	s := newResidual(r, 6)
	for _, i := range []int{0, 4, 8, 12, 16, 19} {
		if err := s.add(i); err != nil {
			t.Fatal(err)
		}
	}
	sc := s.singleSwaps()
	base := referenceInformation(t, r, s.kept)
	for x, a := range sc.kept {
		for y, c := range sc.dropped {
			kept := slices.DeleteFunc(slices.Clone(s.kept), func(i int) bool { return i == a })
			want := (referenceInformation(t, r, append(kept, c)) - base) * 20
			if got := sc.gain(x, y); math.Abs(got-want) > 1e-10 {
				t.Fatalf("exchange %d for %d: formula %.12f, plain %.12f", a, c, got, want)
			}
			fp := plainProblem(r, 6)
			if got := fp.swapGain(s, swap{out: a, in: c}); math.Abs(got-want) > 1e-10 {
				t.Fatalf("exchange %d for %d: one-pair score %.12f, plain %.12f", a, c, got, want)
			}
		}
	}
}

func TestExactAgainstBruteForce(t *testing.T) {
	for seed := range uint64(4) {
		r := factorCorrelation(12, 3, 10+seed)
		for _, n := range []int{2, 5, 9} {
			fp := plainProblem(r, n)
			s, err := fp.search()
			if err != nil {
				t.Fatal(err)
			}
			got, info, _, err := fp.exact(s.kept)
			if err != nil {
				t.Fatal(err)
			}
			want, wantK := bruteForce(t, fp)
			if math.Abs(info-want) > 1e-12 {
				t.Errorf("seed %d n %d: exact %v I %.15f, brute force %v I %.15f", seed, n, got, info, wantK, want)
			}
		}
	}
}
