# reference.R: reference values for the item statistics, computed with R.
#
# Usage:
#   Rscript reference.R [--items=FILE] [--missing=FILE] <responses.csv> <out-prefix> [SPEC ...]
#
# Input: a CSV file with a header row. Item columns are every column except the
# background columns respondent, gemeente, team, functie, leeftijd, geslacht and
# jaren_ervaring; with --items=FILE, exactly the ids listed in FILE (one per line,
# blank lines and lines starting with # ignored), taken in the CSV's column order.
# Ids listed in FILE but absent from the CSV (a bank may hold items that one wave
# did not ask) are skipped and named in the versions file.
# An empty cell (after trimming spaces) is missing. Every other cell of an item
# column must be a number.
#
# Missing codes: each SPEC is either
#   CODE        the value CODE is missing in every item column, e.g. 9
#   COL=CODE    the value CODE is missing in column COL only, e.g. T01=9
# Repeat a SPEC to declare several codes. --missing=FILE reads further SPECs from
# FILE, one per line (blank lines and # comments ignored); there a COL=CODE for a
# column absent from the CSV is skipped, on the command line it is an error.
# Per-column codes exist because 9 is a missing code on a 1-5 statement but a
# valid answer on a 1-10 grade.
#
# Output, with NA for an undefined value and numbers printed by sprintf("%.17g"):
#   <out-prefix>-items.csv     item,n,mean,sd
#       n    = sum(!is.na(x))
#       mean = mean(x, na.rm = TRUE)          NA when n = 0
#       sd   = sd(x, na.rm = TRUE)            NA when n < 2 (n - 1 denominator)
#   <out-prefix>-pairs.csv     item1,item2,n,r  for every pair, item1 before item2
#                              in column order
#       n    = sum(!is.na(x) & !is.na(y))
#       r    = cor(x, y, use = "pairwise.complete.obs")
#              NA when n < 2 or when x or y is constant over the n respondents.
#              Written for every n, also n = 2; a consumer requiring n >= 3 applies
#              that rule itself.
#   <out-prefix>-versions.txt  R and psych versions, input file name and MD5,
#                              the missing codes applied, listed ids skipped
#
# Cross-checks (the script stops if one fails):
#   - psych::describe(d) gives the same n, and mean and sd within 1e-12 relative;
#   - r equals sum(dx * dy) / sqrt(sum(dx^2) * sum(dy^2)), with dx and dy the
#     deviations from the means over the common respondents, within 1e-12;
#   - the pair n equals psych::pairwiseCount(x, y).
#
# Produced with R 4.2.2 Patched (2022-11-10 r83330) and psych 2.2.9.

suppressPackageStartupMessages(library(psych))

background <- c("respondent", "gemeente", "team", "functie", "leeftijd",
                "geslacht", "jaren_ervaring")
tol <- 1e-12

read_list <- function(path) {
  l <- trimws(readLines(path, warn = FALSE))
  l[l != "" & !startsWith(l, "#")]
}

parse_args <- function(args) {
  opt <- list(items = NULL, specs = character(0), filespecs = character(0),
              pos = character(0))
  for (a in args) {
    if (startsWith(a, "--items=")) {
      opt$items <- read_list(sub("^--items=", "", a))
    } else if (startsWith(a, "--missing=")) {
      opt$filespecs <- c(opt$filespecs, read_list(sub("^--missing=", "", a)))
    } else if (startsWith(a, "--")) {
      stop("unknown option ", a)
    } else {
      opt$pos <- c(opt$pos, a)
    }
  }
  if (length(opt$pos) < 2) {
    stop("usage: Rscript reference.R [--items=FILE] [--missing=FILE] ",
         "<responses.csv> <out-prefix> [CODE | COL=CODE ...]")
  }
  opt$specs <- opt$pos[-(1:2)]
  opt
}

# missing_codes returns a named list: item id -> numeric vector of codes.
# A COL=CODE for a column not in items is an error, or skipped when lenient.
missing_codes <- function(specs, items, codes, lenient) {
  for (s in specs) {
    if (grepl("=", s, fixed = TRUE)) {
      col <- sub("=.*$", "", s)
      val <- sub("^[^=]*=", "", s)
      if (!col %in% items) {
        if (lenient) next
        stop("missing code for unknown item column: ", s)
      }
      cols <- col
    } else {
      val <- s
      cols <- items
    }
    code <- suppressWarnings(as.numeric(val))
    if (is.na(code)) stop("missing code is not a number: ", s)
    for (c in cols) codes[[c]] <- unique(c(codes[[c]], code))
  }
  codes
}

