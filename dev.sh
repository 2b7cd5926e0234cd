#!/usr/bin/env bash
# Sets up what is missing on a Debian/Ubuntu machine, then starts the app or runs every test.
#   ./dev.sh run    build and start Taper Journal (journal in the per-user app data folder)
#   ./dev.sh test   formatting, lints, unit + integration tests, and the end-to-end test in
#                   the real window (tauri-driver + WebKitWebDriver under Xvfb), with an
#                   axe-core accessibility audit of every screen
#   ./dev.sh e2e    only the end-to-end test (for a quick run by hand)
#   ./dev.sh package-test
#                   only the install test of the .deb (debug builds; apt, so root or sudo)
#   ./dev.sh windows-check
#                   only the type-check of the app for Windows (mingw-w64)
#   ./dev.sh bundle [--debug]
#                   the Linux packages (.deb and .rpm, release profile unless --debug) in
#                   target/<profile>/bundle/, through the Tauri CLI pinned below
#   ./dev.sh licences
#                   regenerate packaging/licences.txt (third-party licences, from
#                   Cargo.lock with cargo-about, installed if missing)
#   ./dev.sh fuzz [backup_import|csv_import] [seconds]
#                   fuzz the backup importer (or the CSV import) for that long (60 s by default) with
#                   cargo-fuzz on nightly Rust (both installed if missing); a crash is
#                   kept in fuzz/artifacts/backup_import/
#   ./dev.sh crash [cycles]
#                   the crash-safety test (SIGKILL at random moments) for that many kill
#                   cycles (1000 by default; `cargo test` runs 250), in release, with its
#                   figures: acknowledged check-ins, none lost, the one in flight
set -euo pipefail
cd "$(dirname "$0")"

BUILD_PACKAGES=(libwebkit2gtk-4.1-dev build-essential file pkg-config libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev)
# dbus: a session bus for the e2e run, so that a second start can find the first window.
# python3-dbusmock: a notification server that records every notification, for the
# reminders' end-to-end test.
# python3-xlib: the tray test presses the window's close button as a window manager does
# (python3-dbusmock brings python3-dbus and python3-gi, which serve the test's tray).
E2E_PACKAGES=(webkit2gtk-driver xvfb xauth dbus python3-dbusmock python3-xlib)
# The PDF summary's tests read it back with poppler (pdftotext, pdfinfo, pdffonts) and check
# its tagged structure with qpdf; the fault tests make a small ext4 "USB stick" on a loop
# device (mkfs.ext4, e2fsck, losetup).
CHECK_PACKAGES=(poppler-utils qpdf e2fsprogs util-linux)

# The packages: dpkg-deb and rpmbuild rebuild them after renaming the desktop entry
# (packaging/finish.sh); desktop-file-validate checks the entry.
PACKAGE_PACKAGES=(dpkg-dev rpm cpio desktop-file-utils)

# The Tauri CLI that makes the packages, pinned to major version 2 (crates.io's and npm's
# newest are 3.0 alphas). Taken from the npm registry as @tauri-apps/cli, which is the
# same CLI prebuilt for this platform: about 2 s on a fresh machine, where
# `cargo install tauri-cli` compiles for several minutes on two cores. Kept under target/.
TAURI_CLI_VERSION=2.12.5
# Absolute, so that the same folders serve a build from a copy of the tree (the install
# test's next version) and a CARGO_TARGET_DIR elsewhere.
TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
TAURI_CLI_DIR=$TARGET_DIR/tauri-cli

# axe-core, the accessibility checker the end-to-end test runs on every screen: one pinned
# version fetched by npm (`npm pack`, which the Tauri CLI needs anyway), checked against
# the registry's dist.integrity (sha512) and cached under target/ (ignored by git). To move
# to another version, take both values from `npm view axe-core@<version> dist.integrity`.
AXE_VERSION=4.14.1
AXE_INTEGRITY=sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ==
AXE_DIR=target/axe-core

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

# Downloads the pinned axe-core once, verifies it on every run (the cached tarball too) and
# points the end-to-end test at its axe.min.js through TAPER_AXE_JS.
fetch_axe() {
  install_missing openssl
  command -v npm >/dev/null || install_missing nodejs npm
  local tgz="$AXE_DIR/axe-core-$AXE_VERSION.tgz" got
  mkdir -p "$AXE_DIR"
  if [ ! -s "$tgz" ]; then
    echo "Fetching axe-core $AXE_VERSION with npm"
    npm pack --silent --pack-destination "$AXE_DIR" "axe-core@$AXE_VERSION" >/dev/null
  fi
  got="sha512-$(openssl dgst -sha512 -binary "$tgz" | openssl base64 -A)"
  if [ "$got" != "$AXE_INTEGRITY" ]; then
    rm -f "$tgz" "$AXE_DIR/axe.min.js"
    echo "axe-core $AXE_VERSION: the download does not match the pinned integrity" >&2
    echo "  expected $AXE_INTEGRITY" >&2
    echo "  got      $got (removed; run again to download it anew)" >&2
    exit 1
  fi
  tar -xzOf "$tgz" package/axe.min.js >"$AXE_DIR/axe.min.js.part"
  mv "$AXE_DIR/axe.min.js.part" "$AXE_DIR/axe.min.js"
  export TAPER_AXE_JS="$PWD/$AXE_DIR/axe.min.js"
}

