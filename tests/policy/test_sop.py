"""SOP 7.1 as configuration: transitions, tolerant status matching, timing, validation."""
from __future__ import annotations

import copy
from datetime import date, datetime, timedelta

import pytest
import yaml

from pipeline.core import settings as config

from pipeline.policy import sop
from pipeline.policy.sop import Refusal, SopConfigError, Transition

ORDER = ["Tercatat", "Didisposisi", "Diverifikasi", "Diteliti", "Disetujui", "Ditolak", "Diproses", "Selesai"]
LEGAL = {
    "Tercatat": ["Didisposisi"],
    "Didisposisi": ["Diverifikasi"],
    "Diverifikasi": ["Diteliti"],
    "Diteliti": ["Disetujui", "Ditolak"],
    "Disetujui": ["Diproses"],
    "Diproses": ["Selesai"],
    "Ditolak": [],
    "Selesai": [],
}


@pytest.fixture(scope="module")
def S() -> sop.Sop:
    return sop.load()


def raw() -> dict:
    return copy.deepcopy(config.load("sop"))


def test_statuses_in_order_match_the_contract_and_the_agenda_dropdown(S):
    assert list(S.status_names) == ORDER
    assert S.initial == "Tercatat"
    assert list(config.load("agenda")["statuses"]) == ORDER  # the dropdown offers the same names


@pytest.mark.parametrize("current", ORDER)
def test_next_statuses(S, current):
    assert S.next_statuses(current) == LEGAL[current]
    assert sop.next_statuses(current) == LEGAL[current]


@pytest.mark.parametrize("current, requested", [(c, r) for c in ORDER for r in ORDER if r not in LEGAL[c] and r != c])
def test_every_illegal_jump_is_refused_naming_the_legal_next_statuses(S, current, requested):
    result = S.check_transition(current, requested)
    assert isinstance(result, Refusal)
    assert result.legal == tuple(LEGAL[current])
    assert f"Status '{requested}' tidak dapat diterapkan" in result.message
    if LEGAL[current]:
        assert result.code == "illegal"
        assert f"dari '{current}' status berikutnya yang sah hanya" in result.message
        for legal in LEGAL[current]:
            assert f"'{legal}'" in result.message
    else:
        assert result.code == "final"
        assert f"berstatus akhir '{current}'" in result.message


def test_refusal_message_reads_as_the_office_expects(S):
    assert S.check_transition("Didisposisi", "Disetujui").message == (
        "Status 'Disetujui' tidak dapat diterapkan: dari 'Didisposisi' status berikutnya yang sah hanya 'Diverifikasi'."
    )
    assert S.check_transition("Diverifikasi", "Ditolak").message.endswith("hanya 'Diteliti'.")
    assert "hanya 'Disetujui' atau 'Ditolak'." in S.check_transition("Diteliti", "Selesai").message


@pytest.mark.parametrize("current, requested", [(c, n) for c in ORDER for n in LEGAL[c]])
def test_every_legal_step_is_accepted(S, current, requested):
    result = S.check_transition(current, requested)
    assert isinstance(result, Transition) and result.changed
    assert result.status == requested and result.current == current
    assert requested in result.step.sets


@pytest.mark.parametrize(
    "typed",
    ["  diverifikasi ", "DIVERIFIKASI", "Diverifikasi\n", "\u00a0Diverifikasi\u200b", "ｄｉｖｅｒｉｆｉｋａｓｉ"],
)
def test_status_typed_by_people_is_matched_tolerantly(S, typed):
    result = S.check_transition("Didisposisi", typed)
    assert isinstance(result, Transition) and result.status == "Diverifikasi"


def test_current_status_is_matched_tolerantly_too(S):
    assert S.next_statuses(" diteliti") == ["Disetujui", "Ditolak"]
    assert S.check_transition("diteliti ", "ditolak").status == "Ditolak"


@pytest.mark.parametrize("typed", ["Disetujuii", "selesai dong", "{{ 7*7 }}", "=1+1", "Di verifikasi"])
def test_unknown_text_is_refused_with_the_valid_statuses(S, typed):
    result = S.check_transition("Didisposisi", typed)
    assert isinstance(result, Refusal) and result.code == "unknown_status"
    assert f"Status '{typed}' tidak dikenal" in result.message
    assert "hanya 'Diverifikasi'" in result.message
    for name in ORDER:
        assert f"'{name}'" in result.message


def test_empty_request_is_refused(S):
    result = S.check_transition("Tercatat", "   ")
    assert isinstance(result, Refusal) and result.code == "empty"


def test_long_or_multiline_typed_text_is_quoted_on_one_short_line(S):
    result = S.check_transition("Tercatat", "x" * 500 + "\nbaris dua")
    assert "\n" not in result.message and len(result.message) < 400


