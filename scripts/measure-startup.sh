#!/usr/bin/env bash
# Start-up time (process start -> first screen interactive, as the page reports it) and
# peak memory of the app, under Xvfb, over N starts on a small journal. Prints medians.
#   scripts/measure-startup.sh [N=7] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-7}
profile=${2:-release}
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time || sudo apt-get install -y -qq time; }
if [ "$profile" = release ]; then cargo build --release -q; bin=target/release/taper-journal; else cargo build -q; bin=target/debug/taper-journal; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export TAPER_JOURNAL_DB="$tmp/journal.db" TAPER_JOURNAL_EXIT_WHEN_READY=1
for i in $(seq "$n"); do
  xvfb-run -a -s "-screen 0 1280x1000x24" /usr/bin/time -v "$bin" >"$tmp/out.$i" 2>&1 || true
  grep -o 'interactive [0-9]* ms' "$tmp/out.$i" | grep -o '[0-9]*' >>"$tmp/ms"
  grep 'Maximum resident set size' "$tmp/out.$i" | grep -o '[0-9]*' >>"$tmp/kb"
done
median() { sort -n "$1" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "profile=$profile starts=$n"
echo "start to interactive: median $(median "$tmp/ms") ms (all: $(sort -n "$tmp/ms" | tr '\n' ' '))"
echo "peak RSS: median $(( $(median "$tmp/kb" | cut -d. -f1) / 1024 )) MiB (all KiB: $(sort -n "$tmp/kb" | tr '\n' ' '))"
