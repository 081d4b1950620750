"""The Welsh interface catalogue is complete, and a missing catalogue is an error."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from alnguide.web import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "translations" / "cy" / "LC_MESSAGES" / "messages.po"


@pytest.fixture(scope="module")
def template_messages(tmp_path_factory) -> set[str]:
    """Every interface string in the code and templates, extracted as translators would."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "gettext_in:2", "-o", str(pot), str(ROOT)],
                   check=True, capture_output=True, cwd=ROOT)
    with pot.open("rb") as handle:
        return {m.id for m in read_po(handle) if m.id}


def welsh_catalogue():
    with PO.open("rb") as handle:
        return read_po(handle)


def test_every_interface_string_has_a_welsh_translation(template_messages):
    catalogue = welsh_catalogue()
    missing = sorted(m for m in template_messages if not (catalogue.get(m) and catalogue.get(m).string))
    assert not missing, f"untranslated in messages.po: {missing}"


def test_no_fuzzy_or_empty_entries():
    catalogue = welsh_catalogue()
    bad = [m.id for m in catalogue if m.id and (m.fuzzy or not m.string)]
    assert not bad, f"fuzzy or empty: {bad}"


def test_welsh_has_six_plural_forms():
    catalogue = welsh_catalogue()
    assert catalogue.num_plurals == 6
    assert catalogue.plural_expr == "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5)"


def test_missing_compiled_catalogue_is_an_error(tmp_path):
    po_dir = tmp_path / "cy" / "LC_MESSAGES"
    po_dir.mkdir(parents=True)
    (po_dir / "messages.po").write_bytes(PO.read_bytes())
    with pytest.raises(i18n.CatalogueError, match="messages.mo is missing"):
        i18n.check_catalogues(tmp_path)
