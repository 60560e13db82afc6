# wavetest.R: reference values for the wave tests, computed with R.
#
# Usage:
#   Rscript wavetest.R [options] BANK.yaml PREVIOUS.csv CURRENT.csv OUT-PREFIX
#
# Options:
#   --where=COL=VALUE           keep only the rows of both files where COL is VALUE
#   --previous-where=COL=VALUE  the same, for PREVIOUS.csv only
#   --current-where=COL=VALUE   the same, for CURRENT.csv only (each repeatable;
#                               all conditions must hold; PREVIOUS.csv and
#                               CURRENT.csv may be one file)
#   --link=COL[,COL...]         also the paired tests, linking a respondent of
#                               the previous wave to the current one by these
#                               columns (keys that occur more than once in a
#                               wave are dropped: they link nobody for sure)
#   --pspp                      also run PSPP's NPAR TESTS /M-W on the
#                               Mann-Whitney items (needs pspp and pspp-output)
#
# The bank (YAML, R package yaml) gives the items, their scales (min, max,
# missing codes) and which are reverse-keyed. An item is tested when it is a
# column of both files and answered at least once in each wave. Empty cells
# and the scale's missing codes are missing. A reverse-keyed item's answers
# are flipped, x -> min + max - x, before anything is computed, so that + means
# more favourable. The test follows the scale: Mann-Whitney up to 7 points
# (max - min + 1 <= 7), Welch's t above. With x the previous and y the current
# wave's answers:
#
# Output, with NA for an undefined value and numbers printed by sprintf("%.17g"):
#   <out-prefix>-wavetests.csv
#     item,test,flipped,statistic,z,df,p,p_holm,effect_name,effect,n_previous,n_current,ci90_lo,ci90_hi
#     mann_whitney:
#       statistic = wilcox.test(y, x, exact = FALSE, correct = FALSE)$statistic  (W = U of y)
#       z         = (W - n_x n_y / 2) / SIGMA, SIGMA as in R's wilcox.test:
#                   sqrt((n_x n_y / 12) * ((N + 1) - sum(NTIES^3 - NTIES) / (N (N - 1))))
#                   with NTIES <- table(rank(c(y, x)))
#       p         = wilcox.test(y, x, exact = FALSE, correct = FALSE)$p.value
#       effect    = rank_biserial: 2 W / (n_x n_y) - 1
#     welch_t:
#       statistic, df, p = t.test(y, x, var.equal = FALSE)$statistic, $parameter, $p.value
#       effect    = cohens_d: (mean(y) - mean(x)) / sqrt(((n_x-1) var(x) + (n_y-1) var(y)) / (n_x + n_y - 2))
#     both:
#       p_holm    = p.adjust(p, method = "holm") over the items with a p
#       ci90      = t.test(y, x, var.equal = FALSE, conf.level = 0.9)$conf.int
#   <out-prefix>-paired.csv (with --link), one row per item and paired test
#     item,test,statistic,z,df,p,effect_name,effect,n_linked,n_ranked,ci90_lo,ci90_hi
#     wilcoxon_signed_rank: on d = y - x over the linked respondents who
#       answered in both waves:
#       statistic = wilcox.test(y, x, paired = TRUE, exact = FALSE, correct = FALSE)$statistic (V)
#       z         = (V - n (n + 1) / 4) / sqrt(n (n + 1) (2n + 1) / 24 - sum(NTIES^3 - NTIES) / 48),
#                   n the non-zero differences (n_ranked), NTIES <- table(rank(abs(d[d != 0])))
#       effect    = matched_rank_biserial: 2 V / (n (n + 1) / 2) - 1
#     paired_t: t.test(y, x, paired = TRUE) and its conf.level = 0.9 interval;
#       effect = cohens_dz: mean(d) / sd(d)
#   <out-prefix>-pspp.csv (with --pspp)
#     item,u,w,z,p   PSPP's Mann-Whitney U (min(U, n_x n_y - U)), Wilcoxon W,
#                    Z (-|z|) and Asymp. Sig. (2-tailed), read at full double
#                    precision from the .spv output (see pspp_mw)
#   <out-prefix>-versions.txt  R (and PSPP) versions, the inputs and their MD5,
#                    the row conditions
#
# Cross-checks (the script stops if one fails, at 1e-12 relative):
#   - W equals the count of pairs with y > x plus half the ties, and
#     2 pnorm(-|z|) equals wilcox.test's p value;
#   - t and df equal the explicit Welch formulas, d equals the group
#     coefficient of lm(v ~ g) over its residual SD, the interval equals
#     diff -/+ qt(0.95, df) SE;
#   - p_holm equals the explicit step-down min(1, cummax((m - i + 1) p_(i)));
#   - V equals the sum of the ranks of the positive differences, and paired_t
#     equals t.test(d) on the differences.
#
# Produced with R 4.2.2 Patched (2022-11-10 r83330) and PSPP 1.6.2.

