"""Material that lives beside the repository, not in it: the two policies in ../shared/seeds/.

A member of the public who clones the repository has no ../shared: the tests that read it skip,
saying what to put where. Under CI (CI=true) they must run, so a missing folder fails there.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def seeds() -> list[Path]:
    """The policy texts every local fact comes from; skips (or fails under CI) without them."""
    found = sorted((SHARED / "seeds").glob("0*.txt"))
    if len(found) < 2:
        reason = (f"the source policies are not here: put the project's shared/ folder beside this "
                  f"checkout, so that {SHARED / 'seeds'} holds 000_*.txt and 001_*.txt")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {reason}")
        pytest.skip(reason)
    return found
