#!/usr/bin/env bash
# The whole test suite: installs and builds what is missing, finds or
# unpacks the CPython header sets 3.9-3.14t (utils/pythons.sh), then runs
# every lit test under test/ (rules, plugin, analysis, instrumentation,
# runtime and its pytest suite, front ends, and the acceptance corpora of
# ../shared when it exists) against Debian's 3.11; the static suites again
# against every other header set, and the run-time suites under every other
# interpreter from 3.11 on, and the static suites once more built against
# LLVM 18 (utils/llvm-18.sh). Ends with one "lit: N passed, M failed" line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/utils/bootstrap.sh"
"$root/utils/pythons.sh"
"$root/utils/cython-output.sh"

lit=(/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv)
tests="$root/build/test"
results="$root/build/test/results"
rm -rf "$results"
mkdir -p "$results"
static_suites=(analysis tidy wrapper acceptance cython)
runtime_suites=(instrument runtime)
status=0

echo "== every suite, Python 3.11 (/usr/include/python3.11)"
"${lit[@]}" --output "$results/3.11.json" "$tests" || status=$?

while IFS=$'\t' read -r version include python; do
  [ "$version" != 3.11 ] || continue
  params=(--param "python_include=$include")
  [ -z "$python" ] || params+=(--param "python=$python")
  echo "== static suites, Python $version headers ($include)"
  "${lit[@]}" "${params[@]}" --output "$results/$version-static.json" \
    "${static_suites[@]/#/$tests/}" || status=$?
  # The runtime reads the objects of the interpreter it runs in: every one
  # from 3.11 on (3.9 and 3.10 are checked statically only).
  case "$version" in 3.9|3.10) continue ;; esac
  if [ -z "$python" ]; then
    echo "== run-time suites, Python $version: skipped (headers only: no interpreter of this version runs here)"
    continue
  fi
  echo "== run-time suites, Python $version ($python)"
  "${lit[@]}" "${params[@]}" --output "$results/$version-runtime.json" \
    "${runtime_suites[@]/#/$tests/}" || status=$?
done <"$root/build/pythons/manifest.tsv"

echo "== static suites, LLVM 18 (utils/llvm-18.sh: build/llvm-18/build)"
if "$root/utils/llvm-18.sh"; then
  "${lit[@]}" --output "$results/llvm-18.json" \
    "${static_suites[@]/#/$root/build/llvm-18/build/test/}" || status=$?
else
  echo "pyrefleak: the LLVM 18 build failed" >&2
  status=1
fi

/usr/bin/python3 - "$results" <<'PY'
import glob, json, os, sys
codes = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    codes += [t["code"] for t in json.load(open(path))["tests"]]
passed = sum(c in ("PASS", "XFAIL") for c in codes)
skipped = sum(c == "UNSUPPORTED" for c in codes)
print("lit: %d passed, %d failed, %d skipped"
      % (passed, len(codes) - passed - skipped, skipped))
PY
exit "$status"