tol <- 1e-12

parse_args <- function(args) {
  opt <- list(where = character(0), pwhere = character(0),
              cwhere = character(0), link = NULL, pspp = FALSE,
              pos = character(0))
  for (a in args) {
    if (startsWith(a, "--where=")) {
      opt$where <- c(opt$where, sub("^--where=", "", a))
    } else if (startsWith(a, "--previous-where=")) {
      opt$pwhere <- c(opt$pwhere, sub("^--previous-where=", "", a))
    } else if (startsWith(a, "--current-where=")) {
      opt$cwhere <- c(opt$cwhere, sub("^--current-where=", "", a))
    } else if (startsWith(a, "--link=")) {
      opt$link <- strsplit(sub("^--link=", "", a), ",", fixed = TRUE)[[1]]
    } else if (a == "--pspp") {
      opt$pspp <- TRUE
    } else if (startsWith(a, "--")) {
      stop("unknown option ", a)
    } else {
      opt$pos <- c(opt$pos, a)
    }
  }
  if (length(opt$pos) != 4) {
    stop("usage: Rscript wavetest.R [options] BANK.yaml PREVIOUS.csv ",
         "CURRENT.csv OUT-PREFIX")
  }
  opt
}

read_bank <- function(path) {
  b <- yaml::read_yaml(path)
  items <- lapply(b$items, function(it) {
    s <- b$scales[[it$scale]]
    list(id = it$id, min = s$min, max = s$max,
         missing = if (is.null(s$missing)) numeric(0) else unlist(s$missing),
         reverse = isTRUE(it$reverse))
  })
  setNames(items, vapply(items, function(it) it$id, ""))
}

# read_wave returns the rows of a CSV file that meet every COL=VALUE
# condition, as character columns.
read_wave <- function(path, conds) {
  raw <- read.csv(path, colClasses = "character", na.strings = character(0),
                  check.names = FALSE, strip.white = TRUE)
  keep <- rep(TRUE, nrow(raw))
  for (c in conds) {
    col <- sub("=.*$", "", c)
    val <- sub("^[^=]*=", "", c)
    if (!col %in% names(raw)) stop(path, ": no column ", col)
    keep <- keep & trimws(raw[[col]]) == val
  }
  raw[keep, , drop = FALSE]
}

# answers returns item it's answers in a wave, missing as NA, flipped when
# the item is reverse-keyed.
answers <- function(raw, it) {
  s <- trimws(raw[[it$id]])
  x <- suppressWarnings(as.numeric(s))
  if (any(s != "" & is.na(x))) stop("column ", it$id, ": not a number")
  x[x %in% it$missing] <- NA
  if (it$reverse) x <- it$min + it$max - x
  x
}

num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

check <- function(a, b, what) {
  if (is.na(a) && is.na(b)) return(invisible())
  if (is.na(a) || is.na(b) || abs(a - b) > tol * max(1, abs(a), abs(b))) {
    stop("cross-check failed: ", what, ": ", num(a), " vs ", num(b))
  }
}

safe <- function(expr) tryCatch(expr, error = function(e) NULL)

