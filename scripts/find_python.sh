#!/usr/bin/env bash
# Prints the path of a Python 3.10 interpreter, or explains how to get one.
# Rasa 3.6 supports Python 3.8 to 3.10 only; the project is pinned on 3.10.
set -u
candidates=("${PYTHON:-}" python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10)
if command -v pyenv >/dev/null 2>&1; then
  for dir in "$(pyenv root)"/versions/3.10*; do candidates+=("$dir/bin/python3.10"); done
fi
for candidate in "${candidates[@]}"; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done
cat >&2 <<'MSG'
Python 3.10 introuvable (Rasa 3.6 ne fonctionne qu'avec Python 3.8 à 3.10).
Installez-le puis relancez la commande, par exemple :
  - Debian/Ubuntu : apt-get install python3.10 python3.10-venv
  - pyenv         : pyenv install 3.10.13
  - ou indiquez un interpréteur : make install PYTHON=/chemin/vers/python3.10
MSG
exit 1
