# Sourced by utils/pythons.sh and utils/llvm-18.sh: apt-get on a private
# configuration (lists and cache under build/) that sees other Debian suites,
# for `apt-get download`; the machine's own apt state is never touched.
# Needs $root. `debian_apt update` runs once per build tree.
debian_apt() {
  local dir="$root/build/pythons/apt"
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/preferences.d"
  if [ ! -f "$dir/sources.list" ]; then
    for suite in bullseye trixie sid; do
      echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
        "http://deb.debian.org/debian $suite main"
    done >"$dir/sources.list"
  fi
  if [ "${1:-}" = update ] && [ -f "$dir/updated" ]; then
    return 0
  fi
  apt-get -q -o Dir::Etc::SourceList="$dir/sources.list" \
    -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$dir/lists" \
    -o Dir::Cache="$dir/cache" -o Dir::State::Status=/dev/null \
    -o Dir::Etc::Preferences=/dev/null \
    -o Dir::Etc::PreferencesParts="$dir/preferences.d" "$@" || return 1
  [ "${1:-}" != update ] || touch "$dir/updated"
}
