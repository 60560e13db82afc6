# Reference values for Spearman's r, the polychoric r and the bivariate
# normal distribution, checked by reduction/ordinal_reference_test.go.
# Run from this folder: Rscript make.R
# R 4.2.2, psych 2.2.9, psychTools, polycor 0.8-1, mvtnorm, pbivnorm, numDeriv.
suppressMessages({
  library(polycor); library(mvtnorm); library(pbivnorm); library(numDeriv)
  library(psych); library(yaml)
})
options(digits = 17)
versions <- sapply(c("psych", "psychTools", "polycor", "mvtnorm", "pbivnorm", "numDeriv"),
                   function(p) as.character(packageVersion(p)))
writeLines(c(R.version.string, paste(names(versions), versions)), "versions.txt")

# 1. The bivariate normal distribution Phi2(h, k; rho) = P(X <= h, Y <= k),
# by mvtnorm::pmvnorm, pbivnorm, and by numerical integration of
# Plackett's identity, Phi2(h, k; rho) = Phi(h) Phi(k) + int_0^rho phi2(h, k; t) dt.
phi2 <- function(h, k, t) exp(-(h^2 - 2*t*h*k + k^2) / (2*(1 - t^2))) / (2*pi*sqrt(1 - t^2))
hs <- c(-3.5, -1.5, -0.5, 0, 0.3, 1, 2.5)
rhos <- c(-0.9999, -0.99, -0.95, -0.9, -0.5, -0.2, 0, 0.1, 0.5, 0.8, 0.93, 0.99, 0.9999)
bvn <- expand.grid(h = hs, k = c(-2, -0.7, 0, 0.4, 1.8), rho = rhos)
bvn$mvtnorm <- mapply(function(h, k, r) pmvnorm(upper = c(h, k), corr = matrix(c(1, r, r, 1), 2))[1], bvn$h, bvn$k, bvn$rho)
bvn$pbivnorm <- pbivnorm(bvn$h, bvn$k, bvn$rho)
bvn$integrate <- mapply(function(h, k, r) {
  pnorm(h) * pnorm(k) + integrate(function(t) phi2(h, k, t), 0, r, rel.tol = 2e-14, abs.tol = 0, subdivisions = 1000L)$value
}, bvn$h, bvn$k, bvn$rho)
write.csv(bvn, "bvn.csv", row.names = FALSE)

# 2. Tables of pairs of items from real data sets and the example.
# The two-step polychoric likelihood of polycor::polychor (thresholds from
# the margins, binBvn by mvtnorm), maximised to 1e-12 with optimise: the
# reference estimate (polychor's own optimise stops at about 1e-4); its
# standard error from the central second difference of the same function
# with a step of 1e-4 (numDeriv's Richardson steps, relative to rho, are
# too small for rho near 0).
se_at <- function(f, rho, h = 1e-4) 1 / sqrt((f(rho + h) - 2 * f(rho) + f(rho - h)) / h^2)
objective <- function(tab) {
  tab <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
  n <- sum(tab)
  rc <- qnorm(cumsum(rowSums(tab)) / n)[-nrow(tab)]
  cc <- qnorm(cumsum(colSums(tab)) / n)[-ncol(tab)]
  function(rho) { P <- polycor:::binBvn(rho, rc, cc); -sum(tab[tab > 0] * log(P[tab > 0])) }
}
twostep <- function(tab) {
  tab <- tab[rowSums(tab) > 0, colSums(tab) > 0, drop = FALSE]
  if (nrow(tab) < 2 || ncol(tab) < 2) return(c(NA, NA))
  n <- sum(tab)
  rc <- qnorm(cumsum(rowSums(tab)) / n)[-nrow(tab)]
  cc <- qnorm(cumsum(colSums(tab)) / n)[-ncol(tab)]
  f <- function(rho) { P <- polycor:::binBvn(rho, rc, cc); -sum(tab[tab > 0] * log(P[tab > 0])) }
  rho <- optimise(f, interval = c(-0.9999, 0.9999), tol = 1e-12)$minimum
  # No standard error near a bound, where the steps would leave (-1, 1).
  se <- if (abs(rho) < 0.99) se_at(f, rho) else NA
  c(rho, se)
}

rows <- list()
pairs <- function(set, d, lo, hi, poly) {
  p <- ncol(d)
  sp <- cor(d, method = "spearman", use = "pairwise.complete.obs")
  ps <- if (length(poly)) suppressWarnings(psych::polychoric(d[, poly], correct = 0, global = FALSE, smooth = FALSE, max.cat = 11)$rho) else NULL
  for (i in 1:(p - 1)) for (j in (i + 1):p) {
    x <- d[, i]; y <- d[, j]
    tab <- table(factor(x, levels = lo[i]:hi[i]), factor(y, levels = lo[j]:hi[j]))
    r <- data.frame(set = set, x = names(d)[i], y = names(d)[j], xmin = lo[i], xmax = hi[i], ymin = lo[j], ymax = hi[j],
                    counts = paste(as.vector(t(tab)), collapse = " "), spearman = sp[i, j],
                    polychoric = NA, se = NA, polycor = NA, polycor_se = NA, psych = NA)
    if (names(d)[i] %in% poly && names(d)[j] %in% poly) {
      ts <- twostep(tab)
      pc <- tryCatch(suppressWarnings(polychor(x, y, ML = FALSE, std.err = TRUE)), error = function(e) list(rho = NA, var = NA))
      r$polychoric <- ts[1]; r$se <- ts[2]; r$polycor <- pc$rho; r$polycor_se <- sqrt(pc$var[1])
      r$psych <- ps[names(d)[i], names(d)[j]]
    }
    rows[[length(rows) + 1]] <<- r
  }
}

data(bfi, package = "psych")
b <- bfi[, 1:25]
pairs("bfi", b, rep(1, 25), rep(6, 25), names(b))

data(sai, package = "psychTools")
s <- sai[sai$time == 1, 4:23]
pairs("sai", s, rep(1, 20), rep(4, 20), names(s)[1:10])

bank <- yaml::read_yaml("../../../examples/wijkteams/bank.yaml")
ex <- read.csv("../../../examples/wijkteams/responses-2017.csv", check.names = FALSE)
ids <- sapply(bank$items, `[[`, "id")
sc <- sapply(bank$items, `[[`, "scale")
d <- ex[, ids]
for (i in seq_along(ids)) {
  miss <- bank$scales[[sc[i]]]$missing
  if (length(miss)) d[d[, i] %in% miss, i] <- NA
}
lo <- sapply(sc, function(s) bank$scales[[s]]$min)
hi <- sapply(sc, function(s) bank$scales[[s]]$max)
poly <- c(ids[sc == "likert5"][1:12], ids[sc == "grade10"][1:6])
pairs("example", d, lo, hi, poly)

out <- do.call(rbind, rows)
write.csv(out, "tables.csv", row.names = FALSE)
cat("pairs:", nrow(out), " polychoric:", sum(!is.na(out$polychoric)), "\n")
cat("largest |polycor - tight|:", max(abs(out$polycor - out$polychoric), na.rm = TRUE), "\n")
cat("largest |psych(correct=0, global=FALSE, smooth=FALSE) - tight|:", max(abs(out$psych - out$polychoric), na.rm = TRUE), "\n")
cat("largest relative |polycor se - tight se|:", max(abs(out$polycor_se / out$se - 1), na.rm = TRUE), "\n")
cat("largest |pbivnorm - integrate|:", max(abs(bvn$pbivnorm - bvn$integrate)), " |mvtnorm - integrate|:", max(abs(bvn$mvtnorm - bvn$integrate)), "\n")
