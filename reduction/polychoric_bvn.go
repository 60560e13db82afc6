package reduction

import "math"

// The bivariate normal distribution with correlation ρ, for the
// polychoric r.
//
// bvnUpper is Genz's BVND, the algorithm of Drezner and Wesolowsky (1990)
// as refined by Genz (2004): Gauss-Legendre quadrature of 6, 12 or 20
// points on Plackett's formula for |ρ| < 0.925, and on an expansion about
// ρ = ±1 for larger |ρ|; its error is about 1e-15 everywhere. It is the
// algorithm behind R's mvtnorm::pmvnorm in two dimensions (which polycor
// uses), and pbivnorm.
//
// A. Genz (2004), Numerical computation of rectangular bivariate and
// trivariate normal and t probabilities, Statistics and Computing 14,
// 251-260. Z. Drezner and G. O. Wesolowsky (1990), On the computation of
// the bivariate normal integral, J. Statist. Comput. Simul. 35, 101-107.

// Gauss-Legendre points (negative half) and weights for 6, 12 and 20
// points, as in Genz's BVND.
var (
	glW = [3][10]float64{
		{0.1713244923791705, 0.3607615730481384, 0.4679139345726904},
		{0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029},
		{0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
			0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259},
	}
	glX = [3][10]float64{
		{-0.9324695142031522, -0.6612093864662647, -0.2386191860831970},
		{-0.9815606342467191, -0.9041172563704750, -0.7699026741943050, -0.5873179542866171, -0.3678314989981802, -0.1252334085114692},
		{-0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188, -0.7463319064601508,
			-0.6360536807265150, -0.5108670019508271, -0.3737060887154196, -0.2277858511416451, -0.07652652113349733},
	}
	glN = [3]int{3, 6, 10}

	// The 4-point rule, for a coarse grid (bvnGrid).
	gl4X = [2]float64{-0.8611363115940526, -0.3399810435848563}
	gl4W = [2]float64{0.3478548451374538, 0.6521451548625461}
)

// normCDF is the standard normal distribution function Φ(x).
func normCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// normQuantile is Φ⁻¹(p), accurate in both tails.
func normQuantile(p float64) float64 {
	if p > 0.5 {
		return math.Sqrt2 * math.Erfcinv(2*(1-p))
	}
	return -math.Sqrt2 * math.Erfcinv(2*p)
}

// bvnLower returns Φ₂(h, k; ρ) = P(X ≤ h, Y ≤ k) for standard normal X and
// Y with correlation ρ; h and k may be ±Inf.
func bvnLower(h, k, r float64) float64 {
	switch {
	case math.IsInf(h, -1) || math.IsInf(k, -1):
		return 0
	case math.IsInf(h, 1):
		return normCDF(k)
	case math.IsInf(k, 1):
		return normCDF(h)
	}
	return bvnUpper(-h, -k, r)
}

// bvnUpper returns P(X > h, Y > k) for finite h and k (Genz's BVND).
func bvnUpper(h, k, r float64) float64 {
	const twoPi = 2 * math.Pi
	ng := 2
	switch a := math.Abs(r); {
	case a < 0.3:
		ng = 0
	case a < 0.75:
		ng = 1
	}
	w, x, lg := &glW[ng], &glX[ng], glN[ng]
	hk := h * k
	var bvn float64
	if math.Abs(r) < 0.925 {
		hs := (h*h + k*k) / 2
		asr := math.Asin(r)
		for i := range lg {
			sn := math.Sin(asr * (x[i] + 1) / 2)
			bvn += w[i] * math.Exp((sn*hk-hs)/(1-sn*sn))
			sn = math.Sin(asr * (-x[i] + 1) / 2)
			bvn += w[i] * math.Exp((sn*hk-hs)/(1-sn*sn))
		}
		return bvn*asr/(2*twoPi) + normCDF(-h)*normCDF(-k)
	}
	if r < 0 {
		k, hk = -k, -hk
	}
	if math.Abs(r) < 1 {
		as := (1 - r) * (1 + r)
		a := math.Sqrt(as)
		bs := (h - k) * (h - k)
		c := (4 - hk) / 8
		d := (12 - hk) / 16
		asr := -(bs/as + hk) / 2
		if asr > -100 {
			bvn = a * math.Exp(asr) * (1 - c*(bs-as)*(1-d*bs/5)/3 + c*d*as*as/5)
		}
		if hk > -100 {
			b := math.Sqrt(bs)
			bvn -= math.Exp(-hk/2) * math.Sqrt(twoPi) * normCDF(-b/a) * b * (1 - c*bs*(1-d*bs/5)/3)
		}
		a /= 2
		for i := range lg {
			for _, xi := range [2]float64{x[i], -x[i]} {
				xs := a * (xi + 1)
				xs *= xs
				rs := math.Sqrt(1 - xs)
				asr := -(bs/xs + hk) / 2
				if asr > -100 {
					bvn += a * w[i] * math.Exp(asr) * (math.Exp(-hk*(1-rs)/(2*(1+rs)))/rs - (1 + c*xs*(1+d*xs)))
				}
			}
		}
		bvn = -bvn / twoPi
	}
	if r > 0 {
		return bvn + normCDF(-math.Max(h, k))
	}
	return -bvn + math.Max(0, normCDF(-h)-normCDF(-k))
}

