#!/usr/bin/env bash
# Installs the Debian packages pyrefleak needs, when any is missing, and
# builds the project into build/. Safe to run again: it only does what is
# not done yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(clang-19 libclang-19-dev llvm-19-dev llvm-19-tools clangd-19
          clang-tidy-19 libclang-rt-19-dev python3-dev python3-pytest
          python3-setuptools python3-pip cmake ninja-build meson bear make patchelf)
# The Py_DEBUG headers' tests run where the suite still has them.
optional=(python3-dbg libpython3.11-dbg)
installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"
}
missing=()
for package in "${packages[@]}"; do
  installed "$package" || missing+=("$package")
done
for package in "${optional[@]}"; do
  installed "$package" || [ -f "$root/build/.no-$package" ] || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "pyrefleak: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  available=()
  for package in "${missing[@]}"; do
    if apt-cache show "$package" >/dev/null 2>&1 ||
        [[ " ${optional[*]} " != *" $package "* ]]; then
      available+=("$package")
    else
      mkdir -p "$root/build"
      touch "$root/build/.no-$package"
      echo "pyrefleak: $package is not in this Debian release; skipped"
    fi
  done
  missing=("${available[@]}")
  [ "${#missing[@]}" -eq 0 ] || DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
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
