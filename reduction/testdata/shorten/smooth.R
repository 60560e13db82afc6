# smooth.R: psych::cor.smooth of a correlation matrix that is not positive
# definite (its correlations cannot all hold at once, as pairwise deletion
# can give), for shorten's CorSmooth.
#
# Usage: Rscript smooth.R   (writes smooth.csv: i,j,input,smoothed with
# sprintf("%.17g"), the upper triangle and diagonal)
suppressPackageStartupMessages(library(psych))
r <- matrix(c(
   1.0,  0.9,  0.9, -0.6,  0.2,
   0.9,  1.0,  0.2,  0.7,  0.1,
   0.9,  0.2,  1.0,  0.5, -0.3,
  -0.6,  0.7,  0.5,  1.0,  0.4,
   0.2,  0.1, -0.3,  0.4,  1.0), 5, 5)
stopifnot(min(eigen(r)$values) < 0)
s <- suppressWarnings(psych::cor.smooth(r))
rows <- NULL
for (i in 1:5) for (j in i:5)
  rows <- rbind(rows, data.frame(i = i - 1, j = j - 1, input = sprintf("%.17g", r[i, j]), smoothed = sprintf("%.17g", s[i, j])))
write.csv(rows, "smooth.csv", row.names = FALSE, quote = FALSE)