// bvnDensity returns the bivariate normal density φ₂(h, k; ρ), which is
// also ∂Φ₂/∂ρ (Plackett 1954); 0 when h or k is infinite.
func bvnDensity(h, k, r float64) float64 {
	if math.IsInf(h, 0) || math.IsInf(k, 0) {
		return 0
	}
	s := 1 - r*r
	return math.Exp(-(h*h-2*r*h*k+k*k)/(2*s)) / (2 * math.Pi * math.Sqrt(s))
}

// bvnDensityDRho returns ∂φ₂/∂ρ = φ₂·(ρ/(1−ρ²) + (hk(1+ρ²) − ρ(h²+k²))/(1−ρ²)²),
// the second derivative of Φ₂ in ρ; 0 when h or k is infinite.
func bvnDensityDRho(h, k, r, density float64) float64 {
	if density == 0 {
		return 0
	}
	s := 1 - r*r
	return density * (r/s + (h*k*(1+r*r)-r*(h*h+k*k))/(s*s))
}

// bvnDensityD2Rho returns ∂²φ₂/∂ρ² = φ₂·(L″ + L′²), where L′ is the factor
// of bvnDensityDRho and, with s = 1 − ρ² and m = hk(1+ρ²) − ρ(h²+k²),
//
//	L″ = (1 + ρ² + 2ρhk − h² − k²)/s² + 4ρm/s³,
//
// the third derivative of Φ₂ in ρ; 0 when h or k is infinite.
func bvnDensityD2Rho(h, k, r, density float64) float64 {
	if density == 0 {
		return 0
	}
	s := 1 - r*r
	m := h*k*(1+r*r) - r*(h*h+k*k)
	l1 := r/s + m/(s*s)
	l2 := (1+r*r+2*r*h*k-h*h-k*k)/(s*s) + 4*r*m/(s*s*s)
	return density * (l2 + l1*l1)
}

// A bvnGrid evaluates Φ₂ at many points for one ρ, sharing the work that
// depends on ρ alone: for |ρ| < 0.925, the sines of BVND's quadrature
// points. It gives bvnUpper's results to the last bits.
type bvnGrid struct {
	r      float64
	small  bool // |ρ| < 0.925
	sn, w  [20]float64
	is     [20]float64 // 1/(1 − sn²)
	lg     int
	factor float64 // asin(ρ)/(4π)
}

// A coarse grid takes the next smaller rule (4 points instead of 6, 6
// instead of 12, 12 instead of 20): about half the work, an error below
// 1e-11 instead of 1e-15 (TestBivariateNormalGrid), for a first step of
// the search that full evaluations then check.
func newBVNGrid(r float64, coarse bool) bvnGrid {
	g := bvnGrid{r: r, small: math.Abs(r) < 0.925}
	if !g.small {
		return g
	}
	ng := 2
	switch a := math.Abs(r); {
	case a < 0.3:
		ng = 0
	case a < 0.75:
		ng = 1
	}
	xs, ws, n := glX[ng][:], glW[ng][:], glN[ng]
	switch {
	case coarse && ng == 0:
		xs, ws, n = gl4X[:], gl4W[:], 2
	case coarse:
		xs, ws, n = glX[ng-1][:], glW[ng-1][:], glN[ng-1]
	}
	asr := math.Asin(r)
	for i := range n {
		for k, x := range [2]float64{xs[i], -xs[i]} {
			sn := math.Sin(asr * (x + 1) / 2)
			g.sn[g.lg+k], g.w[g.lg+k], g.is[g.lg+k] = sn, ws[i], 1/(1-sn*sn)
		}
		g.lg += 2
	}
	g.factor = asr / (4 * math.Pi)
	return g
}

// lower returns Φ₂(h, k; ρ) for finite h and k, given qh = Φ(h) and
// qk = Φ(k): BVND's P(X > −h, Y > −k), whose last term Φ(−(−h))·Φ(−(−k))
// they are.
func (g *bvnGrid) lower(h, k, qh, qk float64) float64 {
	if !g.small {
		return bvnUpper(-h, -k, g.r)
	}
	hk := h * k
	hs := (h*h + k*k) / 2
	var bvn float64
	for i := range g.lg {
		bvn += g.w[i] * math.Exp((g.sn[i]*hk-hs)*g.is[i])
	}
	return bvn*g.factor + qh*qk
}
