#!/bin/sh
# Rebuilds every reference file in this folder with R (and PSPP).
# Needs Rscript with the packages yaml, psych and psychTools, and pspp with
# pspp-output (Debian: r-base-core, r-cran-yaml, r-cran-psych,
# r-cran-psychtools, pspp). Run from anywhere: sh regenerate.sh
set -eu
cd "$(dirname "$0")"

# The real data sets, exported from the R packages that ship them.
Rscript export.R

# The example: 2016 against 2017, all municipalities and each one alone.
ex=../../../examples/wijkteams
Rscript wavetest.R --pspp "$ex/bank.yaml" "$ex/responses-2016.csv" "$ex/responses-2017.csv" wijkteams
for g in Zwolle Ommen-Hardenberg Steenwijkerland; do
	lower=$(echo "$g" | tr 'A-Z' 'a-z')
	Rscript wavetest.R --pspp --where=gemeente="$g" \
		"$ex/bank.yaml" "$ex/responses-2016.csv" "$ex/responses-2017.csv" "wijkteams-$lower"
done

# psych::bfi, men (gender 1) as the previous and women (2) as the current
# wave: Mann-Whitney on 1-6 statements, 7 of them reverse-keyed.
Rscript wavetest.R --pspp --previous-where=gender=1 --current-where=gender=2 bfi-bank.yaml bfi.csv bfi.csv bfi

# psych::sat.act, the same split: Welch's t on long scales.
Rscript wavetest.R --previous-where=gender=1 --current-where=gender=2 satact-bank.yaml satact.csv satact.csv satact

# psychTools::sai, occasion 1 against occasion 2 of the same participants:
# Mann-Whitney on the waves as independent samples, and the paired tests on
# the participants linked by study and id.
Rscript wavetest.R --pspp --previous-where=time=1 --current-where=time=2 --link=study,id sai-bank.yaml sai.csv sai.csv sai
