#!/bin/sh
# Rebuilds the reference files of this folder with R (see reference.R).
# Needs Rscript with the packages psych and yaml.
# Run from anywhere: sh regenerate.sh
set -eu
cd "$(dirname "$0")"
ex=../../../examples/wijkteams
Rscript reference.R "$ex/bank.yaml" "$ex/responses-2017.csv" forms.csv wijkteams-2017 wijkteams-2017
Rscript reference.R ../reliability/bfi-bank.yaml ../reliability/bfi.csv forms.csv bfi bfi
Rscript smooth.R
