#!/usr/bin/env bash
# The whole test suite: installs and builds what is missing, then runs every
# lit test under test/ (rules, plugin, analysis, instrumentation, runtime and
# its pytest suite, front ends, and the acceptance corpora of ../shared when
# it exists). Ends with one "lit: N passed, M failed" line.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/utils/bootstrap.sh"

results="$root/build/test/results.json"
status=0
/usr/bin/python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv \
  --output "$results" "$root/build/test" || status=$?
/usr/bin/python3 - "$results" <<'PY'
import json, sys
codes = [t["code"] for t in json.load(open(sys.argv[1]))["tests"]]
passed = sum(c in ("PASS", "XFAIL") for c in codes)
skipped = sum(c == "UNSUPPORTED" for c in codes)
print("lit: %d passed, %d failed, %d skipped"
      % (passed, len(codes) - passed - skipped, skipped))
PY
exit "$status"
