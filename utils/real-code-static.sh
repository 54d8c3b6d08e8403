#!/usr/bin/env bash
# Measures the static checks on real extensions: downloads pinned PyPI
# sdists into build/real (never into the repository), generates the C of the
# Cython ones with a pinned Cython in a private venv, runs a checking
# compile (-fsyntax-only) of each extension source against one header set,
# and prints every distinct warning and the counts per project and check.
#
#   utils/real-code-static.sh [-I PYTHON_INCLUDE] [-o OUT_DIR] [-U KIND] [PROJECT...]
#
# -U KIND checks as if every unknown external function returning PyObject *
# (called, defined nowhere in the unit, without a rule) returned KIND (new,
# borrowed), through a rules file made by utils/real-code-unknown-externals.py.
#
# PROJECT is a name of the table below (default: all). The warnings of each
# project go to OUT_DIR/NAME.log (default build/real/results-<pyver>), the
# distinct ones, with their check, to OUT_DIR/warnings.tsv. Extra arguments
# for the checker come from PYREFLEAK_ARGS (for example
# '--pyrefleak-rules=scan-rules.yaml').
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cc="$root/build/bin/pyrefleak-cc"
python_include=/usr/include/python3.11
out=""
assume=""
while getopts "I:o:U:" opt; do
  case $opt in
    I) python_include=$OPTARG ;;
    o) out=$OPTARG ;;
    U) assume=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
work="$root/build/real"
pyver=$(basename "$python_include")
out=$(realpath -m "${out:-$work/results-$pyver}")
mkdir -p "$work/src" "$out"
cython_pin="cython==3.0.10"

# name|sdist pin|language|sources (relative to the sdist)|extra flags.
# Sources ending in .pyx are translated by Cython first.
projects=(
  "bitarray|bitarray==2.9.2|c|bitarray/_bitarray.c bitarray/_util.c|"
  "regex|regex==2024.5.15|c|regex_3/_regex.c regex_3/_regex_unicode.c|"
  "multidict|multidict==6.0.5|c|multidict/_multidict.c|"
  "zstandard|zstandard==0.22.0|c|c-ext/backend_c.c|-Ic-ext -Izstd -DZSTD_SINGLE_FILE"
  "rapidjson|python-rapidjson==1.17|c++|rapidjson.cpp|-Irapidjson/include -std=c++11"
  "msgpack|msgpack==1.0.8|c++|msgpack/_cmsgpack.cpp|-I."
  "pyyaml|PyYAML==6.0.2|c|yaml/_yaml.pyx|"
  "yarl|yarl==1.9.4|c|yarl/_quoting_c.pyx|"
  "frozenlist|frozenlist==1.4.1|c|frozenlist/_frozenlist.pyx|"
)

cython() {
  local venv="$work/cython-venv"
  if [ ! -x "$venv/bin/cython" ]; then
    /usr/bin/python3 -m venv "$venv"
    "$venv/bin/pip" install -q "$cython_pin" 2>&1 | grep -v "^WARNING: Location" >&2 || true
  fi
  "$venv/bin/cython" "$@"
}

# Unpacks the sdist of PIN into $work/src and prints its directory.
sdist() {
  local pin=$1 name=${1%%==*} version=${1##*==}
  local tarball
  tarball=$(ls "$work/src/"*.tar.gz 2>/dev/null |
    grep -i -E "/${name//-/[-_]}-$version\.tar\.gz$" || true)
  if [ -z "$tarball" ]; then
    # Only this package as source; its build dependencies may be wheels.
    /usr/bin/python3 -m pip download -q --no-deps --no-binary "$name" \
      "$pin" -d "$work/src" >&2
    tarball=$(ls "$work/src/"*.tar.gz |
      grep -i -E "/${name//-/[-_]}-$version\.tar\.gz$")
  fi
  local dir="${tarball%.tar.gz}"
  [ -d "$dir" ] || tar -xzf "$tarball" -C "$work/src"
  echo "$dir"
}

selected=("$@")
printf '%s\n' "project	files	warnings" >"$out/summary.tsv"
: >"$out/warnings.tsv"
for entry in "${projects[@]}"; do
  IFS='|' read -r name pin lang sources flags <<<"$entry"
  if [ "${#selected[@]}" -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then
    continue
  fi
  dir=$(sdist "$pin")
  log="$out/$name.log"
  : >"$log"
  files=0
  for source in $sources; do
    file="$dir/$source"
    if [[ $source == *.pyx ]]; then
      file="${file%.pyx}.c"
      [ -f "$file" ] || (cd "$dir" && cython -3 "$source" -o "$file")
    fi
    lang_flag=(-x c)
    [ "$lang" = c++ ] && lang_flag=(-x c++)
    extra=()
    if [ -n "$assume" ]; then
      # shellcheck disable=SC2086
      (cd "$dir" && "$root/build/bin/pyrefleak-cc" --pyrefleak-checks='-*' -fsyntax-only \
        -Xclang -ast-dump "${lang_flag[@]}" $flags -I"$python_include" "$file") \
        >"$out/$name.ast" 2>/dev/null || true
      /usr/bin/python3 "$root/utils/real-code-unknown-externals.py" --rules "$assume" \
        "$root/build/share/pyrefleak/rules" "$out/$name.ast" >"$out/$name-unknown.yaml"
      rm -f "$out/$name.ast"
      extra=(--pyrefleak-rules="$out/$name-unknown.yaml")
    fi
    # shellcheck disable=SC2086
    (cd "$dir" && "$cc" ${PYREFLEAK_ARGS:-} "${extra[@]}" -fsyntax-only "${lang_flag[@]}" $flags -I"$python_include" \
      "$file" -fno-color-diagnostics -fno-caret-diagnostics) >>"$log" 2>&1 ||
      echo "pyrefleak: $name: $source did not compile (see $log)" >&2
    files=$((files + 1))
  done
  # One line per distinct warning: project, file:line:col, check, message.
  grep -E '^[^ ].*: warning: .*\[pyrefleak-[a-z-]+\]$' "$log" | sort -u |
    sed -E "s|^$dir/||; s|^(.*): warning: (.*) \[(pyrefleak-[a-z-]+)\]$|$name\t\1\t\3\t\2|" \
    >>"$out/warnings.tsv" || true
  count=$(awk -F'\t' -v n="$name" '$1 == n' "$out/warnings.tsv" | wc -l)
  printf '%s\t%s\t%s\n' "$name" "$files" "$count" >>"$out/summary.tsv"
done

echo "== $pyver: warnings per project (distinct, in $out/warnings.tsv)"
column -t -s$'\t' "$out/summary.tsv"
echo "== per check"
cut -f3 "$out/warnings.tsv" | sort | uniq -c | sort -rn
