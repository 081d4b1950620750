#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Python 3.11+, then runs them.
# Debian packages: chromium (real-browser tests, driven by Playwright; no browser is downloaded),
# nginx (the documented production setup: in front of gunicorn, and serving the export),
# hunspell and hunspell-en-gb (spelling, and English left unmarked on Welsh pages). The Welsh
# dictionary is Bangor University's 2025 hunspell-cy, inside the cymraeg-mcp wheel: installed
# with --no-deps, since only its data folder is used. The W3C's Nu Html Checker (every exported page
# must be valid HTML) is the vnu-jar npm package, pinned in package.json and installed into the
# git-ignored node_modules/, run by Debian's Java (default-jre-headless); npm is Debian's where the
# machine has none (NodeSource's nodejs carries its own).
set -euo pipefail
cd "$(dirname "$0")/.."

DEBIAN_PACKAGES=(chromium hunspell hunspell-en-gb nginx default-jre-headless)
command -v npm >/dev/null || DEBIAN_PACKAGES+=(npm)
# Debian's and Ubuntu's own Python refuse pip installs outside a virtual environment (PEP 668):
# there the tests run in the project's .venv (the one `python3 build.py serve` makes), and the
# venv module needs Debian's pythonX.Y-venv. Any other Python (pyenv, a venv already active) is used
# as it is.
PYTHON=python3
if python3 -c 'import pathlib, sys, sysconfig; sys.exit(not (sys.prefix == sys.base_prefix and (pathlib.Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").exists()))'; then
  DEBIAN_PACKAGES+=("$(python3 -c 'import sys; print(f"python{sys.version_info[0]}.{sys.version_info[1]}-venv")')")
  PYTHON=.venv/bin/python
fi
missing=()
for package in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  # Another apt or dpkg (an unattended upgrade, say) may hold its locks: wait for them (apt's own
  # lock timeout covers dpkg's lock; the package lists' lock is waited for here), saying so.
  LOCK_WAIT=(-o DPkg::Lock::Timeout=600)
  $SUDO python3 tests/wait_for_apt.py 600
  $SUDO apt-get "${LOCK_WAIT[@]}" update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${LOCK_WAIT[@]}" install -y -qq --no-install-recommends "${missing[@]}"
fi

if [ "$PYTHON" = .venv/bin/python ] && [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
"$PYTHON" -m pip install -q --disable-pip-version-check -e ".[test]"
"$PYTHON" -m pip install -q --disable-pip-version-check --no-deps cymraeg-mcp==0.1.0
# The checker's jar, when node_modules/ lacks the pinned version. --ignore-scripts: vnu-jar's
# postinstall would download a Java from GitHub. --omit=dev leaves out the benchmark's tools, unless
# they are installed already (npm would remove them).
vnu_wanted=$(node -p 'require("./package.json").dependencies["vnu-jar"]')
vnu_have=$(node -p 'try { require("./node_modules/vnu-jar/package.json").version } catch { "" }')
if [ "$vnu_have" != "$vnu_wanted" ] || [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  omit=(--omit=dev); [ -d node_modules/lighthouse ] && omit=()
  npm install "${omit[@]}" --ignore-scripts --no-package-lock --no-audit --no-fund --loglevel=error
fi
"$PYTHON" build.py compile
"$PYTHON" -m ruff check .
"$PYTHON" -m pytest "$@"
