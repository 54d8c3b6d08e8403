#!/usr/bin/env bash
# The main job on an embedded example: builds pyrefleak (installing what is
# missing), then checks and instruments utils/demo/tracer.c, the coverage.py
# line-number leak. The compile prints the static [pyrefleak-leak] warning;
# running the traced workload prints the ledger's report, which confirms the
# leak with an exact count although every leaked int is a cached small int.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/utils/bootstrap.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
suffix=$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))')
include=$(/usr/bin/python3 -c 'import sysconfig; print(sysconfig.get_paths()["include"])')

echo "== compile: pyrefleak-cc --instrument -shared -fPIC -O2 -g tracer.c"
"$root/build/bin/pyrefleak-cc" --instrument -shared -fPIC -O2 -g -I"$include" \
  "$root/utils/demo/tracer.c" -o "$work/tracer$suffix"
echo
echo "== run: python3 drive.py (instrumented)"
PYTHONPATH="$work" PYREFLEAK_OPTIONS="json_report=$work/report.json" \
  /usr/bin/python3 "$root/utils/demo/drive.py"
echo
echo "== JSON report (PYREFLEAK_OPTIONS=json_report=...)"
cat "$work/report.json"
echo
