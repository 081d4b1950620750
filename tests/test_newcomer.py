"""The README's first command on a fresh clone with Debian's own Python, as a newcomer runs it.

Debian's and Ubuntu's Python refuse `pip install` outside a virtual environment (PEP 668), so
`python3 build.py serve` must make the project's .venv itself, fill it and serve the guide."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEBIAN_PYTHON = Path("/usr/bin/python3")
SKIPPED = {".git", ".venv", ".cache", "build", "__pycache__", ".pytest_cache", ".ruff_cache",
           "test-artifacts"}


def _externally_managed(python: Path) -> bool:
    if not python.exists():
        return False
    stdlib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    return (Path(stdlib) / "EXTERNALLY-MANAGED").exists()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.skipif(not _externally_managed(DEBIAN_PYTHON),
                    reason="needs Debian's or Ubuntu's own /usr/bin/python3 (PEP 668), as on a fresh machine")
def test_the_readmes_first_command_serves_the_guide_with_debians_own_python(tmp_path):
    clone = tmp_path / "clone"
    shutil.copytree(ROOT, clone, ignore=lambda folder, names: [n for n in names if n in SKIPPED
                                                                or n.endswith((".mo", ".egg-info"))])
    refused = subprocess.run([str(DEBIAN_PYTHON), "-m", "pip", "install", "-e", "."], cwd=clone,
                             capture_output=True, text=True)
    assert refused.returncode != 0, "Debian's Python took a pip install: this test no longer shows PEP 668"

    port = _free_port()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
           **{k: v for k, v in os.environ.items() if k.startswith("PIP_")}}
    server = subprocess.Popen([str(DEBIAN_PYTHON), "build.py", "serve", "--port", str(port)], cwd=clone,
                              env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              start_new_session=True)
    try:
        deadline, status, body = time.monotonic() + 240, None, ""
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/cy/", timeout=5) as response:
                    status, body = response.status, response.read().decode()
                break
            except OSError:
                time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        output = server.communicate(timeout=30)[0]
    assert status == 200, f"the README's command did not serve the guide:\n{output[-3000:]}"
    assert "Canllaw ADY" in body and 'lang="cy"' in body
    assert (clone / ".venv" / "bin" / "python").exists(), "the command made no virtual environment"
    assert "Making a virtual environment" in output


def test_this_python_is_used_as_it_is_when_it_has_the_packages():
    """CI and a server set up by hand keep their own Python: build.py makes no .venv there."""
    result = subprocess.run([sys.executable, str(ROOT / "build.py"), "compile"], capture_output=True,
                            text=True, cwd=ROOT, env={**os.environ, "ALNGUIDE_BOOTSTRAPPED": ""})
    assert result.returncode == 0, result.stderr
    assert "virtual environment" not in result.stderr
