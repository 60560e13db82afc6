package svg

import (
	"fmt"
	"image/color"
	"math"
)

// The Okabe-Ito palette, distinguishable with every common form of colour
// blindness (Okabe & Ito 2008, "Color Universal Design").
const (
	Black         = "#000000"
	Orange        = "#E69F00"
	SkyBlue       = "#56B4E9"
	BluishGreen   = "#009E73"
	Yellow        = "#F0E442"
	Blue          = "#0072B2"
	Vermillion    = "#D55E00"
	ReddishPurple = "#CC79A7"
	// Grey stands for "no data" next to the palette's colours.
	Grey = "#BBBBBB"
)

// puOr is ColorBrewer's diverging scheme PuOr with 11 classes, orange
// (low) to purple (high), rated colour-blind safe and print friendly
// (Brewer, colorbrewer2.org).
var puOr = [11]string{"#7f3b08", "#b35806", "#e08214", "#fdb863", "#fee0b6", "#f7f7f7",
	"#d8daeb", "#b2abd2", "#8073ac", "#542788", "#2d004b"}

// puOrRGBA is puOr as colours, for Correlation (called once per pair).
var puOrRGBA = func() (out [11]color.RGBA) {
	for i, h := range puOr {
		out[i] = hexRGBA(h)
	}
	return out
}()

// Diverging returns k colours, 2 <= k <= 11, from low to high, taken
// symmetrically from PuOr: with k odd the middle one is PuOr's neutral
// grey-white. The darkest ends are left out below 10 classes, so that
// black text stays readable on every colour but the ends of long scales.
func Diverging(k int) []string {
	if k < 2 || k > 11 {
		panic(fmt.Sprintf("svg: Diverging(%d): 2 to 11 colours", k))
	}
	out := make([]string, k)
	half := k / 2
	// Steps from the centre: spread over 1…4 (or 1…5 for long scales).
	reach := 4
	if half > 4 {
		reach = 5
	}
	for i := 0; i < half; i++ {
		step := reach - i*reach/half
		if half > reach {
			step = reach - i
		}
		out[i] = puOr[5-step]
		out[k-1-i] = puOr[5+step]
	}
	if k%2 == 1 {
		out[half] = puOr[5]
	}
	return out
}

// Correlation returns the colour of a correlation r in [-1, 1] on PuOr:
// orange for negative, white at 0, purple for positive, interpolated
// between the scheme's classes. It panics when r is NaN: the caller draws
// undefined correlations in Grey.
func Correlation(r float64) color.RGBA {
	if math.IsNaN(r) {
		panic("svg: Correlation(NaN)")
	}
	r = math.Max(-1, math.Min(1, r))
	pos := (r + 1) / 2 * 10 // 0 … 10 over the 11 classes
	i := int(math.Floor(pos))
	if i >= 10 {
		return puOrRGBA[10]
	}
	f := pos - float64(i)
	a, b := puOrRGBA[i], puOrRGBA[i+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
}

// Hex writes a colour as #rrggbb.
func Hex(c color.RGBA) string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

func hexRGBA(s string) color.RGBA {
	var c color.RGBA
	fmt.Sscanf(s, "#%02x%02x%02x", &c.R, &c.G, &c.B)
	c.A = 255
	return c
}

// TextOn returns black or white, whichever contrasts more with the
// background colour (WCAG 2 relative luminance).
func TextOn(background string) string {
	c := hexRGBA(background)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return Black
	}
	return "#FFFFFF"
}