def test_retyping_the_current_status_is_no_change(S):
    result = S.check_transition("Diteliti", " diteliti")
    assert isinstance(result, Transition) and not result.changed


def test_unknown_current_status_is_refused_not_crashing(S):
    result = S.check_transition("Hilang", "Didisposisi")
    assert isinstance(result, Refusal) and result.code == "unknown_current"


def test_module_level_check_uses_the_configured_sop():
    assert isinstance(sop.check_transition("Tercatat", "Didisposisi"), Transition)


# --- steps, actors, folders, documents ----------------------------------------------------


def test_steps_actors_and_standard_times(S):
    assert [s.number for s in S.steps] == [1, 2, 3, 4, 5, 6, 7]
    assert [s.standard for s in S.steps] == [
        timedelta(minutes=5), timedelta(minutes=15), timedelta(days=2), timedelta(minutes=15),
        timedelta(minutes=15), timedelta(minutes=3), timedelta(days=1),
    ]
    assert S.step(2).actors == ("Kepala Dinas", "Sekretaris", "Kepala Bidang")
    assert [S.step(n).actors[0] for n in (1, 3, 4, 5, 6, 7)] == [
        "Fungsional", "Fungsional", "Kasi Media Publik", "Kepala Bidang", "Kasi Media Publik", "Fungsional",
    ]
    assert S.step_setting("Ditolak").number == 5 == S.step_setting("Disetujui").number
    assert S.pending_step("Diteliti").number == 5
    assert S.pending_step("Selesai") is None


def test_folders_and_documents(S):
    assert [S.folder(s) for s in ORDER[:5]] == ["01-tercatat", "02-disposisi", "03-verifikasi", "04-penelitian",
                                                  "05-keputusan"]
    assert S.folder("Diproses") == "06-proses"
    assert S.folder("ditolak").startswith("arsip/") and S.folder("Selesai").startswith("arsip/")
    assert S.is_final("Ditolak") and S.is_final("Selesai") and not S.is_final("Disetujui")
    assert S.statuses["Ditolak"].documents == ("berita_acara_penolakan",)
    assert S.statuses["Diproses"].documents == ("perjanjian_kerja_sama",)
    assert S.step_documents(5) == ("berita_acara_penolakan",)  # Disetujui makes none, Ditolak the record
    assert S.step_documents(3) == ("hasil_evaluasi",)


def test_contract_number_pattern(S):
    assert S.contract_number(17, 2026) == "000.9/17/406.021/2026"
    assert S.contract_number(None, 2027) == "000.9/......./406.021/2027"


# --- timing -----------------------------------------------------------------------------

T0 = datetime(2026, 11, 27, 16, 0)  # a Friday afternoon


@pytest.mark.parametrize(
    "status, due",
    [
        ("Tercatat", T0 + timedelta(minutes=15)),
        ("Didisposisi", T0 + timedelta(days=2)),
        ("Diverifikasi", T0 + timedelta(minutes=15)),
        ("Diteliti", T0 + timedelta(minutes=15)),
        ("Disetujui", T0 + timedelta(minutes=3)),
        ("Diproses", T0 + timedelta(days=1)),
        ("Ditolak", None),
        ("Selesai", None),
    ],
)
def test_due_time_is_entry_plus_the_pending_steps_standard(S, status, due):
    assert S.due_time(status, T0) == due
    assert sop.due_time(status, T0) == due


def test_overdue_only_after_the_due_time(S):
    assert not S.is_overdue("Didisposisi", T0, T0 + timedelta(days=2))
    assert S.is_overdue("Didisposisi", T0, T0 + timedelta(days=2, seconds=1))
    assert not S.is_overdue("Selesai", T0, T0 + timedelta(days=999))
    assert sop.is_overdue("Tercatat", T0, T0 + timedelta(minutes=16))