# Installs the pinned Tauri CLI if missing and sets TAURI to it.
need_tauri_cli() {
  # npm fetches it: Debian's own when there is no npm at all (a Node.js from elsewhere
  # brings its own npm, and Debian's npm package would conflict with it).
  command -v npm >/dev/null || install_missing nodejs npm
  TAURI="$TAURI_CLI_DIR/node_modules/.bin/tauri"
  if [ ! -x "$TAURI" ] || [ "$("$TAURI" --version)" != "tauri-cli $TAURI_CLI_VERSION" ]; then
    echo "Installing the Tauri CLI $TAURI_CLI_VERSION from the npm registry"
    mkdir -p "$TAURI_CLI_DIR"
    npm install --prefix "$TAURI_CLI_DIR" --no-save --no-audit --no-fund --loglevel=error \
      "@tauri-apps/cli@$TAURI_CLI_VERSION"
  fi
}

# The packages' copyright file: the app's licence, the DejaVu fonts' (embedded in the PDF
# summary) and the third-party licences, the same three texts About shows.
copyright_file() {
  mkdir -p target/packaging
  {
    echo "Taper Journal"
    echo
    cat LICENSE
    printf '\n\nDejaVu fonts (DejaVu Sans, embedded in the visit summary PDF)\n\n'
    cat src-tauri/export/fonts/LICENSE-DejaVu.txt
    printf '\n\n'
    cat packaging/licences.txt
  } >target/packaging/copyright
}

# Builds the packages (formats: "deb,rpm" unless given) for a profile ("release" or
# "debug") from the tree in the current folder, and finishes them (packaging/finish.sh).
bundle() {
  local profile=$1 formats=${2:-deb,rpm} flags=()
  [ "$profile" = debug ] && flags+=(--debug)
  install_missing "${BUILD_PACKAGES[@]}" "${PACKAGE_PACKAGES[@]}"
  need_rust
  need_tauri_cli
  copyright_file
  CARGO_TARGET_DIR=$TARGET_DIR "$TAURI" build --ci --bundles "$formats" "${flags[@]}"
  packaging/finish.sh "$TARGET_DIR/$profile"
}

# The packages the install test upgrades between: this tree's .deb (debug profile), and a
# copy of the tree one patch version on, built into the same target folder (so only the
# app's own crate is compiled again). Sets PACKAGE_DEB, PACKAGE_DEB_NEXT and PACKAGE_RPM.
bundle_for_install_test() {
  local version next scratch=$TARGET_DIR/next-version
  version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
  next=$(echo "$version" | awk -F. '{ printf "%d.%d.%d", $1, $2, $3 + 1 }')
  rm -rf "$scratch"
  mkdir -p "$scratch"
  tar --exclude=./target --exclude=./.git --exclude=./e2e-artifacts --exclude=./fuzz/target \
    -cf - . | tar -xf - -C "$scratch"
  sed -i "0,/^version = \"$version\"\$/s//version = \"$next\"/" "$scratch/Cargo.toml"
  (cd "$scratch" && bundle debug deb)
  bundle debug deb,rpm
  PACKAGE_DEB=$(ls "$TARGET_DIR"/debug/bundle/deb/taper-journal_"$version"_*.deb)
  PACKAGE_DEB_NEXT=$(ls "$TARGET_DIR"/debug/bundle/deb/taper-journal_"$next"_*.deb)
  PACKAGE_RPM=$(ls "$TARGET_DIR"/debug/bundle/rpm/taper-journal-"$version"-*.rpm)
}

# Type-checks the app for Windows (x86_64-pc-windows-gnu, with Debian's mingw-w64 as the
# C compiler for SQLCipher and the vendored OpenSSL). A target that cannot be installed
# fails the run with a plain message; the check is never skipped.
windows_check() {
  install_missing gcc-mingw-w64-x86-64 perl make
  if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
    rustup target add x86_64-pc-windows-gnu || {
      echo "The Windows check needs Rust's x86_64-pc-windows-gnu target, and rustup could not install it." >&2
      exit 1
    }
  fi
  cargo check --locked --target x86_64-pc-windows-gnu --bins
}

e2e_tools() {
  install_missing "${BUILD_PACKAGES[@]}" "${E2E_PACKAGES[@]}" "${CHECK_PACKAGES[@]}"
  need_rust
  command -v tauri-driver >/dev/null || cargo install tauri-driver --locked
  fetch_axe
}

