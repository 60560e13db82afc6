# The four screening rules the way an R user computes them, for the timing
# comparison in run.sh: data.table::fread, colMeans and sd, and
# cor(use = "pairwise.complete.obs").
#
#     Rscript examples/benchmark/r_recipe.R DATA_FOLDER
suppressMessages(library(data.table))
folder <- commandArgs(trailingOnly = TRUE)[1]
bank <- readLines(file.path(folder, "bank.yaml"))
bank <- bank[startsWith(bank, "  - {id: ")]
ids <- sub("^  - \\{id: ([^,]+),.*$", "\\1", bank)
likert <- grepl("scale: likert5", bank)
lo <- rep(1, length(ids))
hi <- ifelse(likert, 5, 10)

read <- function(name) {
  d <- as.matrix(fread(file.path(folder, name), select = ids))
  d[, likert][d[, likert] == 9] <- NA
  d
}
prev <- read("previous.csv")
cur <- read("current.csv")
mean_prev <- colMeans(prev, na.rm = TRUE)
mean_cur <- colMeans(cur, na.rm = TRUE)
sd_cur <- apply(cur, 2, sd, na.rm = TRUE)
r <- cor(cur, use = "pairwise.complete.obs")
diag(r) <- 0

range <- hi - lo
stable <- abs(mean_cur - mean_prev) < 0.10 * range
ceiling <- mean_cur > lo + 0.80 * range
low_spread <- sd_cur < 0.20 * range
redundant <- apply(abs(r) > 0.50, 2, any, na.rm = TRUE)
cat(sprintf("R: stable %d, ceiling %d, low_spread %d, redundant %d\n",
            sum(stable), sum(ceiling), sum(low_spread), sum(redundant)))
