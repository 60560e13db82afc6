#!/bin/sh
# Regenerates levels.sav, the SPSS file with measurement levels that
# TestDraftMeasurementLevels drafts a bank from.
#
# The committed file was produced by GNU PSPP (see pspp --version below).
# CI does not need PSPP: the test reads the committed file.
#
# Usage: cd itembank/draft/testdata && sh generate.sh
set -eu

pspp --version | head -n 1
pspp --syntax-encoding=UTF-8 --output=/dev/null levels.sps
