#!/bin/sh
# Rebuilds every reference file in this folder with R.
# Needs Rscript with the packages psych, GPArotation and yaml (Debian:
# r-base-core, r-cran-psych, r-cran-gparotation, r-cran-yaml).
# Run from anywhere: sh regenerate.sh
set -eu
cd "$(dirname "$0")"

# psych's bfi: 25 Big Five items on 1-6 answered by 2800 people, as psych
# 2.2.9 ships it (data(bfi)); NA becomes an empty cell. The row names are
# the respondent ids.
Rscript -e '
suppressPackageStartupMessages(library(psych))
data(bfi)
x <- bfi[, 1:25]
out <- cbind(respondent = rownames(x), x)
write.csv(out, "bfi.csv", row.names = FALSE, na = "", quote = FALSE)
'

# bfi-bank.yaml (committed, written by hand) keys the items as psych's
# bfi.keys do: A1, C4, C5, E1, E2, O2 and O5 reversed.
Rscript reference.R bfi-bank.yaml bfi.csv bfi

# The example: every theme and composite of the bank, 2017 wave.
ex=../../../examples/wijkteams
Rscript reference.R "$ex/bank.yaml" "$ex/responses-2017.csv" wijkteams-2017