mann_whitney <- function(id, x, y) {
  nx <- length(x)
  ny <- length(y)
  w <- suppressWarnings(wilcox.test(y, x, exact = FALSE, correct = FALSE))
  W <- unname(w$statistic)
  ties <- table(rank(c(y, x)))
  N <- nx + ny
  sigma <- sqrt((nx * ny / 12) * ((N + 1) - sum(ties^3 - ties) / (N * (N - 1))))
  z <- (W - nx * ny / 2) / sigma
  if (!is.finite(z)) z <- NA
  p <- if (is.na(z)) NA else w$p.value
  pairs <- sum(outer(y, x, ">")) + sum(outer(y, x, "==")) / 2
  check(W, pairs, paste(id, "W vs pair count"))
  if (!is.na(z)) check(2 * pnorm(-abs(z)), p, paste(id, "z vs p"))
  list(statistic = W, z = z, df = NA, p = p, effect_name = "rank_biserial",
       effect = 2 * W / (nx * ny) - 1)
}

welch <- function(id, x, y) {
  out <- list(statistic = NA, z = NA, df = NA, p = NA,
              effect_name = "cohens_d", effect = NA)
  nx <- length(x)
  ny <- length(y)
  if (nx >= 2 && ny >= 2) {
    sp <- sqrt(((nx - 1) * var(x) + (ny - 1) * var(y)) / (nx + ny - 2))
    if (sp > 0) {
      out$effect <- (mean(y) - mean(x)) / sp
      g <- factor(rep(c("x", "y"), c(nx, ny)))
      fit <- lm(c(x, y) ~ g)
      check(out$effect, unname(coef(fit)[2]) / sigma(fit), paste(id, "d vs lm"))
    }
  }
  tt <- safe(t.test(y, x, var.equal = FALSE))
  if (is.null(tt)) return(out)
  out$statistic <- unname(tt$statistic)
  out$df <- unname(tt$parameter)
  out$p <- tt$p.value
  ex <- var(x) / nx
  ey <- var(y) / ny
  check(out$statistic, (mean(y) - mean(x)) / sqrt(ex + ey), paste(id, "t"))
  check(out$df, (ex + ey)^2 / (ex^2 / (nx - 1) + ey^2 / (ny - 1)), paste(id, "df"))
  out
}

ci90 <- function(id, x, y) {
  tt <- safe(t.test(y, x, var.equal = FALSE, conf.level = 0.9))
  if (is.null(tt)) return(c(NA, NA))
  ci <- as.numeric(tt$conf.int)
  se <- sqrt(var(x) / length(x) + var(y) / length(y))
  q <- qt(0.95, unname(tt$parameter))
  check(ci[1], mean(y) - mean(x) - q * se, paste(id, "ci lo"))
  check(ci[2], mean(y) - mean(x) + q * se, paste(id, "ci hi"))
  ci
}

holm <- function(p) {
  adj <- rep(NA_real_, length(p))
  ok <- !is.na(p)
  adj[ok] <- p.adjust(p[ok], method = "holm")
  m <- sum(ok)
  o <- order(p[ok])
  explicit <- numeric(m)
  explicit[o] <- pmin(1, cummax((m - seq_len(m) + 1) * p[ok][o]))
  for (i in seq_len(m)) check(adj[ok][i], explicit[i], "holm")
  adj
}

# linked returns, for each key present exactly once in both waves, the row
# of the previous and of the current wave.
linked <- function(prev, cur, cols) {
  key <- function(raw) do.call(paste, c(lapply(cols, function(c) trimws(raw[[c]])), sep = "\r"))
  kp <- key(prev)
  kc <- key(cur)
  once <- function(k) k[!(k %in% k[duplicated(k)])]
  both <- intersect(once(kp), once(kc))
  list(p = match(both, kp), c = match(both, kc))
}

paired <- function(id, x, y) {
  ok <- !is.na(x) & !is.na(y)
  x <- x[ok]
  y <- y[ok]
  d <- y - x
  nz <- d[d != 0]
  n <- length(nz)
  rows <- list()
  if (n > 0) {
    w <- suppressWarnings(wilcox.test(y, x, paired = TRUE, exact = FALSE, correct = FALSE))
    V <- unname(w$statistic)
    r <- rank(abs(nz))
    check(V, sum(r[nz > 0]), paste(id, "V"))
    ties <- table(r)
    z <- (V - n * (n + 1) / 4) / sqrt(n * (n + 1) * (2 * n + 1) / 24 - sum(ties^3 - ties) / 48)
    check(2 * pnorm(-abs(z)), w$p.value, paste(id, "signed-rank z vs p"))
    rows[[1]] <- c(id, "wilcoxon_signed_rank", num(V), num(z), "NA", num(w$p.value),
                   "matched_rank_biserial", num(2 * V / (n * (n + 1) / 2) - 1),
                   length(d), n, "NA", "NA")
  }
  tt <- safe(t.test(y, x, paired = TRUE, conf.level = 0.9))
  if (!is.null(tt)) {
    t1 <- t.test(d, conf.level = 0.9)
    check(unname(tt$statistic), unname(t1$statistic), paste(id, "paired t"))
    check(tt$conf.int[1], t1$conf.int[1], paste(id, "paired ci"))
    rows[[length(rows) + 1]] <- c(id, "paired_t", num(unname(tt$statistic)), "NA",
                                  num(unname(tt$parameter)), num(tt$p.value), "cohens_dz",
                                  num(mean(d) / sd(d)), length(d), length(d),
                                  num(tt$conf.int[1]), num(tt$conf.int[2]))
  }
  rows
}

