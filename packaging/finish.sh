#!/usr/bin/env bash
# Finishes the .deb and .rpm that the Tauri bundler made in <profile dir>/bundle.
#
# tauri-bundler 2 names the desktop entry after the product ("taper-journal.desktop"), and
# no setting changes that. Freedesktop asks for the app id in reverse-DNS form, and on
# Wayland the window finds its menu entry and icon only through it (the app id is the
# identifier), so the entry is renamed to org.taperjournal.desktop.desktop, checked with
# desktop-file-validate, and each package is rebuilt with its own tool (dpkg-deb, rpmbuild)
# keeping everything else the bundler wrote.
# Run from the source tree whose version (Cargo.toml) the packages carry; finishes the
# formats that were built.
#   packaging/finish.sh target/release
set -euo pipefail

profile_dir=$(realpath "$1")
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)
# xz for what people download; a fast gzip for the debug builds the install test uses.
deb_compression=(-Zxz)
rpm_payload=()
if [ "$(basename "$profile_dir")" = debug ]; then
  deb_compression=(-Zgzip -z1)
  rpm_payload=(--define '_binary_payload w1.gzdio')
fi
maintainer=$(sed -n 's/^authors = \["\(.*\)"\]$/\1/p' Cargo.toml | head -n 1)
app_id=org.taperjournal.desktop
stock_entry=usr/share/applications/taper-journal.desktop
entry=usr/share/applications/$app_id.desktop

only_one() { # the single file matching a glob, or a plain message
  local matches=("$@")
  if [ ${#matches[@]} -ne 1 ] || [ ! -f "${matches[0]}" ]; then
    echo "packaging/finish.sh: expected one package, found: ${matches[*]}" >&2
    exit 1
  fi
  echo "${matches[0]}"
}

rename_entry() { # <unpacked root>
  mv "$1/$stock_entry" "$1/$entry"
  desktop-file-validate "$1/$entry"
}

finish_deb() {
  local deb work
  deb=$(only_one "$profile_dir"/bundle/deb/taper-journal_"$version"_*.deb)
  work=$(mktemp -d)
  dpkg-deb -R "$deb" "$work/pkg"
  rename_entry "$work/pkg"
  (cd "$work/pkg" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum >DEBIAN/md5sums)
  dpkg-deb --root-owner-group "${deb_compression[@]}" --build "$work/pkg" "$deb" >/dev/null
  rm -rf "$work"
  echo "$deb"
}

finish_rpm() {
  local rpm work qf name
  rpm=$(only_one "$profile_dir"/bundle/rpm/taper-journal-"$version"-*.rpm)
  work=$(mktemp -d)
  mkdir -p "$work/root"
  # Debian's rpm2cpio writes the whole payload of the bundler's rpm but then exits 1; what
  # it wrote is checked against the package's own file list instead.
  rpm2cpio "$rpm" >"$work/payload.cpio" || true
  (cd "$work/root" && cpio -idm --quiet <"$work/payload.cpio")
  diff <(rpm -qpl "$rpm" | LC_ALL=C sort) <(cd "$work/root" && find . -type f -printf '/%P\n' | LC_ALL=C sort) ||
    { echo "packaging/finish.sh: the rpm's payload did not unpack whole" >&2; exit 1; }
  rename_entry "$work/root"
  qf() { rpm -qp --qf "$1" "$rpm"; }
  name=$(qf '%{NAME}')
  {
    echo "Name: $name"
    echo "Version: $(qf '%{VERSION}')"
    echo "Release: $(qf '%{RELEASE}')"
    echo "Summary: $(qf '%{SUMMARY}')"
    echo "License: $(qf '%{LICENSE}')"
    echo "URL: $(qf '%{URL}')"
    # The bundler leaves these empty; Cargo.toml's authors are the maintainers.
    echo "Packager: $maintainer"
    echo "Vendor: $maintainer"
    # The bundler's dependencies and ours (tauri.linux.conf.json), exactly as declared.
    echo "AutoReqProv: no"
    rpm -qpR "$rpm" | grep -v '^rpmlib(' | sed 's/^/Requires: /'
    echo "%description"
    qf '%{DESCRIPTION}'
    echo
    echo "%install"
    echo "cp -a '$work/root/.' %{buildroot}/"
    echo "%files"
    (cd "$work/root" && find . -type f -printf '/%P\n' | LC_ALL=C sort | sed 's/.*/"&"/')
  } >"$work/$name.spec"
  rpmbuild -bb --quiet --define "_topdir $work/top" --define "_rpmdir $work/out" \
    --define 'debug_package %{nil}' --define '__os_install_post %{nil}' \
    --define '_build_id_links none' "${rpm_payload[@]}" "$work/$name.spec"
  mv "$(only_one "$work"/out/*/*.rpm)" "$rpm"
  rm -rf "$work"
  echo "$rpm"
}

shopt -s nullglob
built=("$profile_dir"/bundle/deb/taper-journal_"$version"_*.deb)
[ ${#built[@]} -eq 0 ] || finish_deb
built=("$profile_dir"/bundle/rpm/taper-journal-"$version"-*.rpm)
[ ${#built[@]} -eq 0 ] || finish_rpm
