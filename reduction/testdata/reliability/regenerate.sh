#!/bin/sh
# Rebuilds every reference file in this folder with R.
# Needs Rscript with the packages psych, psychTools, GPArotation and yaml
# (Debian: r-base-core, r-cran-psych, r-cran-gparotation, r-cran-yaml;
# psychTools from CRAN).
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

# psychTools' sai: 20 state anxiety items on 1-4, first occasion (time 1)
# only, 3032 participants, as psychTools 2.2.9 ships it (data(sai)); NA
# becomes an empty cell, the row names are the respondent ids.
Rscript -e '
suppressPackageStartupMessages(library(psychTools))
data(sai)
items <- c("calm", "secure", "tense", "regretful", "at.ease", "upset",
           "worrying", "rested", "anxious", "comfortable", "confident",
           "nervous", "jittery", "high.strung", "relaxed", "content",
           "worried", "rattled", "joyful", "pleasant")
x <- sai[sai$time == 1, items]
out <- cbind(respondent = rownames(x), x)
write.csv(out, "sai.csv", row.names = FALSE, na = "", quote = FALSE)
'

# sai-bank.yaml (committed, written by hand) keys the items as the sai.keys
# of psychTools' help page for sai: themes sai.p ("Anxiety absent",
# reversed) and sai.n ("Anxiety present"), composite sai ("State anxiety").
Rscript reference.R sai-bank.yaml sai.csv sai

# The example: every theme and composite of the bank, 2017 wave.
ex=../../../examples/wijkteams
Rscript reference.R "$ex/bank.yaml" "$ex/responses-2017.csv" wijkteams-2017
