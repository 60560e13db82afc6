#!/bin/sh
# Regenerates the system file fixtures and their reference CSV files.
#
# The committed files were produced by GNU PSPP 1.6.2 (pspp and
# pspp-convert). CI does not need PSPP: the tests read the committed files.
#
# For each system file X.sav or X.zsav this writes
#   X.csv          pspp-convert X.sav X.csv: user-missing values as stored,
#                  system-missing numbers as a single space
#   X.recoded.csv  pspp-convert --recode: user-missing values written as
#                  system-missing (numbers) or empty (strings)
#
# Usage: cd itembank/sav/testdata && sh generate.sh
set -eu

pspp --version | head -n 1
for script in enquete.sps enquete_1252.sps reeks.sps labels.sps; do
	# The scripts are UTF-8; SET LOCALE inside them picks the file encoding.
	pspp --syntax-encoding=UTF-8 --output=/dev/null "$script"
done

for f in *.sav *.zsav; do
	base=${f%.*}
	pspp-convert "$f" "$base.csv"
	pspp-convert --recode "$f" "$base.recoded.csv"
done
