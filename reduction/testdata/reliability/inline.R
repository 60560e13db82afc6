# inline.R: the reference numbers written inline in reliability_test.go.
# Usage: Rscript inline.R   (prints them; nothing is written)
# Produced with R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9 and
# GPArotation 2022.10-2.
suppressPackageStartupMessages(library(psych))
p <- function(...) cat(sprintf("%.17g", c(...)), "\n")

# smallCSV of reliability_test.go: 9 (don't know) and empty cells are NA;
# d is reverse-keyed on 1-5.
x <- data.frame(
  a = c(1, 2, 3, 4, 5, 2, 3, NA, 4, 5, 3, 2),
  b = c(2, 3, 3, 5, 4, 1, NA, 3, 2, 5, 4, 3),
  c = c(3, 3, 2, 4, 5, 1, 3, 4, NA, 2, 4, 2),
  d = c(4, 4, 2, 3, 1, 4, 3, 2, 3, NA, 2, 5))
x$d <- 6 - x$d
a <- psych::alpha(x, use = "pairwise", check.keys = FALSE, warnings = FALSE)
p(a$total$raw_alpha, a$total$std.alpha, a$total$average_r)
p(a$item.stats$r.drop)
p(a$alpha.drop$raw_alpha)
o <- suppressMessages(suppressWarnings(psych::omega(x, nfactors = 1, plot = FALSE)))
p(o$omega.tot)
p(min(psych::pairwiseCount(x)))

# One factor fitting three items exactly: loadings .6, .8, .7.
r <- matrix(c(1, .48, .42, .48, 1, .56, .42, .56, 1), 3)
p(suppressMessages(suppressWarnings(psych::omega(r, nfactors = 1, plot = FALSE)))$omega.tot)

# A Heywood case: .6 * .5 / .3 = 1.
r <- matrix(c(1, .6, .5, .6, 1, .3, .5, .3, 1), 3)
f <- suppressMessages(suppressWarnings(psych::fa(r, nfactors = 1, fm = "minres")))
p(f$loadings[, 1])
p(suppressMessages(suppressWarnings(psych::omega(r, nfactors = 1, plot = FALSE)))$omega.tot)
# The fixed point of psych's gradient FAgr.minres, diag(L L' + Psi - R) = 0
# for the free uniquenesses, with Psi[1] at the bound 0.005: iterated
# principal axes with the first communality held at 0.995.
l <- f$loadings[, 1]
for (it in 1:5000) {
  s <- r
  diag(s) <- c(0.995, l[2]^2, l[3]^2)
  e <- eigen(s, symmetric = TRUE)
  l <- e$vectors[, 1] * sqrt(e$values[1])
  l <- l * sign(sum(l))
}
cat(sprintf("%.12f", l), "\n")
