#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Python 3.11+, then runs them.
# Debian packages: chromium (real-browser tests, driven by Playwright; no browser is downloaded),
# nginx (the documented production setup: in front of gunicorn, and serving the export),
# hunspell and hunspell-en-gb (spelling, and English left unmarked on Welsh pages). The Welsh
# dictionary is Bangor University's 2025 hunspell-cy, inside the cymraeg-mcp wheel: installed
# with --no-deps, since only its data folder is used.
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium hunspell hunspell-en-gb nginx)
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

python3 -m pip install -q --disable-pip-version-check -e ".[test]"
python3 -m pip install -q --disable-pip-version-check --no-deps cymraeg-mcp==0.1.0
python3 build.py compile
python3 -m ruff check .
python3 -m pytest "$@"
