package chart

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"

	"github.com/itemreduce/itemreduce/internal/svg"
)

// A Heatmap is the correlation matrix of p items in the order drawn.
type Heatmap struct {
	IDs    []string
	Themes []string // per item, to draw the theme boundaries; may be nil
	// R returns the correlation of items i and j (i != j), NaN when
	// undefined.
	R func(i, j int) float64
	// Redundant says whether the pair i, j is above the redundancy
	// threshold: its cell is outlined.
	Redundant func(i, j int) bool
	// Representative says whether each item stands for its group of
	// redundant items.
	Representative []bool
	// Hover returns the text shown on a redundant pair's outline; nil for
	// none. (Not on every cell: p² texts would make the page megabytes.)
	Hover       func(i, j int) string
	Title, Desc string
}

// MaxCells is the largest number of items whose heatmap is drawn cell by
// cell as SVG rectangles (sharp in print at any size). Above it the
// matrix is one PNG picture, a pixel per pair, inside the SVG, with the
// outlines and marks drawn over it: p² rectangles would make a page of
// 1,000 items tens of megabytes and slow to open, and even at 149 items
// 1.3 MB against a picture of 0.1 MB.
const MaxCells = 120

// MaxLabels is the largest number of items whose ids are written along
// the heatmap's sides; above it they would be under 4.5 pixels tall, and
// the items are found by hovering over the outlined pairs instead.
const MaxLabels = 200

// Undefined is the colour of a pair whose r is undefined.
const Undefined = "#BBBBBB"

// DrawHeatmap draws the heatmap: cells coloured by r on a diverging
// scale (svg.Correlation), the diagonal dark grey, theme boundaries as
// lines, redundant pairs outlined, the representatives marked with a
// triangle by their label and a ring on their diagonal cell. id must be
// unique in the page.
func DrawHeatmap(id string, h Heatmap) ([]byte, error) {
	p := len(h.IDs)
	if p == 0 {
		return nil, fmt.Errorf("chart: a heatmap of no items")
	}
	// Whole pixels per cell keep the coordinates short.
	cell := math.Max(1, math.Min(24, math.Floor(900/float64(p))))
	labels := p <= MaxLabels
	margin := 8.0
	if labels {
		margin = 70
	}
	size := margin + cell*float64(p)
	d := svg.New(id, size+4, size+4, h.Title, h.Desc, svg.A("class", "heatmap"))
	font := math.Min(cell, 12)
	if labels {
		d.Open("g", svg.A("class", "labels"), svg.A("font-size", fmt.Sprintf("%.1f", font)))
		for i, name := range h.IDs {
			c := margin + (float64(i)+0.5)*cell
			text := name
			if h.Representative != nil && h.Representative[i] {
				text = "▲ " + name
			}
			d.Text(margin-3, c+font/3, text, svg.A("text-anchor", "end"))
			d.Text(c, margin-3, text, svg.A("transform", fmt.Sprintf("rotate(-90 %.2f %.2f)", c, margin-3)), svg.A("dx", fmt.Sprintf("%.1f", font/3)))
		}
		d.Close()
	}
	if p <= MaxCells {
		cells(d, h, margin, cell)
	} else {
		img, err := heatmapPNG(h)
		if err != nil {
			return nil, err
		}
		d.Image(margin, margin, cell*float64(p), cell*float64(p), img, "", svg.A("class", "cells"),
			svg.A("preserveAspectRatio", "none"), svg.A("style", "image-rendering:pixelated"))
	}
	themeLines(d, h, margin, cell)
	outlines(d, h, margin, cell)
	return d.Bytes()
}

// cellColour is the fill of cell i, j.
func cellColour(h Heatmap, i, j int) string {
	if i == j {
		return "#444444"
	}
	r := h.R(i, j)
	if math.IsNaN(r) {
		return Undefined
	}
	return svg.Hex(svg.Correlation(r))
}

// cells draws every cell as a rectangle, row by row.
func cells(d *svg.Doc, h Heatmap, margin, cell float64) {
	d.Open("g", svg.A("class", "cells"))
	for i := range h.IDs {
		d.Open("g", svg.A("class", "row"))
		for j := range h.IDs {
			d.Rect(margin+float64(j)*cell, margin+float64(i)*cell, cell, cell, cellColour(h, i, j), "")
		}
		d.Close()
	}
	d.Close()
}

// heatmapPNG makes the matrix as a PNG data URL, one pixel per cell.
// Each r is drawn to the nearest 0.05 (41 colours, as many as the eye
// tells apart on the scale), so that the picture is a small paletted
// PNG: a 1,000-item matrix of continuous colours would be megabytes.
func heatmapPNG(h Heatmap) (string, error) {
	p := len(h.IDs)
	const steps = 20 // per unit of r
	pal := color.Palette{color.RGBA{0x44, 0x44, 0x44, 255}, color.RGBA{0xBB, 0xBB, 0xBB, 255}}
	for k := -steps; k <= steps; k++ {
		pal = append(pal, svg.Correlation(float64(k)/steps))
	}
	img := image.NewPaletted(image.Rect(0, 0, p, p), pal)
	for i := 0; i < p; i++ {
		for j := i; j < p; j++ {
			c := uint8(0)
			if i != j {
				if r := h.R(i, j); math.IsNaN(r) {
					c = 1
				} else {
					c = uint8(2 + steps + int(math.Round(math.Max(-1, math.Min(1, r))*steps)))
				}
			}
			img.SetColorIndex(j, i, c)
			img.SetColorIndex(i, j, c)
		}
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img); err != nil {
		return "", err
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// themeLines draws a line where a theme ends.
func themeLines(d *svg.Doc, h Heatmap, margin, cell float64) {
	if h.Themes == nil {
		return
	}
	end := margin + cell*float64(len(h.IDs))
	d.Open("g", svg.A("class", "themes"))
	for i := 1; i < len(h.IDs); i++ {
		if h.Themes[i] != h.Themes[i-1] {
			x := margin + float64(i)*cell
			d.Line(x, margin, x, end, svg.Black, 1.5, "")
			d.Line(margin, x, end, x, svg.Black, 1.5, "")
		}
	}
	d.Close()
}

// outlines draws a frame around every redundant pair's cells and a ring
// on each representative's diagonal cell.
func outlines(d *svg.Doc, h Heatmap, margin, cell float64) {
	d.Open("g", svg.A("class", "redundant"), svg.A("fill", "none"))
	stroke := math.Max(1, math.Min(2.5, cell/4))
	for i := range h.IDs {
		for j := range h.IDs {
			if i != j && h.Redundant != nil && h.Redundant(i, j) {
				title := ""
				if h.Hover != nil {
					title = h.Hover(i, j)
				}
				d.Rect(margin+float64(j)*cell, margin+float64(i)*cell, cell, cell, "none", title,
					svg.A("class", "pair"), svg.A("stroke", svg.Black), svg.A("stroke-width", fmt.Sprintf("%.1f", stroke)))
			}
		}
	}
	for i := range h.IDs {
		if h.Representative != nil && h.Representative[i] {
			c := margin + (float64(i)+0.5)*cell
			d.Circle(c, c, math.Max(2, cell*0.45), "none", h.IDs[i], svg.A("class", "representative"),
				svg.A("stroke", svg.Yellow), svg.A("stroke-width", fmt.Sprintf("%.1f", stroke)))
		}
	}
	d.Close()
}
