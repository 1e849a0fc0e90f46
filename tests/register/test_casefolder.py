"""Case folder names from hostile letter text: always one safe, stable path component."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.register.casefolder import case_folder_name, is_safe_component, safe_child

FAST = settings(max_examples=200, deadline=None)


def test_ordinary_name():
    assert case_folder_name("001/2026", "PT Media Maju") == "001-2026 PT Media Maju"


@pytest.mark.parametrize(
    "company",
    ["../../etc", "..\\..\\Windows", "/etc/passwd", '=HYPERLINK("http://x","y")', "a/../../b", "C:\\x", "x\x00y"],
)
def test_path_syntax_never_survives(company):
    name = case_folder_name("001/2026", company)
    assert is_safe_component(name)
    assert "/" not in name and "\\" not in name and ".." not in name and ":" not in name
    assert name.startswith("001-2026")


@pytest.mark.parametrize("agenda", ["CON", "con.txt", "NUL", "COM1", "lpt9.pdf", "AUX .x", "COM¹"])
def test_windows_reserved_names_are_defused(agenda):
    name = case_folder_name(agenda, None)
    assert is_safe_component(name)
    assert name.startswith("_")


@pytest.mark.parametrize("company", [None, "", "   ", "...", "-- ..", "\u202e\u200b", "<>|?*"])
def test_garbage_company_falls_back_to_agenda_part(company):
    assert case_folder_name("007/2026", company) == "007-2026"


def test_garbage_agenda_number_gets_a_placeholder():
    assert case_folder_name("../", "PT A") == "tanpa-nomor PT A"


def test_long_names_are_capped_and_trimmed():
    name = case_folder_name("001/2026", "PT " + "Sangat Panjang " * 40)
    assert len(name) <= 80
    assert name == name.rstrip(" .")
    assert case_folder_name("001/2026", "x" * 500, max_len=40) == "001-2026 " + "x" * 31


def test_nfc_and_trailing_dots():
    decomposed = "Pe\u0301rs Media."  # é as e + combining accent, trailing dot
    assert case_folder_name("1", decomposed) == "1 P\u00e9rs Media"


@FAST
@given(agenda=st.text(max_size=60), company=st.one_of(st.none(), st.text(max_size=600)), max_len=st.integers(1, 200))
def test_any_text_gives_one_safe_component(agenda, company, max_len):
    name = case_folder_name(agenda, company, max_len=max_len)
    assert is_safe_component(name)
    assert len(name) <= max(max_len, 16)
    assert unicodedata.normalize("NFC", name) == name
    assert name == case_folder_name(agenda, company, max_len=max_len)  # deterministic
    assert Path(name).name == name and len(Path(name).parts) == 1


@FAST
@given(company=st.text(max_size=200))
def test_safe_child_stays_inside_parent(tmp_path_factory, company):
    parent = tmp_path_factory.getbasetemp() / "arsip"
    parent.mkdir(exist_ok=True)
    child = safe_child(parent, case_folder_name("001/2026", company))
    assert child.resolve().parent == parent.resolve()


@pytest.mark.parametrize("bad", ["..", ".", "", "../x", "a/b", "a\\b", "CON"])
def test_safe_child_refuses_unsafe_names(tmp_path, bad):
    with pytest.raises(ValueError):
        safe_child(tmp_path, bad)


def test_safe_child_refuses_symlink_escaping_parent(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    parent = tmp_path / "arsip"
    parent.mkdir()
    (parent / "001-2026 PT A").symlink_to(outside)
    with pytest.raises(ValueError):
        safe_child(parent, "001-2026 PT A")
