#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Python 3.11+, then runs them.
# Debian packages: chromium (real-browser tests, driven by Playwright; no browser is downloaded),
# aspell and aspell-cy (Welsh spelling).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium aspell aspell-cy)
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
python3 build.py compile
python3 -m ruff check .
python3 -m pytest "$@"
