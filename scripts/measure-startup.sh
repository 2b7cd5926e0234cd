#!/usr/bin/env bash
# Start-up beside its baseline: the app on a journal and the Tauri hello world of
# benches/hello (same tauri, features and profile), started in pairs on one Xvfb display and
# one session bus, as on a desktop. Each start runs from process start until the page says
# its first screen is interactive and the process has exited (TAPER_JOURNAL_EXIT_WHEN_READY);
# the order within a pair alternates, and one pair is run first and not counted (the page
# cache, and the day's automatic backup of the journal). Prints medians and their ratio.
# With "trace", more starts of each (TRACE_STARTS, 5 unless set) print where the time goes:
# the median of each mark of the start-up timeline (src-tauri/start_trace.rs), both sides.
#   scripts/measure-startup.sh [PAIRS=15] [release|debug] [10y|empty] [trace]
set -euo pipefail
export LC_ALL=C # sort -n and printf read "12.5" the same in every locale
cd "$(dirname "$0")/.."
pairs=${1:-15}
profile=${2:-release}
journal=${3:-10y}
trace=${4:-}

if [ -z "${MEASURE_STARTUP_INSIDE:-}" ]; then
  command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time || sudo apt-get install -y -qq time; }
  flag=(); [ "$profile" = release ] && flag=(--release)
  cargo build "${flag[@]}" -q --bin taper-journal
  cargo build "${flag[@]}" -q -p tauri-hello
  tmp=$(mktemp -d)
  if [ "$journal" = 10y ]; then
    cargo run "${flag[@]}" -q --example seed_journal -- 10 "$tmp/journal.db"
  fi
  MEASURE_STARTUP_INSIDE="$tmp" exec dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1000x24" "$0" "$@"
fi

tmp=$MEASURE_STARTUP_INSIDE
# Here, not before the exec above: an exec'd shell runs no trap of the one it replaced.
trap 'rm -rf "$tmp"' EXIT
dir=target/$profile
export TAPER_JOURNAL_DB="$tmp/journal.db" TAPER_JOURNAL_EXIT_WHEN_READY=1

# One start: "wall_ms interactive_ms peak_kib" on a line of its results file.
start() {
  local name=$1 bin=$2 log="$tmp/log"
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -v "$bin" >"$log" 2>&1 || true
  t1=$(date +%s%N)
  local ready kib
  ready=$(grep -o 'interactive [0-9]* ms' "$log" | grep -o '[0-9]*' || echo NaN)
  kib=$(grep 'Maximum resident set size' "$log" | grep -o '[0-9]*' || echo NaN)
  [ "$ready" = NaN ] && { echo "$name did not report ready:" >&2; cat "$log" >&2; exit 1; }
  echo "$(( (t1 - t0) / 1000000 )) $ready $kib" >>"$tmp/$name"
}

start app "$dir/taper-journal"; start hello "$dir/tauri-hello"
rm -f "$tmp/app" "$tmp/hello"
for i in $(seq "$pairs"); do
  if [ $((i % 2)) = 1 ]; then start app "$dir/taper-journal"; start hello "$dir/tauri-hello"
  else start hello "$dir/tauri-hello"; start app "$dir/taper-journal"; fi
done

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
col() { awk -v c="$2" '{print $c}' "$tmp/$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
echo "profile=$profile journal=$journal pairs=$pairs"
# Each pair's own ratio (its two starts ran one after the other, under the same load), and
# their median: steadier than the ratio of the medians when the machine's speed drifts.
paired() { paste -d' ' <(col app "$1") <(col hello "$1") | awk '{printf "%.3f\n", $1 / $2}' | median; }
for what in "1 process start to exit after ready" "2 to first screen interactive (own clock)"; do
  c=${what%% *}; label=${what#* }
  a=$(col app "$c" | median); h=$(col hello "$c" | median)
  echo "$label: app median $a ms, hello world $h ms, ratio $(ratio "$a" "$h"); median of the pairs' ratios $(paired "$c")"
  echo "  app:   $(col app "$c" | sort -n | tr '\n' ' ')"
  echo "  hello: $(col hello "$c" | sort -n | tr '\n' ' ')"
done
echo "peak RSS: app median $(( $(col app 3 | median | cut -d. -f1) / 1024 )) MiB, hello world $(( $(col hello 3 | median | cut -d. -f1) / 1024 )) MiB"

if [ "$trace" = trace ]; then
  : >"$tmp/marks"
  for i in $(seq "${TRACE_STARTS:-5}"); do
    { TAPER_JOURNAL_START_TRACE=1 timeout 60 "$dir/taper-journal" 2>&1 || echo "taper-journal start $i failed" >&2; } | sed -n 's/^taper-journal: start trace *\([0-9.]*\) ms \(.*\)$/\2\t\1/p' >>"$tmp/marks"
  done
  : >"$tmp/hello-marks"
  for i in $(seq "${TRACE_STARTS:-5}"); do
    { TAPER_JOURNAL_START_TRACE=1 timeout 60 "$dir/tauri-hello" 2>&1 || echo "tauri-hello start $i failed" >&2; } | sed -n 's/^tauri-hello: start trace *\([0-9.]*\) ms \(.*\)$/\2\t\1/p' >>"$tmp/hello-marks"
  done
  [ -s "$tmp/marks" ] && [ -s "$tmp/hello-marks" ] || { echo "no start-up timeline was printed" >&2; exit 1; }
  # Per mark, the middle value (the lower of the two middle ones for an even count).
  medians() {
    sort -t$'\t' -k1,1 -k2,2n "$1" | awk -F'\t' '
    { v[$1] = v[$1] " " $2; n[$1]++ }
    END { for (k in v) { split(substr(v[k], 2), a, " "); printf "%8.1f  %s\n", a[int((n[k] + 1) / 2)], k } }' | sort -n
  }
  echo "where the app's start goes (median of ${TRACE_STARTS:-5} starts, ms since the process started):"
  medians "$tmp/marks"
  echo "the hello world's (median of ${TRACE_STARTS:-5} starts):"
  medians "$tmp/hello-marks"
fi
