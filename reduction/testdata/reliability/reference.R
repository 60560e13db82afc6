# reference.R: reference values for the reliability of themes and composites,
# computed with R and psych, independently of the Go code.
#
# Usage:
#   Rscript reference.R <bank.yaml> <responses.csv> <out-prefix>
#
# The bank gives the scales (min, max, missing codes), the items with their
# theme and reverse keying, and the composites. Every bank item must be a
# column of the CSV; other columns are ignored. An empty cell (after trimming
# spaces) and an item's missing codes are NA; every other cell is a number.
#
# Each scale is the items sharing a theme (themes in the order of their first
# item) or one entry of composites. Reverse-keyed items are reflected first,
# x' = min + max - x with the bounds of the item's scale, and then, on the
# data frame x of the scale's items:
#
#   a  <- psych::alpha(x, use = "pairwise", check.keys = FALSE)
#   raw_alpha   = a$total$raw_alpha     from C = cov(x, use = "pairwise")
#   std_alpha   = a$total$std.alpha     from cov2cor(C)
#   average_r   = a$total$average_r     from cov2cor(C)
#   r_drop      = a$item.stats$r.drop   per item (item-rest correlation)
#   alpha_drop  = a$alpha.drop$raw_alpha per item (alpha if deleted)
#   o  <- psych::omega(x, nfactors = 1, fm = "minres", plot = FALSE)
#   omega_total = o$omega.tot           one-factor minres fit to
#                                       cor(x, use = "pairwise")
#   n_min       = min(psych::pairwiseCount(x))  (the diagonal is each item's n)
#
# Output, numbers printed with sprintf("%.17g"), NA for an undefined value:
#   <out-prefix>-reliability.csv   kind,name,item,statistic,value
#       kind is theme or composite; item is empty for the scale's figures.
#   <out-prefix>-versions.txt      R and psych versions, input files and MD5s
#
# Cross-checks (the script stops if one fails):
#   - raw_alpha, std_alpha, average_r, r_drop and alpha_drop equal their
#     formulas on C and cov2cor(C) within 1e-12;
#   - omega_total equals (Vt - sum(u2)) / Vt from
#     psych::fa(cor(x, use = "pairwise"), nfactors = 1, fm = "minres"), with
#     u2 = 1 - loadings^2 and Vt the sum of the correlations after reversing
#     items that load negatively, within 1e-12.
# It also prints how far psych's omega_total lies from the one of a minres fit
# converged to 1e-14 (iterated principal axes, which converge to the minres
# solution unless a communality reaches psych's bound 0.995): the tolerance of
# the Go test rests on it.
#
# Produced with R 4.2.2 Patched (2022-11-10 r83330), psych 2.2.9 and
# GPArotation 2022.10-2 (which psych::omega requires).

suppressPackageStartupMessages({
  library(psych)
  library(yaml)
})

tol <- 1e-12
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

check <- function(what, a, b) {
  if (length(a) != length(b) || any(is.na(a) != is.na(b)) ||
      any(abs(a - b) > tol, na.rm = TRUE)) {
    stop(what, ": psych and the formula disagree: ", paste(a, collapse = " "),
         " vs ", paste(b, collapse = " "))
  }
}

load_data <- function(bank, path) {
  raw <- read.csv(path, colClasses = "character", na.strings = character(0),
                  check.names = FALSE, strip.white = TRUE)
  d <- data.frame(row.names = seq_len(nrow(raw)))
  for (it in bank$items) {
    if (!it$id %in% names(raw)) stop(path, ": no column ", it$id)
    s <- trimws(raw[[it$id]])
    x <- suppressWarnings(as.numeric(s))
    bad <- which(s != "" & is.na(x))
    if (length(bad) > 0) stop(path, ": ", it$id, ", row ", bad[1], ": ", s[bad[1]])
    sc <- bank$scales[[it$scale]]
    x[x %in% as.numeric(unlist(sc$missing))] <- NA
    if (isTRUE(it$reverse)) x <- sc$min + sc$max - x
    d[[it$id]] <- x
  }
  d
}

scales_of <- function(bank) {
  out <- list()
  themes <- unique(unlist(lapply(bank$items, function(it) it$theme)))
  for (t in themes) {
    ids <- unlist(lapply(bank$items, function(it) if (identical(it$theme, t)) it$id))
    out[[length(out) + 1]] <- list(kind = "theme", name = t, ids = ids)
  }
  for (n in names(bank$composites)) {
    out[[length(out) + 1]] <- list(kind = "composite", name = n,
                                   ids = unlist(bank$composites[[n]]))
  }
  out
}