case "${1:-}" in
  run)
    install_missing "${BUILD_PACKAGES[@]}"
    need_rust
    exec cargo run
    ;;
  test)
    e2e_tools
    rustup component add rustfmt clippy >/dev/null 2>&1 || true
    # Each stage's time, and the disk the build holds (a CI machine once ran out while linking).
    took() {
      echo "== $1 took $((SECONDS - since)) s; $TARGET_DIR holds $(du -sh "$TARGET_DIR" | cut -f1)"
      since=$SECONDS
    }
    since=$SECONDS
    cargo fmt --all -- --check
    cargo clippy --all-targets -- -D warnings
    took "setup, formatting and lints"
    windows_check
    took "the Windows type-check"
    bundle_for_install_test
    took "the packages for the install test"
    TAPER_PACKAGE_DEB=$PACKAGE_DEB TAPER_PACKAGE_DEB_NEXT=$PACKAGE_DEB_NEXT TAPER_PACKAGE_RPM=$PACKAGE_RPM \
      TAPER_E2E=1 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1000x24" cargo test
    took "the tests"
    ;;
  package-test)
    e2e_tools
    bundle_for_install_test
    TAPER_PACKAGE_DEB=$PACKAGE_DEB TAPER_PACKAGE_DEB_NEXT=$PACKAGE_DEB_NEXT TAPER_PACKAGE_RPM=$PACKAGE_RPM \
      dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1000x24" cargo test --test package -- --nocapture
    ;;
  windows-check)
    need_rust
    windows_check
    ;;
  e2e)
    e2e_tools
    TAPER_E2E=1 dbus-run-session -- xvfb-run -a -s "-screen 0 1280x1000x24" cargo test --test e2e -- --nocapture
    ;;
  bundle)
    start=$(date +%s)
    case "${2:-}" in --debug) profile=debug ;; "") profile=release ;; *) echo "usage: ./dev.sh bundle [--debug]" >&2; exit 2 ;; esac
    bundle "$profile"
    echo "Bundled in $(($(date +%s) - start)) s:"
    ls -l "$TARGET_DIR/$profile"/bundle/deb/*.deb "$TARGET_DIR/$profile"/bundle/rpm/*.rpm
    if [ "$profile" = release ]; then
      # What a patient downloads: a stripped binary, a .deb under 10 MB.
      file -L "$TARGET_DIR"/release/taper-journal | grep -q ", stripped" ||
        { echo "The release binary is not stripped ([profile.release] strip in Cargo.toml)" >&2; exit 1; }
      for deb in "$TARGET_DIR"/release/bundle/deb/*.deb; do
        [ "$(stat -c %s "$deb")" -lt $((10 * 1024 * 1024)) ] || { echo "$deb is 10 MiB or more" >&2; exit 1; }
      done
    fi
    ;;
  licences)
    need_rust
    command -v cargo-about >/dev/null || cargo install cargo-about --locked --features cli
    cargo about generate --locked -c packaging/about.toml packaging/about.hbs \
      -o packaging/licences.txt
    # C code compiled into the app by two crates, under its own licence: SQLCipher (in
    # libsqlite3-sys, every platform) and OpenSSL (in openssl-src, Windows only).
    cargo metadata --locked --format-version 1 | python3 -c '
import json, pathlib, sys
meta = json.load(sys.stdin)
def folder(name):
    return next(pathlib.Path(p["manifest_path"]).parent for p in meta["packages"] if p["name"] == name)
parts = [("SQLCipher, compiled into the app by libsqlite3-sys (SQLite itself is in the public domain)",
          folder("libsqlite3-sys") / "sqlcipher" / "LICENSE"),
         ("OpenSSL, compiled into the Windows app by openssl-src",
          folder("openssl-src") / "openssl" / "LICENSE.txt")]
with open("packaging/licences.txt", "a") as out:
    for title, path in parts:
        out.write("\n" + "-" * 72 + "\n" + title + "\n\n" + path.read_text() + "\n")
'
    ;;
  fuzz)
    # ./dev.sh fuzz [backup_import|csv_import] [seconds]; the target may be left out.
    target=backup_import
    case "${2:-}" in backup_import|csv_import) target="$2"; shift ;; esac
    seconds="${2:-60}"
    install_missing build-essential
    need_rust
    rustup run nightly rustc --version >/dev/null 2>&1 || rustup toolchain install nightly --profile minimal
    command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
    # New inputs go to fuzz/corpus (not kept); fuzz/seeds holds the committed valid inputs.
    mkdir -p "fuzz/corpus/$target"
    extra=()
    [ -f "fuzz/$target.dict" ] && extra=(-dict="fuzz/$target.dict")
    exec cargo +nightly fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" \
      -- -max_total_time="$seconds" "${extra[@]}"
    ;;
  crash)
    cycles="${2:-1000}"
    case "$cycles" in ''|*[!0-9]*) echo "usage: ./dev.sh crash [cycles], a whole number" >&2; exit 2 ;; esac
    install_missing "${BUILD_PACKAGES[@]}"
    need_rust
    # Release: the kills land in the same writes, and a long run takes minutes, not an hour.
    TAPER_CRASH_CYCLES="$cycles" exec cargo test --release --test crash -- --nocapture
    ;;
  *)
    echo "usage: ./dev.sh run | test | e2e | package-test | windows-check | bundle [--debug] | licences | fuzz [seconds] | crash [cycles]" >&2
    exit 2
    ;;
esac
