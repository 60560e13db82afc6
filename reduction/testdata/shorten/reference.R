# reference.R: reference values for shorten's objective, computed with R
# and psych, independently of the Go code.
#
# Usage:
#   Rscript reference.R <bank.yaml> <responses.csv> <forms.csv> <data-name> <out-prefix>
#
# The bank gives the scales (missing codes) and the items; every bank item
# must be a column of the CSV. An empty cell and an item's missing codes
# are NA. With x the data frame of the bank's items:
#
#   R <- cor(x, use = "pairwise")            pairwise Pearson correlations
#   if (min(eigen(R)$values) < .Machine$double.eps) R <- psych::cor.smooth(R)
#
# and for every form K of forms.csv whose data column is <data-name> (ids
# separated by spaces):
#
#   R2(j | K) = R[j, K] %*% solve(R[K, K]) %*% R[K, j]   for every item j
#   I(K)      = mean over j of R2(j | K)
#   bound     = sum(sort(eigen(R)$values, decreasing = TRUE)[1:|K|]) / p
#
# Output, numbers printed with sprintf("%.17g"):
#   <out-prefix>-information.csv   form,item,statistic,value
#       statistic r2 per item; information, bound and smoothed (0 or 1)
#       with the item empty.
#   <out-prefix>-versions.txt      R and psych versions, input files and MD5s
suppressPackageStartupMessages({
  library(psych)
  library(yaml)
})
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript reference.R bank.yaml responses.csv forms.csv data-name out-prefix")
bank <- yaml::read_yaml(args[1])
d <- read.csv(args[2], colClasses = "character", check.names = FALSE)
forms <- read.csv(args[3], colClasses = "character")
forms <- forms[forms$data == args[4], ]
ids <- vapply(bank$items, function(it) it$id, "")
x <- sapply(bank$items, function(it) {
  v <- trimws(d[[it$id]])
  v[v == ""] <- NA
  missing <- bank$scales[[it$scale]]$missing
  if (!is.null(missing)) v[v %in% as.character(missing)] <- NA
  as.numeric(v)
})
colnames(x) <- ids
R <- cor(x, use = "pairwise")
smoothed <- 0
if (min(eigen(R, symmetric = TRUE)$values) < .Machine$double.eps) {
  R <- suppressWarnings(psych::cor.smooth(R))
  smoothed <- 1
}
p <- ncol(R)
ev <- sort(eigen(R, symmetric = TRUE, only.values = TRUE)$values, decreasing = TRUE)
fmt <- function(v) sprintf("%.17g", v)
rows <- list()
for (f in seq_len(nrow(forms))) {
  K <- strsplit(forms$items[f], " ")[[1]]
  stopifnot(all(K %in% ids))
  inv <- solve(R[K, K, drop = FALSE])
  r2 <- vapply(ids, function(j) {
    rj <- R[K, j, drop = FALSE]
    as.numeric(t(rj) %*% inv %*% rj)
  }, 0)
  name <- forms$form[f]
  rows[[length(rows) + 1]] <- data.frame(form = name, item = ids, statistic = "r2", value = fmt(r2))
  rows[[length(rows) + 1]] <- data.frame(form = name, item = "", statistic = c("information", "bound", "smoothed"),
    value = c(fmt(mean(r2)), fmt(sum(ev[seq_along(K)]) / p), smoothed))
}
out <- do.call(rbind, rows)
write.csv(out, paste0(args[5], "-information.csv"), row.names = FALSE, quote = FALSE)
md5 <- tools::md5sum(args[1:3])
writeLines(c(R.version.string, paste("psych", packageVersion("psych")),
  paste(basename(args[1:3]), "md5", md5)), paste0(args[5], "-versions.txt"))
