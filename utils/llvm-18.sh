#!/usr/bin/env bash
# The second supported LLVM: bookworm has no LLVM 18, so Debian trixie's
# packages of it (and the trixie libc and libraries its binaries need) are
# downloaded through a private apt configuration and unpacked into
# build/llvm-18/root; nothing on the machine changes. Trixie's LLVM 18
# programs are pointed at the unpacked loader and libraries (patchelf),
# and pyrefleak is configured and built against that LLVM in
# build/llvm-18/build. pyrefleak-clangd is left out there: trixie's static
# clangd libraries need trixie's C library headers at link time.
# Safe to run again: it only does what is not done yet.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/utils/debian-suites.sh"
out="$root/build/llvm-18"
unpacked="$out/root"
libs="$unpacked/usr/lib/x86_64-linux-gnu"
llvm="$unpacked/usr/lib/llvm-18"
packages=(llvm-18 llvm-18-dev llvm-18-tools llvm-18-runtime libllvm18 clang-18
          libclang-18-dev libclang-cpp18 libclang-cpp18-dev libclang-common-18-dev
          libclang1-18 clang-tidy-18 libclang-rt-18-dev
          libc6 libstdc++6 libgcc-s1 libedit2 libffi8 libtinfo6 libxml2 zlib1g
          libz3-4 libzstd1 libicu76 liblzma5 libbsd0 libmd0)

command -v patchelf >/dev/null || {
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq patchelf >/dev/null
}

if [ ! -f "$out/unpacked" ]; then
  debian_apt update >/dev/null
  mkdir -p "$out/debs"
  for package in "${packages[@]}"; do
    ls "$out/debs/${package}_"*.deb >/dev/null 2>&1 && continue
    # As root, apt warns that its sandbox user cannot write here: harmless.
    (cd "$out/debs" && debian_apt download "$package/trixie" >/dev/null 2>&1) ||
      { echo "pyrefleak: cannot download $package from trixie" >&2; exit 1; }
  done
  rm -rf "$unpacked"
  for deb in "$out/debs"/*.deb; do dpkg -x "$deb" "$unpacked"; done
  # Trixie's binaries run on the unpacked loader and libraries. DT_RPATH,
  # unlike RUNPATH, also serves the libraries' own dependencies.
  search="$libs:$llvm/lib"
  for binary in "$llvm"/bin/*; do
    [ -f "$binary" ] && [ ! -L "$binary" ] && [ -s "$binary" ] &&
      [ "$(head -c 4 "$binary")" = $'\x7fELF' ] || continue
    patchelf --set-interpreter "$libs/ld-linux-x86-64.so.2" --force-rpath \
      --set-rpath "$search" "$binary"
  done
  for library in "$libs/libLLVM-18.so.18.1" "$(readlink -f "$llvm/lib/libclang-cpp.so.18.1")"; do
    patchelf --force-rpath --set-rpath "$search" "$library"
  done
  # The exported CMake targets name every tool of LLVM and clang; CMake
  # refuses a target whose file is absent. Those of packages not unpacked
  # get empty stand-ins: pyrefleak uses none of them.
  (cd "$llvm" &&
    grep -ho '"${_IMPORT_PREFIX}/[^"]*"' lib/cmake/llvm/LLVMExports-*.cmake \
      lib/cmake/clang/ClangTargets-*.cmake | sed 's|"${_IMPORT_PREFIX}/||; s|"$||' |
    sort -u | while read -r file; do
      [ -e "$file" ] || { mkdir -p "$(dirname "$file")"; : >"$file"; }
    done)
  touch "$out/unpacked"
fi

if [ ! -f "$out/build/build.ninja" ]; then
  cmake -S "$root" -B "$out/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DPython3_EXECUTABLE=/usr/bin/python3 -DPYREFLEAK_LLVM_VERSION=18 \
    -DClang_DIR="$llvm/lib/cmake/clang" -DPYREFLEAK_BUILD_CLANGD=OFF \
    -DCMAKE_EXE_LINKER_FLAGS="-Wl,--allow-shlib-undefined -Wl,--dynamic-linker=$libs/ld-linux-x86-64.so.2 -Wl,--disable-new-dtags -Wl,-rpath,$libs:$llvm/lib" \
    >"$out/configure.log" || { cat "$out/configure.log"; exit 1; }
fi
if ! ninja -C "$out/build" >"$out/build.log" 2>&1; then
  tail -n 40 "$out/build.log"
  echo "pyrefleak: LLVM 18 build failed (full log: build/llvm-18/build.log)" >&2
  exit 1
fi
