#!/usr/bin/env bash
# Sets up what is missing on a Debian/Ubuntu machine, then starts the app or runs every test.
#   ./dev.sh run    build and start Taper Journal (journal in the per-user app data folder)
#   ./dev.sh test   formatting, lints, unit + integration tests, and the end-to-end test in
#                   the real window (tauri-driver + WebKitWebDriver under Xvfb)
#   ./dev.sh fuzz [seconds]
#                   fuzz the backup importer for that long (60 s by default) with
#                   cargo-fuzz on nightly Rust (both installed if missing); a crash is
#                   kept in fuzz/artifacts/backup_import/
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
E2E_PACKAGES=(webkit2gtk-driver xvfb xauth)
# The PDF summary's tests read it back with poppler (pdftotext, pdfinfo, pdffonts).
CHECK_PACKAGES=(poppler-utils)

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "Installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  fi
}

need_rust() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v cargo >/dev/null; then
    # Debian's own rustc is too old for Tauri 2: install the stable toolchain with rustup.
    echo "Installing Rust (stable) with rustup"
    install_missing curl ca-certificates
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
  fi
}

case "${1:-}" in
  run)
    install_missing "${BUILD_PACKAGES[@]}"
    need_rust
    exec cargo run
    ;;
  test)
    install_missing "${BUILD_PACKAGES[@]}" "${E2E_PACKAGES[@]}" "${CHECK_PACKAGES[@]}"
    need_rust
    rustup component add rustfmt clippy >/dev/null 2>&1 || true
    command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
    cargo fmt --all -- --check
    cargo clippy --all-targets -- -D warnings
    TAPER_E2E=1 xvfb-run -a -s "-screen 0 1280x1000x24" cargo test
    ;;
  fuzz)
    seconds="${2:-60}"
    install_missing build-essential
    need_rust
    rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
    command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
    # New inputs go to fuzz/corpus (not kept); fuzz/seeds holds the committed valid backups.
    mkdir -p fuzz/corpus/backup_import
    exec cargo +nightly fuzz run backup_import fuzz/corpus/backup_import fuzz/seeds/backup_import \
      -- -max_total_time="$seconds" -dict=fuzz/backup_import.dict
    ;;
  *)
    echo "usage: ./dev.sh run | ./dev.sh test | ./dev.sh fuzz [seconds]" >&2
    exit 2
    ;;
esac
