#!/usr/bin/env bash
# Installs the Debian packages pyrefleak needs, when any is missing, and
# builds the project into build/. Safe to run again: it only does what is
# not done yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clangd-19
          clang-tidy-19 libclang-rt-19-dev python3-dev python3-dbg libpython3.11-dbg
          python3-pytest python3-setuptools cmake ninja-build meson bear make)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null |
    grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "pyrefleak: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

# Debian's interpreter on purpose: its headers and pytest are the ones the
# tests use, whatever python3 comes first on PATH.
if [ ! -f "$root/build/build.ninja" ]; then
  cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPython3_EXECUTABLE=/usr/bin/python3 >/dev/null
fi
if ! ninja -C "$root/build" >"$root/build/build.log" 2>&1; then
  tail -n 40 "$root/build/build.log"
  echo "pyrefleak: build failed (full log: build/build.log)" >&2
  exit 1
fi
test -x "$root/build/bin/pyrefleak-cc"
