#!/usr/bin/env bash
# The cost of waiting in the tray for a reminder: the app started as the login item starts
# it (--in-tray, window hidden) on a desktop of its own (Xvfb, a private D-Bus session bus
# with a tray from tests/support/desktop.py), left alone for S seconds after a settling
# minute. Prints the CPU time used in those S seconds and the resident memory, for the app
# and for each WebKit process it started.
#   scripts/measure-idle.sh [S=600] [debug|release]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
profile=${2:-release}
if [ "$profile" = release ]; then cargo build --release -q; bin=target/release/taper-journal; else cargo build -q; bin=target/debug/taper-journal; fi
tmp=$(mktemp -d)
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x1000x24 >/dev/null 2>&1 & pids+=($!)
export DISPLAY=$display
bus=$(dbus-daemon --session --fork --print-address=1 --print-pid=1 | head -1)
export DBUS_SESSION_BUS_ADDRESS=$bus
pids+=($(pgrep -n dbus-daemon))
/usr/bin/python3 tests/support/desktop.py tray "$tmp/items" & pids+=($!)
sleep 2
TAPER_JOURNAL_DB="$tmp/journal.db" HOME="$tmp" "$bin" --in-tray >"$tmp/app.log" 2>&1 & app=$!
pids+=($app)
sleep 60
[ -s "$tmp/items" ] || { echo "the tray icon did not register"; exit 1; }
hidden=$(/usr/bin/python3 tests/support/desktop.py shown "Taper Journal")
tick=$(getconf CLK_TCK)
family() { echo "$app" $(pgrep -P "$app" || true); }
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
declare -A before
for p in $(family); do before[$p]=$(cpu "$p"); done
sleep "$seconds"
echo "profile=$profile idle=${seconds}s window=$hidden (after a settling minute)"
for p in $(family); do
  used=$(( $(cpu "$p") - ${before[$p]:-0} ))
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$p/status")
  awk -v name="$(tr -d '\0' < "/proc/$p/comm")" -v t="$used" -v hz="$tick" -v kb="$rss" \
    'BEGIN { printf "%-20s cpu %6.2f s   rss %4d MiB\n", name, t / hz, kb / 1024 }'
done
