#!/usr/bin/env bash
# Installs the Debian packages given as arguments, only those missing (apt-get, with sudo
# when not root). Used by the Makefile: `make run`, `make test` and `make test-scale` set up
# a fresh machine by themselves.
#
#   scripts/install_system_packages.sh PACKAGE[:PROBE]...
#
# PROBE tells that the piece is there without dpkg (installed another way): a command name
# (`node`) or a path, globs allowed (`/usr/lib/postgresql/*/bin/postgres`). Without a probe,
# or when it finds nothing, dpkg decides.
set -euo pipefail

present() {  # present PACKAGE PROBE
  local package=$1 probe=$2
  if [ -n "$probe" ]; then
    if [[ $probe == /* ]]; then
      compgen -G "$probe" >/dev/null && return 0
    else
      command -v "$probe" >/dev/null && return 0
    fi
  fi
  command -v dpkg-query >/dev/null &&
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"
}

missing=()
for argument in "$@"; do
  package=${argument%%:*}
  probe=""
  [[ $argument == *:* ]] && probe=${argument#*:}
  present "$package" "$probe" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null; then
  echo "Il manque ${missing[*]} et apt-get est introuvable : installez-les puis relancez." >&2
  exit 1
fi
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null; then
    echo "Il manque ${missing[*]} : installez-les en root (apt-get install ${missing[*]})." >&2
    exit 1
  fi
  sudo_cmd=(sudo)
fi
echo "Installation des paquets Debian : ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
