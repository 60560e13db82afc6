package reduction

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// swapTolerance is the least rise of the trace gain, in units of the
// trace (p times I), for which an exchange counts as an improvement:
// smaller differences are rounding.
const swapTolerance = 1e-10

// refreshEvery is how many exchanges the search makes between fresh
// factorizations of its residual.
const refreshEvery = 32

// search finds a swap-optimal form: the forced items, then items added
// one at a time, each the one that raises I most per item among those
// that leave the constraints satisfiable (greedy forward selection), then
// the best single exchange of a kept unit for a left-out unit of the same
// size, repeated while one raises I by more than swapTolerance/p (best
// improvement). Every choice is deterministic: ties go to the earlier
// item. checkFeasible must have passed.
func (fp *formProblem) search() (*residual, error) {
	s := newResidual(fp.r, fp.n)
	for u := range fp.units {
		if fp.unitStatus(u) == 1 {
			for _, i := range fp.units[u] {
				if err := s.add(i); err != nil {
					return nil, err
				}
			}
		}
	}
	if err := fp.greedy(s); err != nil {
		return nil, err
	}
	swaps, err := fp.improve(s)
	s.swaps = swaps
	return s, err
}

// greedy adds units to s until it holds n items.
func (fp *formProblem) greedy(s *residual) error {
	counts := fp.themeCounts(s)
	for len(s.kept) < fp.n {
		type cand struct {
			u    int
			gain float64
		}
		var cands []cand
		for u, items := range fp.units {
			if fp.unitStatus(u) != 0 || s.pos[items[0]] >= 0 || len(s.kept)+len(items) > fp.n {
				continue
			}
			cands = append(cands, cand{u, fp.unitGain(s, u) / float64(len(items))})
		}
		sort.SliceStable(cands, func(a, b int) bool { return cands[a].gain > cands[b].gain })
		chosen := -1
		for _, c := range cands {
			if fp.canComplete(s, counts, c.u) {
				chosen = c.u
				break
			}
		}
		if chosen < 0 {
			return infeasible("no form of %d items meets the minimum per theme together with the composites kept whole", fp.n)
		}
		for _, i := range fp.units[chosen] {
			if err := s.add(i); err != nil {
				return err
			}
			if t := fp.theme[i]; t >= 0 {
				counts[t]++
			}
		}
	}
	return nil
}

