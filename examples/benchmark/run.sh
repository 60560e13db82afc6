#!/bin/sh
# Times `itemreduce flag` on synthetic surveys of the given sizes, ITEMSxRESPONDENTS
# (default: 300x100000), two waves each, and prints the time and the peak memory.
# When pandas (python3) or R with data.table are installed, the same screening
# done with them is timed on the same data for comparison; COMPARE=no skips
# them (at 1000x1000000 they would need hours and more memory than a laptop has).
#
#   examples/benchmark/run.sh                       # 300 items, 100,000 respondents
#   examples/benchmark/run.sh 149x200               # the size of the example questionnaire
#   COMPARE=no examples/benchmark/run.sh 1000x1000000  # a national monitor
#
# The data go to $BENCH_DATA (default: a folder in /tmp); they are made by
# `go run ./examples/benchmark/gen` and are the same on every machine.
# Needs Go and GNU time (/usr/bin/time; Debian/Ubuntu: apt-get install time).
set -eu
cd "$(dirname "$0")/../.."
data=${BENCH_DATA:-/tmp/itemreduce-benchmark}
mkdir -p "$data"
if [ ! -x /usr/bin/time ]; then
	echo "run.sh needs GNU time: apt-get install time" >&2
	exit 1
fi
go build -o "$data/itemreduce" ./cmd/itemreduce

# timed LABEL COMMAND...: runs the command, prints wall time, processor time
# (user + system, over all cores: on a busy machine it varies less than the
# wall time) and peak memory.
timed() {
	label=$1
	shift
	/usr/bin/time -v "$@" 2>"$data/time.log" >"$data/out.log" || {
		cat "$data/time.log" >&2
		exit 1
	}
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$data/time.log")
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$data/time.log")
	cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$data/time.log" | awk '{s += $1} END {printf "%.1f s", s}')
	case $label in
	itemreduce*) result=$(rules "$data/out.log") ;;
	*) result=$(tail -n 1 "$data/out.log") ;;
	esac
	printf '  %-28s %10s  %9s  %7d MB   %s\n' "$label" "$wall" "$cpu" $((kb / 1024)) "$result"
}

# rules FILE prints how many items each rule fired for, from flag's JSON.
rules() {
	sed -n '/"items_by_rule"/,/}/s/^ *"\([a-z_]*\)": \([0-9]*\),*$/\1 \2/p' "$1" |
		awk '{n[$1] = $2} END {printf "itemreduce: stable %d, ceiling %d, low_spread %d, redundant %d\n", n["stable"], n["ceiling"], n["low_spread"], n["redundant"]}'
}

for size in "${@:-300x100000}"; do
	items=${size%x*}
	respondents=${size#*x}
	dir=$data/$size
	if [ ! -f "$dir/current.csv" ]; then
		go run ./examples/benchmark/gen -items "$items" -respondents "$respondents" -out "$dir"
	fi
	echo "$items items x $respondents respondents x 2 waves ($(du -sh "$dir/previous.csv" | cut -f1) per wave):"
	echo "  what                          time (m:ss)   cpu time  peak memory"
	timed "itemreduce flag" "$data/itemreduce" flag --bank "$dir/bank.yaml" \
		--previous "$dir/previous.csv" --current "$dir/current.csv" --format json
	if [ "${COMPARE:-yes}" = no ]; then
		continue
	fi
	for py in python3 /usr/bin/python3; do
		if "$py" -c 'import pandas' 2>/dev/null; then
			timed "pandas (read_csv, corr)" "$py" examples/benchmark/pandas_recipe.py "$dir"
			break
		fi
	done
	if Rscript -e 'suppressMessages(library(data.table))' 2>/dev/null; then
		timed "R (fread, cor pairwise)" Rscript examples/benchmark/r_recipe.R "$dir"
	fi
done
