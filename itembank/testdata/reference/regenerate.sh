#!/bin/sh
# Rebuilds every reference file in this folder with R.
# Needs Rscript with the packages psych and yaml (Debian: r-base-core,
# r-cran-psych, r-cran-yaml). Run from anywhere: sh regenerate.sh
set -eu
cd "$(dirname "$0")"

# Hand-made edge cases: code 9 is missing on the 1-5 items only.
Rscript reference.R tricky.csv tricky T01=9 T03=9 T06=9 T07=9

# Example data. The item list and the per-item missing codes come from the
# bank: every item in bank.yaml, with its scale's missing codes (9 for likert5,
# none for grade10).
ex=../../../examples/wijkteams
Rscript -e '
a <- commandArgs(trailingOnly = TRUE)
b <- yaml::read_yaml(a[1])
ids <- vapply(b$items, function(it) it$id, "")
scale <- vapply(b$items, function(it) it$scale, "")
miss <- unlist(lapply(seq_along(ids), function(i) {
  m <- b$scales[[scale[i]]]$missing
  if (length(m) > 0) paste0(ids[i], "=", m)
}))
note <- "# derived from examples/wijkteams/bank.yaml by regenerate.sh"
writeLines(c(note, ids), a[2])
writeLines(c(note, miss), a[3])
' "$ex/bank.yaml" wijkteams-items.txt wijkteams-missing.txt

for year in 2016 2017; do
	Rscript reference.R --items=wijkteams-items.txt --missing=wijkteams-missing.txt \
		"$ex/responses-$year.csv" "wijkteams-$year"
done