// unitGain returns the fall of the trace when every item of unit u is
// added: tr(E_:U · E_UU⁻¹ · E_U:), for one item ‖e_c‖²/E_cc.
func (fp *formProblem) unitGain(s *residual, u int) float64 {
	items := fp.units[u]
	if len(items) == 1 {
		return s.addGain(items[0])
	}
	m := len(items)
	euu := mat.NewSymDense(m, nil)
	eu := mat.NewDense(s.p, m, nil)
	for x, i := range items {
		for y := x; y < m; y++ {
			euu.SetSym(x, y, s.e[i*s.p+items[y]])
		}
		for j := range s.p {
			eu.Set(j, x, s.e[j*s.p+i])
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(euu) {
		return 0
	}
	var x mat.Dense
	if err := ch.SolveTo(&x, eu.T()); err != nil {
		return 0
	}
	g := 0.0
	for a := range m {
		for j := range s.p {
			g += eu.At(j, a) * x.At(a, j)
		}
	}
	return g
}

// themeCounts returns the kept items per theme.
func (fp *formProblem) themeCounts(s *residual) []int {
	counts := make([]int, len(fp.themes))
	for _, i := range s.kept {
		if t := fp.theme[i]; t >= 0 {
			counts[t]++
		}
	}
	return counts
}

// canComplete reports whether, after adding unit u to s, the remaining
// room can still be filled with free units meeting every theme's minimum:
// the missing items per theme fit in the room and are available, and the
// free units' sizes add up to the room.
func (fp *formProblem) canComplete(s *residual, counts []int, u int) bool {
	room := fp.n - len(s.kept) - len(fp.units[u])
	if room < 0 {
		return false
	}
	after := append([]int(nil), counts...)
	for _, i := range fp.units[u] {
		if t := fp.theme[i]; t >= 0 {
			after[t]++
		}
	}
	free := make([]int, len(fp.themes))
	singles, multi := 0, false
	for v, items := range fp.units {
		if v == u || fp.unitStatus(v) != 0 || s.pos[items[0]] >= 0 {
			continue
		}
		if len(items) == 1 {
			singles++
		} else {
			multi = true
		}
		for _, i := range items {
			if t := fp.theme[i]; t >= 0 {
				free[t]++
			}
		}
	}
	need := 0
	for t := range fp.themes {
		d := max(0, fp.minPerTheme-after[t])
		if d > free[t] {
			return false
		}
		need += d
	}
	if need > room {
		return false
	}
	if !multi {
		return singles >= room
	}
	return fp.sizesReachFrom(room, func(v int) bool {
		return v != u && fp.unitStatus(v) == 0 && s.pos[fp.units[v][0]] < 0
	})
}

// A swap exchanges the kept unit out for the left-out unit in; gain is
// the fall of the trace it brings (p times the rise of I).
type swap struct {
	out, in int // units
	gain    float64
}

// maxBatch is the most exchanges improve makes from one scoring of all
// exchanges.
const maxBatch = 64

// improve makes exchanges while one raises I, and returns how many it
// made. Each round scores every allowed exchange (bestSwaps), then makes
// them in the order of their gain, each re-scored exactly on the form as
// it is by then and made only while it still raises I, at most maxBatch
// and each kept or left-out unit once a round. It stops when a round
// finds no exchange that raises I, which makes the form swap-optimal.
func (fp *formProblem) improve(s *residual) (int, error) {
	since, swaps := 0, 0
	for range 100 * (len(fp.units) + 1) {
		ranked := fp.rankedSwaps(s, fp.allowed(s))
		if len(ranked) == 0 {
			if since == 0 {
				return swaps, nil
			}
			if err := s.refresh(); err != nil {
				return swaps, err
			}
			since = 0
			continue
		}
		used := map[int]bool{}
		made := 0
		for _, sw := range ranked {
			if made >= maxBatch {
				break
			}
			if used[sw.out] || used[sw.in] || !fp.allowed(s)(sw.out, sw.in) {
				continue
			}
			if made > 0 && fp.swapGain(s, sw) <= swapTolerance {
				continue
			}
			if err := fp.apply(s, sw); err != nil {
				return swaps, err
			}
			used[sw.out], used[sw.in] = true, true
			made++
			swaps++
			if since++; since >= refreshEvery {
				if err := s.refresh(); err != nil {
					return swaps, err
				}
				since = 0
			}
		}
	}
	return swaps, s.refresh()
}

// swapGain scores one exchange exactly on the form as it is: for single
// items from β_a and column c of E with a removed, O(k·p); for
// composites by factorizing the exchanged form.
func (fp *formProblem) swapGain(s *residual, sw swap) float64 {
	a, c := fp.units[sw.out], fp.units[sw.in]
	if len(a) > 1 || len(c) > 1 {
		var kept []int
		for _, i := range s.kept {
			if fp.unitOf[i] != sw.out {
				kept = append(kept, i)
			}
		}
		info, err := InformationRetained(fp.r, append(kept, c...))
		if err != nil {
			return math.Inf(-1)
		}
		return s.trace() - (1-info)*float64(s.p)
	}
	p, ia, ic := s.p, a[0], c[0]
	beta := s.beta(ia)
	paa := s.pinv[s.pos[ia]*s.cap+s.pos[ia]]
	loss, sq := 0.0, 0.0
	f := beta[ic] / paa
	for j := range p {
		loss += beta[j] * beta[j]
		v := s.e[j*p+ic] + beta[j]*f
		sq += v * v
	}
	den := s.e[ic*p+ic] + beta[ic]*f
	if !(den > 1e-13) {
		return math.Inf(-1)
	}
	return sq/den - loss/paa
}

// apply makes the exchange sw in s.
func (fp *formProblem) apply(s *residual, sw swap) error {
	for _, i := range fp.units[sw.out] {
		s.remove(i)
	}
	for _, i := range fp.units[sw.in] {
		if err := s.add(i); err != nil {
			return err
		}
	}
	return nil
}

// allowed returns the test of whether the constraints allow exchanging
// kept unit a for left-out unit c in s: both free, the same size, and
// every theme keeping its minimum.
func (fp *formProblem) allowed(s *residual) func(a, c int) bool {
	counts := fp.themeCounts(s)
	return func(a, c int) bool {
		if fp.unitStatus(a) != 0 || fp.unitStatus(c) != 0 || len(fp.units[a]) != len(fp.units[c]) {
			return false
		}
		if fp.minPerTheme <= 0 {
			return true
		}
		after := map[int]int{}
		for _, i := range fp.units[a] {
			if t := fp.theme[i]; t >= 0 {
				after[t]--
			}
		}
		for _, i := range fp.units[c] {
			if t := fp.theme[i]; t >= 0 {
				after[t]++
			}
		}
		for t, d := range after {
			if counts[t]+d < fp.minPerTheme {
				return false
			}
		}
		return true
	}
}

// rankedSwaps returns the allowed exchanges that raise I by more than
// swapTolerance/p, the largest gain first; ties go to the earlier kept
// unit, then the earlier left-out unit. Single items are scored all at
// once from the rank-one formulas: with β_a and P_aa as in residual,
// G = B·E over the left-out items D, e2_c = ‖E_Dc‖² and b2_a = 1 + ‖β_aD‖²,
// the trace after exchanging a for c falls by
//
//	(e2_c + 2·β_ac·G_ac/P_aa + β_ac²·b2_a/P_aa²) / (E_cc + β_ac²/P_aa) − b2_a/P_aa
//
// the gain of c in E with a removed, less the loss of removing a.
// Composites kept whole are scored by factorizing the exchanged form.
func (fp *formProblem) rankedSwaps(s *residual, ok func(a, c int) bool) []swap {
	var out []swap
	consider := func(sw swap) {
		if sw.gain > swapTolerance {
			out = append(out, sw)
		}
	}
	sc := s.singleSwaps()
	for x, a := range sc.kept {
		ua := fp.unitOf[a]
		if len(fp.units[ua]) != 1 {
			continue
		}
		for y, c := range sc.dropped {
			uc := fp.unitOf[c]
			if len(fp.units[uc]) == 1 && ok(ua, uc) {
				consider(swap{out: ua, in: uc, gain: sc.gain(x, y)})
			}
		}
	}
	fp.multiSwaps(s, ok, consider)
	sort.Slice(out, func(i, j int) bool {
		if out[i].gain != out[j].gain {
			return out[i].gain > out[j].gain
		}
		if out[i].out != out[j].out {
			return out[i].out < out[j].out
		}
		return out[i].in < out[j].in
	})
	return out
}

// multiSwaps scores the exchanges of composites kept whole.
func (fp *formProblem) multiSwaps(s *residual, ok func(a, c int) bool, consider func(swap)) {
	base := s.trace()
	for a, ia := range fp.units {
		if len(ia) == 1 || s.pos[ia[0]] < 0 {
			continue
		}
		for c, ic := range fp.units {
			if s.pos[ic[0]] >= 0 || !ok(a, c) {
				continue
			}
			var kept []int
			for _, i := range s.kept {
				if fp.unitOf[i] != a {
					kept = append(kept, i)
				}
			}
			info, err := InformationRetained(fp.r, append(kept, ic...))
			if err != nil {
				continue
			}
			consider(swap{out: a, in: c, gain: base - (1-info)*float64(s.p)})
		}
	}
}

// swapScores holds what the single-item exchange formula needs.
type swapScores struct {
	kept, dropped []int
	beta          *mat.Dense // kept × p
	g             *mat.Dense // kept × dropped: Σ_{j∈D} β_aj·E_jc
	e2, ecc       []float64  // per dropped item
	b2, paa       []float64  // per kept item
}

// singleSwaps computes B = P·R_K: and G = B_:D·E_DD, in O(k²p + k·d²).
func (s *residual) singleSwaps() *swapScores {
	p, k := s.p, len(s.kept)
	sc := &swapScores{kept: append([]int(nil), s.kept...)}
	for j := range p {
		if s.pos[j] < 0 {
			sc.dropped = append(sc.dropped, j)
		}
	}
	d := len(sc.dropped)
	if k == 0 || d == 0 {
		return sc
	}
	pk := mat.NewDense(k, k, nil)
	rk := mat.NewDense(k, p, nil)
	for x := range k {
		for y := range k {
			pk.Set(x, y, s.pinv[x*s.cap+y])
		}
		copy(rk.RawRowView(x), s.r[s.kept[x]*p:(s.kept[x]+1)*p])
	}
	sc.beta = mat.NewDense(k, p, nil)
	sc.beta.Mul(pk, rk)
	bd := mat.NewDense(k, d, nil)
	edd := mat.NewDense(d, d, nil)
	sc.e2, sc.ecc = make([]float64, d), make([]float64, d)
	sc.b2, sc.paa = make([]float64, k), make([]float64, k)
	for y, j := range sc.dropped {
		for x := range k {
			bd.Set(x, y, sc.beta.At(x, j))
		}
		for z, c := range sc.dropped {
			v := s.e[j*p+c]
			edd.Set(y, z, v)
			sc.e2[z] += v * v
		}
		sc.ecc[y] = s.e[j*p+j]
	}
	for x := range k {
		sc.paa[x] = s.pinv[x*s.cap+x]
		sc.b2[x] = 1
		for y := range d {
			v := bd.At(x, y)
			sc.b2[x] += v * v
		}
	}
	sc.g = mat.NewDense(k, d, nil)
	sc.g.Mul(bd, edd)
	return sc
}

// gain returns the fall of the trace when kept item x is exchanged for
// dropped item y (indices into kept and dropped).
func (sc *swapScores) gain(x, y int) float64 {
	paa, b2 := sc.paa[x], sc.b2[x]
	bac := sc.beta.At(x, sc.dropped[y])
	num := sc.e2[y] + 2*bac*sc.g.At(x, y)/paa + bac*bac*b2/(paa*paa)
	den := sc.ecc[y] + bac*bac/paa
	if !(den > 1e-13) {
		return math.Inf(-1)
	}
	return num/den - b2/paa
}
