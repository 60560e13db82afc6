# heywood.R: psych's view of the data of TestHeywoodWarning
# (reliability_edge_test.go): x1 is the rounded mean of x2 and x3, which
# barely correlate. R 4.2.2, psych 2.2.9: fa(r, 1, fm = "minres") warns
# "An ultra-Heywood case was detected" and gives x1 a loading of
# 1.0622007642295546 (x2, x3 0.5878848615974563); omega(r, nfactors =
# 1)$omega.tot is 0.81299499697304645. itemreduce holds the communality at
# 0.995 and warns of the Heywood case instead.
#
# Usage: Rscript heywood.R
suppressPackageStartupMessages(library(psych))
g <- expand.grid(a = 1:5, b = 1:5)
g <- rbind(data.frame(a = 1:5, b = 1:5), g)
d <- data.frame(x1 = (g$a + g$b + 1) %/% 2, x2 = g$a, x3 = g$b)
r <- cor(d)
f <- fa(r, 1, fm = "minres")
print(unclass(f$loadings), digits = 17)
cat(sprintf("%.17g\n", omega(r, nfactors = 1, plot = FALSE)$omega.tot))