# pspp_mw runs NPAR TESTS /M-W on the items of tests, the answers of both
# waves (already flipped and with missing answers empty) in one file with
# a wave column, and reads the Test Statistics table from the .spv output
# at full precision: pspp-output dump-light-table gives each cell's index
# and its value to 6 digits (%g); the same values, in the same order, are
# the IEEE doubles that follow each number cell's marker (type 1, no
# modifiers: bytes 01 58, then a 4-byte format) in the table's binary
# member. Each double is matched to its %g text before it is used.
pspp_mw <- function(ids, xs, ys, prefix) {
  dir <- tempfile("pspp")
  dir.create(dir)
  k <- length(ids)
  vars <- paste0("V", seq_len(k))
  rows <- list()
  for (wv in 1:2) {
    vals <- if (wv == 1) xs else ys
    m <- max(sapply(vals, length))
    cols <- lapply(vals, function(v) { out <- rep(NA, m); out[seq_along(v)] <- v; out })
    rows[[wv]] <- data.frame(wave = wv, setNames(cols, vars))
  }
  d <- rbind(rows[[1]], rows[[2]])
  d <- d[rowSums(!is.na(d[, vars, drop = FALSE])) > 0, ]
  csv <- file.path(dir, "data.csv")
  write.csv(d, csv, row.names = FALSE, na = "", quote = FALSE)
  sps <- file.path(dir, "mw.sps")
  writeLines(c(
    sprintf("GET DATA /TYPE=TXT /FILE='%s' /ARRANGEMENT=DELIMITED /DELCASE=LINE /FIRSTCASE=2 /DELIMITERS=\",\"", csv),
    paste0("  /VARIABLES= wave F1.0 ", paste(vars, "F8.2", collapse = " "), "."),
    sprintf("NPAR TESTS /M-W = %s TO %s BY wave(1 2).", vars[1], vars[k])), sps)
  spv <- file.path(dir, "mw.spv")
  if (system2("pspp", c(sps, "-o", spv)) != 0) stop("pspp failed")
  dump <- system2("pspp-output", c("dump-light-table", spv), stdout = TRUE)
  start <- grep("Test Statistics", dump)[1]
  member <- rev(grep("_lightTableData.bin: *$", dump[1:start], value = TRUE))[1]
  member <- sub(": *$", "", trimws(member))
  next_member <- grep("_lightTableData.bin: *$", dump)
  end <- c(next_member[next_member > start], length(dump) + 1)[1] - 1
  region <- dump[start:end]
  cells <- region[-seq_len(grep("^    cells: *$", region)[1])]
  idx <- as.integer(sub(".*index: *", "", grep("^ *index:", cells, value = TRUE)))
  txt <- sub(".*x: *", "", grep("^ *x: ", cells, value = TRUE))
  if (length(idx) != length(txt) || length(idx) != 4 * k) stop("unexpected Test Statistics table")
  unzip(spv, files = member, exdir = dir)
  b <- readBin(file.path(dir, member), "raw", file.size(file.path(dir, member)))
  at <- which(b[-length(b)] == as.raw(1) & b[-1] == as.raw(0x58))
  vals <- numeric(length(txt))
  j <- 1
  for (i in seq_along(txt)) {
    repeat {
      if (j > length(at)) stop("PSPP value ", txt[i], " not found in ", member)
      p <- at[j]
      j <- j + 1
      if (p + 13 > length(b)) next
      x <- readBin(b[(p + 6):(p + 13)], "double", size = 8, endian = "little")
      if (is.finite(x) && sprintf("%g", x) == txt[i]) break
    }
    vals[i] <- x
  }
  # The statistics (U, W, Z, p) vary slowest, the variables fastest.
  tab <- matrix(NA_real_, k, 4)
  tab[cbind(idx %% k + 1, idx %/% k + 1)] <- vals
  version <- system2("pspp", "--version", stdout = TRUE)[1]
  writeLines(c("item,u,w,z,p", paste(ids, num(tab[, 1]), num(tab[, 2]), num(tab[, 3]),
                                     num(tab[, 4]), sep = ",")),
             paste0(prefix, "-pspp.csv"))
  unlink(dir, recursive = TRUE)
  version
}