def working(**extra) -> sop.Sop:
    cfg = raw()
    cfg["time_basis"] = "working_days"
    cfg["working_days"] = {"weekdays": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat"], **extra}
    return sop.load(cfg)


def test_working_days_skip_the_weekend():
    S = working()
    # Friday 16:00 + 2 days of working time: 8 h left of Friday, Monday, then 16 h of Tuesday.
    assert S.due_time("Didisposisi", T0) == datetime(2026, 12, 1, 16, 0)
    # Entered on Saturday: the clock starts on Monday 00:00.
    assert S.due_time("Tercatat", datetime(2026, 11, 28, 9, 0)) == datetime(2026, 11, 30, 0, 15)
    assert S.clock.elapsed(T0, datetime(2026, 11, 30, 8, 0)) == timedelta(hours=16)


def test_working_days_skip_holidays():
    S = working(holidays=["2026-11-30"])
    assert S.due_time("Diproses", T0) == datetime(2026, 12, 1, 16, 0)
    assert S.clock.holidays == frozenset({date(2026, 11, 30)})


# --- config validation ------------------------------------------------------------------


def broken(edit) -> str:
    cfg = raw()
    edit(cfg)
    with pytest.raises(SopConfigError) as err:
        sop.load(cfg)
    assert err.value.message.startswith("config/sop.yaml: ")
    return err.value.message


def test_unknown_status_in_transitions_is_refused():
    msg = broken(lambda c: c["transitions"].update({"Diteliti": ["Disetujui", "Dibatalkan"]}))
    assert "'Dibatalkan'" in msg


def test_unknown_source_status_in_transitions_is_refused():
    assert "'Ditunda'" in broken(lambda c: c["transitions"].update({"Ditunda": ["Selesai"]}))


def test_cycle_is_refused():
    msg = broken(lambda c: c["transitions"].update({"Diproses": ["Tercatat"]}))
    assert "putaran" in msg and "Tercatat" in msg


def test_missing_folder_is_refused():
    def edit(c):
        del c["statuses"][2]["folder"]

    assert "'Diverifikasi'" in broken(edit) and "folder" in broken(edit)


@pytest.mark.parametrize("folder", ["../luar", "/etc", "masuk", "arsip/bukan-akhir"])
def test_folder_outside_the_stage_tree_is_refused(folder):
    def edit(c):
        c["statuses"][1]["folder"] = folder

    assert "Didisposisi" in broken(edit)


def test_final_status_must_be_archived():
    def edit(c):
        c["statuses"][7]["folder"] = "07-selesai"

    assert "arsip/" in broken(edit)


def test_final_status_with_outgoing_transition_is_refused():
    assert "status akhir" in broken(lambda c: c["transitions"].update({"Selesai": ["Diproses"]}))


def test_dead_end_status_is_refused():
    assert "'Diproses'" in broken(lambda c: c["transitions"].pop("Diproses"))


def test_status_without_a_step_is_refused():
    def edit(c):
        c["steps"][6]["sets"] = ["Diproses"]

    assert "tepat satu langkah" in broken(edit)


def test_bad_standard_time_is_refused():
    def edit(c):
        c["steps"][2]["standard"] = "dua hari"

    assert "dua hari" in broken(edit)


def test_duplicate_status_is_refused():
    def edit(c):
        c["statuses"].append({"name": " selesai ", "folder": "arsip/x", "final": True})

    assert "lebih dari sekali" in broken(edit)


def test_unreachable_status_is_refused():
    def edit(c):
        c["statuses"].append({"name": "Yatim", "folder": "09-yatim"})
        c["transitions"]["Yatim"] = ["Selesai"]
        c["steps"][6]["sets"] = ["Selesai"]
        c["steps"].append({"number": 8, "actors": ["Fungsional"], "standard": "1 hari", "sets": ["Yatim"]})

    assert "'Yatim'" in broken(edit)


def test_bad_time_basis_is_refused():
    assert "time_basis" in broken(lambda c: c.update({"time_basis": "lunar"}))


def test_office_can_rename_actors_and_times(tmp_path, monkeypatch):
    cfg = raw()
    cfg["steps"][3]["actors"] = ["Kepala Seksi"]
    cfg["steps"][2]["standard"] = "3 hari"
    (tmp_path / "sop.yaml").write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("KERJASAMA_CONFIG_DIR", str(tmp_path))
    S = sop.load()
    assert S.step(4).actors == ("Kepala Seksi",)
    assert S.due_time("Didisposisi", T0) == T0 + timedelta(days=3)


@pytest.mark.parametrize("text, minutes", [("5 menit", 5), ("2 hari", 2880), ("1 jam", 60), ("1,5 jam", 90),
                                           ("15 min", 15), ("1 day", 1440)])
def test_parse_duration(text, minutes):
    assert sop.parse_duration(text) == timedelta(minutes=minutes)


# --- properties -------------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=300, deadline=None)
@given(current=st.sampled_from(ORDER), typed=st.one_of(st.text(max_size=30), st.sampled_from(ORDER).map(
    lambda s: f"  {s.upper()} ")))
def test_any_typed_text_is_either_a_legal_step_or_a_refusal(current, typed):
    S = sop.load()
    result = S.check_transition(current, typed)
    if isinstance(result, Transition):
        assert result.status in LEGAL[current] or result.status == current
    else:
        assert result.message and "\n" not in result.message
        assert result.legal == tuple(LEGAL[current])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(ORDER), max_size=20))
def test_applying_only_legal_requests_follows_the_sop_order(requests):
    S = sop.load()
    current = "Tercatat"
    for req in requests:
        result = S.check_transition(current, req)
        if isinstance(result, Transition):
            assert ORDER.index(result.status) >= ORDER.index(current) or current == "Ditolak"
            current = result.status
    assert current in ORDER
