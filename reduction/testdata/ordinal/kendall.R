# Reference values for Kendall's tau-b, checked by
# reduction/ordinal_reference_test.go (TestKendallReference): R's
# cor(x, y, method = "kendall", use = "pairwise.complete.obs"), which is
# tau-b, for every pair of the data sets of make.R (their tables are in
# tables.csv). Run from this folder: Rscript kendall.R
# R 4.2.2, psych 2.2.9, psychTools, yaml.
suppressMessages({ library(psych); library(yaml) })
options(digits = 17)
rows <- list()
pairs <- function(set, d) {
  tau <- cor(d, method = "kendall", use = "pairwise.complete.obs")
  p <- ncol(d)
  for (i in 1:(p - 1)) for (j in (i + 1):p)
    rows[[length(rows) + 1]] <<- data.frame(set = set, x = names(d)[i], y = names(d)[j], kendall = tau[i, j])
}
data(bfi, package = "psych")
pairs("bfi", bfi[, 1:25])
data(sai, package = "psychTools")
pairs("sai", sai[sai$time == 1, 4:23])
bank <- yaml::read_yaml("../../../examples/wijkteams/bank.yaml")
ex <- read.csv("../../../examples/wijkteams/responses-2017.csv", check.names = FALSE)
ids <- sapply(bank$items, `[[`, "id")
sc <- sapply(bank$items, `[[`, "scale")
d <- ex[, ids]
for (i in seq_along(ids)) {
  miss <- bank$scales[[sc[i]]]$missing
  if (length(miss)) d[d[, i] %in% miss, i] <- NA
}
pairs("example", d)
out <- do.call(rbind, rows)
write.csv(out, "kendall.csv", row.names = FALSE)
cat("pairs:", nrow(out), " undefined:", sum(is.na(out$kendall)), "\n")
