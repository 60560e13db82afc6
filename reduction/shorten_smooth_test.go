package reduction

import (
	"math"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
)

func TestCorSmoothAgainstPsych(t *testing.T) {
	// R 4.2.2, psych 2.2.9: psych::cor.smooth(r), testdata/shorten/smooth.R.
	rows := readReliabilityReference(t, "testdata/shorten/smooth.csv")
	r := mat.NewSymDense(5, nil)
	want := mat.NewSymDense(5, nil)
	for _, row := range rows {
		i, _ := strconv.Atoi(row[0])
		j, _ := strconv.Atoi(row[1])
		in, _ := strconv.ParseFloat(row[2], 64)
		out, _ := strconv.ParseFloat(row[3], 64)
		r.SetSym(i, j, in)
		want.SetSym(i, j, out)
	}
	got, changed, err := CorSmooth(r)
	if err != nil {
		t.Fatal(err)
	}
	if !changed {
		t.Fatal("a matrix with a negative eigenvalue was not smoothed")
	}
	for i := range 5 {
		for j := i; j < 5; j++ {
			if d := math.Abs(got.At(i, j) - want.At(i, j)); d > 1e-12 {
				t.Errorf("smoothed[%d,%d] = %.15g, psych gives %.15g", i, j, got.At(i, j), want.At(i, j))
			}
		}
	}
	var ch mat.Cholesky
	if !ch.Factorize(got) {
		t.Error("the smoothed matrix is not positive definite")
	}
}

func TestCorSmoothLeavesPositiveDefiniteAlone(t *testing.T) {
	r := factorCorrelation(6, 2, 5)
	got, changed, err := CorSmooth(r)
	if err != nil || changed {
		t.Fatalf("changed %v, err %v", changed, err)
	}
	if !mat.EqualApprox(got, r, 0) {
		t.Error("a positive definite matrix was changed")
	}
	r.SetSym(0, 1, math.NaN())
	if _, _, err := CorSmooth(r); err == nil {
		t.Error("a NaN entry gave no error")
	}
}