# omega_by_formula is omega total as psych::omega computes it for one factor.
omega_by_formula <- function(r, loadings) {
  key <- sign(loadings)
  key[key == 0] <- 1
  m <- diag(key) %*% r %*% diag(key)
  (sum(m) - sum(1 - loadings^2)) / sum(m)
}

reliability <- function(x) {
  k <- ncol(x)
  a <- suppressWarnings(suppressMessages(
    psych::alpha(x, use = "pairwise", check.keys = FALSE, warnings = FALSE)))
  C <- cov(x, use = "pairwise")
  R <- cov2cor(C)
  check("raw_alpha", a$total$raw_alpha, (1 - sum(diag(C)) / sum(C)) * k / (k - 1))
  check("std_alpha", a$total$std.alpha, (1 - k / sum(R)) * k / (k - 1))
  check("average_r", a$total$average_r, (sum(R) - k) / (k * (k - 1)))
  rdrop <- sapply(seq_len(k), function(i)
    (sum(C[, i]) - C[i, i]) / sqrt(C[i, i] * sum(C[-i, -i])))
  check("r_drop", a$item.stats$r.drop, rdrop)
  adrop <- sapply(seq_len(k), function(i) {
    Ci <- C[-i, -i]
    (1 - sum(diag(Ci)) / sum(Ci)) * (k - 1) / (k - 2)
  })
  check("alpha_drop", a$alpha.drop$raw_alpha, adrop)

  o <- suppressWarnings(suppressMessages(
    psych::omega(x, nfactors = 1, fm = "minres", plot = FALSE)))
  r <- cor(x, use = "pairwise")
  f <- suppressWarnings(suppressMessages(psych::fa(r, nfactors = 1, fm = "minres")))
  check("omega_total", o$omega.tot, omega_by_formula(r, as.vector(f$loadings)))
  pa <- suppressWarnings(suppressMessages(
    psych::fa(r, nfactors = 1, fm = "pa", min.err = 1e-14, max.iter = 1e5)))
  conv <- omega_by_formula(r, as.vector(pa$loadings))
  bound <- max(as.vector(f$loadings)^2) >= 0.995 - 1e-6

  list(raw_alpha = a$total$raw_alpha, std_alpha = a$total$std.alpha,
       average_r = a$total$average_r, omega_total = o$omega.tot,
       n_min = min(psych::pairwiseCount(x)),
       r_drop = a$item.stats$r.drop, alpha_drop = a$alpha.drop$raw_alpha,
       converged = conv, bound = bound)
}

main <- function() {
  args <- commandArgs(trailingOnly = TRUE)
  if (length(args) != 3) stop("usage: Rscript reference.R <bank.yaml> <responses.csv> <out-prefix>")
  bank <- yaml::read_yaml(args[1])
  d <- load_data(bank, args[2])
  rows <- character(0)
  for (s in scales_of(bank)) {
    x <- d[, s$ids, drop = FALSE]
    v <- reliability(x)
    q <- function(t) paste0('"', gsub('"', '""', t), '"')
    for (st in c("raw_alpha", "std_alpha", "average_r", "omega_total", "n_min")) {
      rows <- c(rows, paste(s$kind, q(s$name), "", st, num(v[[st]]), sep = ","))
    }
    for (i in seq_along(s$ids)) {
      rows <- c(rows, paste(s$kind, q(s$name), s$ids[i], "r_drop", num(v$r_drop[i]), sep = ","),
                paste(s$kind, q(s$name), s$ids[i], "alpha_drop", num(v$alpha_drop[i]), sep = ","))
    }
    cat(sprintf("%s %s: omega_total %.10f, converged minres %.10f, |difference| %.2g%s\n",
                s$kind, s$name, v$omega_total, v$converged, abs(v$omega_total - v$converged),
                if (v$bound) " (a communality at the bound 0.995: not comparable)" else ""))
  }
  writeLines(c("kind,name,item,statistic,value", rows), paste0(args[3], "-reliability.csv"))
  md5 <- tools::md5sum(c(args[1], args[2]))
  writeLines(c(R.version.string,
               paste("psych", packageVersion("psych")),
               paste("GPArotation", packageVersion("GPArotation")),
               paste("bank", basename(args[1]), "md5", md5[[1]]),
               paste("input", basename(args[2]), "md5", md5[[2]]),
               paste("items", ncol(d), "respondents", nrow(d))),
             paste0(args[3], "-versions.txt"))
}

main()