load_items <- function(path, items, specs, filespecs) {
  raw <- read.csv(path, colClasses = "character", na.strings = character(0),
                  check.names = FALSE, strip.white = TRUE)
  cols <- names(raw)
  skipped <- character(0)
  if (is.null(items)) {
    items <- cols[!cols %in% background]
  } else {
    skipped <- setdiff(items, cols)
    items <- cols[cols %in% items]
  }
  if (any(grepl("[,\"]", items))) stop("item ids must not contain , or \"")
  codes <- setNames(rep(list(numeric(0)), length(items)), items)
  codes <- missing_codes(filespecs, items, codes, TRUE)
  codes <- missing_codes(specs, items, codes, FALSE)
  d <- data.frame(row.names = seq_len(nrow(raw)))
  for (it in items) {
    s <- trimws(raw[[it]])
    x <- suppressWarnings(as.numeric(s))
    bad <- which(s != "" & is.na(x))
    if (length(bad) > 0) {
      stop(path, ": column ", it, ", data row ", bad[1], ": not a number: ",
           s[bad[1]])
    }
    x[x %in% codes[[it]]] <- NA
    d[[it]] <- x
  }
  list(d = d, codes = codes, skipped = skipped)
}

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

same <- function(a, b, rel) {
  if (is.na(a) || is.na(b)) return(is.na(a) && is.na(b))
  if (rel) abs(a - b) <= tol * max(abs(a), abs(b)) else abs(a - b) <= tol
}

item_stats <- function(d) {
  n <- sapply(d, function(x) sum(!is.na(x)))
  m <- sapply(d, function(x) mean(x, na.rm = TRUE))
  m[n == 0] <- NA
  s <- sapply(d, function(x) sd(x, na.rm = TRUE))
  ps <- suppressWarnings(psych::describe(d))
  for (i in seq_along(d)) {
    if (ps$n[i] != n[i] || !same(m[i], ps$mean[i], TRUE) ||
        !same(s[i], ps$sd[i], TRUE)) {
      stop("base R and psych::describe disagree on ", names(d)[i])
    }
  }
  data.frame(item = names(d), n = n, mean = m, sd = s)
}

pair_stats <- function(d) {
  k <- ncol(d)
  out <- vector("list", k * (k - 1) / 2)
  idx <- 0
  for (i in seq_len(k - 1)) {
    for (j in (i + 1):k) {
      x <- d[[i]]
      y <- d[[j]]
      both <- !is.na(x) & !is.na(y)
      n <- sum(both)
      r <- suppressWarnings(cor(x, y, use = "pairwise.complete.obs"))
      dx <- x[both] - mean(x[both])
      dy <- y[both] - mean(y[both])
      r2 <- sum(dx * dy) / sqrt(sum(dx^2) * sum(dy^2))
      if (!same(r, r2, FALSE)) {
        stop("cor and the explicit formula disagree on ", names(d)[i], ", ",
             names(d)[j])
      }
      if (psych::pairwiseCount(x, y) != n) {
        stop("psych::pairwiseCount disagrees on ", names(d)[i], ", ",
             names(d)[j])
      }
      idx <- idx + 1
      out[[idx]] <- data.frame(item1 = names(d)[i], item2 = names(d)[j],
                               n = n, r = r)
    }
  }
  do.call(rbind, out)
}

write_lines <- function(path, header, rows) {
  writeLines(c(header, rows), path)
}

main <- function() {
  opt <- parse_args(commandArgs(trailingOnly = TRUE))
  input <- opt$pos[1]
  prefix <- opt$pos[2]
  loaded <- load_items(input, opt$items, opt$specs, opt$filespecs)
  d <- loaded$d

  it <- item_stats(d)
  write_lines(paste0(prefix, "-items.csv"), "item,n,mean,sd",
              paste(it$item, it$n, num(it$mean), num(it$sd), sep = ","))

  pr <- pair_stats(d)
  write_lines(paste0(prefix, "-pairs.csv"), "item1,item2,n,r",
              paste(pr$item1, pr$item2, pr$n, num(pr$r), sep = ","))

  codes <- loaded$codes
  has <- names(codes)[lengths(codes) > 0]
  miss <- if (length(has) == 0) "none" else
    paste(sapply(has, function(c) paste0(c, "=", paste(codes[[c]], collapse = "|"))),
          collapse = " ")
  writeLines(c(R.version.string,
               paste("psych", as.character(packageVersion("psych"))),
               paste("input", basename(input), "md5", unname(tools::md5sum(input))),
               paste("items", ncol(d), "respondents", nrow(d)),
               paste("missing", miss),
               paste("skipped", if (length(loaded$skipped) == 0) "none" else
                 paste(loaded$skipped, collapse = " "))),
             paste0(prefix, "-versions.txt"))
}

main()
