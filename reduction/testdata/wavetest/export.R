# export.R: writes the real data sets of the wave test fixtures as CSV files,
# from the R packages that ship them.
#
# Usage: Rscript export.R   (from this folder; regenerate.sh runs it)
#
#   bfi.csv     psych::bfi: 2800 respondents of the SAPA project, 25 Big Five
#               statements on a 1-6 scale, and gender (1 = male, 2 = female).
#               The fixtures treat the men as the "previous" and the women as
#               the "current" wave. Columns: respondent (the row name), gender,
#               A1 ... O5; an empty cell is a missing answer (NA in R).
#   satact.csv  psych::sat.act: 700 respondents' self-reported ACT (3-36),
#               SAT verbal and SAT quantitative (200-800) scores, and gender,
#               split the same way. Columns: respondent, gender, ACT, SATV, SATQ.
#   sai.csv     psychTools::sai, the occasions time = 1 and time = 2: the 20
#               state anxiety items (1-4) of the PMC lab's studies, where the
#               same participant (study, id) answered twice. Columns: study,
#               id, time, calm ... pleasant.
#
# The numbers are written as R holds them (integers); row order is R's.
# export-versions.txt records the R and package versions and the MD5 of each
# file written.

suppressPackageStartupMessages({
  library(psych)
  library(psychTools)
})

write <- function(d, path) {
  write.csv(d, path, row.names = FALSE, na = "", quote = FALSE)
}

b <- psych::bfi
items <- c(paste0("A", 1:5), paste0("C", 1:5), paste0("E", 1:5),
           paste0("N", 1:5), paste0("O", 1:5))
write(data.frame(respondent = rownames(b), gender = b$gender, b[, items]),
      "bfi.csv")

s <- psych::sat.act
write(data.frame(respondent = rownames(s), gender = s$gender,
                 s[, c("ACT", "SATV", "SATQ")]), "satact.csv")

a <- psychTools::sai
a <- a[a$time %in% c(1, 2), ]
write(data.frame(study = as.character(a$study), a[, -1]), "sai.csv")

out <- c("bfi.csv", "satact.csv", "sai.csv")
writeLines(c(R.version.string,
             paste("psych", packageVersion("psych")),
             paste("psychTools", packageVersion("psychTools")),
             paste("output", out, "md5", unname(tools::md5sum(out)))),
           "export-versions.txt")