main <- function() {
  opt <- parse_args(commandArgs(trailingOnly = TRUE))
  bank <- read_bank(opt$pos[1])
  prev <- read_wave(opt$pos[2], c(opt$where, opt$pwhere))
  cur <- read_wave(opt$pos[3], c(opt$where, opt$cwhere))
  prefix <- opt$pos[4]
  res <- list()
  pairs <- list()
  mw <- list(ids = character(0), xs = list(), ys = list())
  if (!is.null(opt$link)) l <- linked(prev, cur, opt$link)
  for (it in bank) {
    if (!it$id %in% names(prev) || !it$id %in% names(cur)) next
    xa <- answers(prev, it)
    ya <- answers(cur, it)
    x <- xa[!is.na(xa)]
    y <- ya[!is.na(ya)]
    if (length(x) == 0 || length(y) == 0) next
    test <- if (it$max - it$min + 1 <= 7) "mann_whitney" else "welch_t"
    r <- if (test == "mann_whitney") mann_whitney(it$id, x, y) else welch(it$id, x, y)
    ci <- ci90(it$id, x, y)
    res[[length(res) + 1]] <- data.frame(
      item = it$id, test = test, flipped = if (it$reverse) "true" else "false",
      statistic = r$statistic, z = r$z, df = r$df, p = r$p,
      effect_name = r$effect_name, effect = r$effect,
      n_previous = length(x), n_current = length(y), ci90_lo = ci[1], ci90_hi = ci[2])
    if (test == "mann_whitney") {
      mw$ids <- c(mw$ids, it$id)
      mw$xs[[length(mw$xs) + 1]] <- x
      mw$ys[[length(mw$ys) + 1]] <- y
    }
    if (!is.null(opt$link)) pairs <- c(pairs, paired(it$id, xa[l$p], ya[l$c]))
  }
  r <- do.call(rbind, res)
  r$p_holm <- holm(r$p)
  writeLines(c("item,test,flipped,statistic,z,df,p,p_holm,effect_name,effect,n_previous,n_current,ci90_lo,ci90_hi",
               paste(r$item, r$test, r$flipped, num(r$statistic), num(r$z), num(r$df), num(r$p),
                     num(r$p_holm), r$effect_name, num(r$effect), r$n_previous, r$n_current,
                     num(r$ci90_lo), num(r$ci90_hi), sep = ",")),
             paste0(prefix, "-wavetests.csv"))
  if (!is.null(opt$link)) {
    writeLines(c("item,test,statistic,z,df,p,effect_name,effect,n_linked,n_ranked,ci90_lo,ci90_hi",
                 vapply(pairs, paste, "", collapse = ",")),
               paste0(prefix, "-paired.csv"))
  }
  versions <- c(R.version.string)
  if (opt$pspp && length(mw$ids) > 0) {
    versions <- c(versions, pspp_mw(mw$ids, mw$xs, mw$ys, prefix))
  }
  md5 <- tools::md5sum(unique(opt$pos[1:3]))
  writeLines(c(versions,
               paste("input", basename(names(md5)), "md5", unname(md5)),
               paste("where", paste(opt$where, collapse = " ")),
               paste("previous-where", paste(opt$pwhere, collapse = " ")),
               paste("current-where", paste(opt$cwhere, collapse = " ")),
               paste("link", paste(opt$link, collapse = ",")),
               paste("items tested", nrow(r))),
             paste0(prefix, "-versions.txt"))
}

main()
