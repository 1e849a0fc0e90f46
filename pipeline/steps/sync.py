"""One agenda cycle: read what officials typed, apply every legal status change, write back.

Used by `kerjasama sync` (one cycle) and by `kerjasama watch` (every
`agenda_poll_seconds`). A cycle:
1. finishes status changes a killed process left half-done (`transition.resume`);
2. writes agenda rows still waiting in the outbox (so every registered row exists);
   rows a person's stale save wiped out are queued again from the journal;
3. reads the agenda and hands every case whose Status differs to `workflow.consider`;
4. brings the pipeline's cells of every row up to date (Pesan Sistem, Tahap, Tenggat,
   Terlambat, evaluation result, contract number) — only cells whose text changed, so
   an idle cycle does not rewrite the workbook — and flushes the outbox.
Everything is idempotent: running a cycle twice changes nothing the second time.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from pipeline import documents as docs
from pipeline import journal as J
from pipeline import register as I
from pipeline.agenda import KEY
from pipeline.core.errors import KerjasamaError
from pipeline.policy import sop as sop_mod
from pipeline.policy.sla import CaseSla, StatusEvent, agenda_cells, case_states
from pipeline.steps import history
from pipeline.steps.context import Context, evaluation_of
from pipeline.steps.restore_rows import restore_missing_rows
from pipeline.steps.transition import Applied, error_text, note_trouble, resume
from pipeline.steps.workflow import Refused, consider

EVALUATION_CELLS = ("Hasil Evaluasi", "Kelas Media", "Skor")


@dataclass
class SyncResult:
    applied: list[Applied] = field(default_factory=list)
    refused: list[Refused] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    waiting_rows: int = 0


def sync_once(ix: I.Intake, *, log: Callable[[str], None] = print) -> SyncResult:
    ctx = Context.open(ix)
    out = SyncResult(applied=resume(ctx, log))
    I.flush_outbox(ix)
    try:
        rows = ix.agenda().read_rows()
    except KerjasamaError as exc:
        out.errors.append(exc.message)
        log(f"Agenda tidak dapat dibaca: {exc.message}")
        return out
    ctx.editor = getattr(ix.agenda(), "editor", None) or "tidak diketahui"
    for agenda_no in restore_missing_rows(ix.journal, rows):  # written back by the flush below
        log(f"Baris {agenda_no} hilang dari agenda (tertimpa simpanan lama?); dipulihkan dari jurnal.")
    evaluation = _lazy_evaluation(ix)
    stuck = {t.agenda_no for t in ix.journal.open_transitions()}  # resume could not finish them: retried next cycle
    for case in live_cases(ix.journal):
        row = rows.get(case.agenda_no)
        if row is None or case.agenda_no in stuck:  # e.g. its registration row is still waiting for the agenda
            continue
        try:
            done = consider(ctx, case, row, evaluation)
        except Exception as exc:  # one case's trouble (a folder moved by hand, a full disk) must not stop the rest
            text = error_text(exc)
            out.errors.append(f"{case.agenda_no}: {text}")
            log(f"GALAT {case.agenda_no}: {text}")
            ix.journal.log("galat_perubahan_status", agenda_no=case.agenda_no, galat=text)
            note_trouble(ctx, case.agenda_no, str(row.get("Status", "")).strip(), exc)
            continue
        if isinstance(done, Applied):
            out.applied.append(done)
        elif isinstance(done, Refused):
            out.refused.append(done)
    events = ix.journal.events()
    history.note_changes(ix.journal, rows, live_cases(ix.journal), events, {a.agenda_no for a in out.applied})
    refresh_cells(ix, rows, ix.settings.now())
    out.waiting_rows = I.flush_outbox(ix)
    history.write_history(ix.root, ix.agenda(), ix.journal.events(), ix.settings.tz(), log)
    return out


def _lazy_evaluation(ix: I.Intake) -> Callable[[], dict[str, dict[str, str]]]:
    """The Evaluasi sheet's rows, read at most once per cycle and only if a step needs them."""
    cache: list = []

    def get():
        if not cache:
            cache.append(ix.agenda().read_evaluation())
        return cache[0]

    return get


def live_cases(journal: J.Journal) -> list[J.CaseRecord]:
    """Cases with a letter (not a number handed to a file taken away mid-registration)."""
    return [c for c in journal.cases() if journal.input(c.input_id).state != J.HILANG]


# ---- the pipeline's cells ------------------------------------------------------------------


def case_sla(case: J.CaseRecord, now: datetime, tz=None) -> CaseSla:
    since = datetime.fromisoformat(case.status_since).astimezone(tz)
    return case_states([StatusEvent(case.agenda_no, None, case.status, since)], now)[case.agenda_no]


def wanted_cells(ix: I.Intake, case: J.CaseRecord, now: datetime) -> dict[str, str]:
    """What the pipeline's columns of this case's row should show now."""
    cells = {"Pesan Sistem": case.refusal or case.message}
    cells.update(agenda_cells(case_sla(case, now, ix.settings.tz()), detail=False))
    result = evaluation_of(case)
    if result is not None:
        cells.update({"Hasil Evaluasi": result.hasil, "Kelas Media": result.kelas,
                      "Skor": f"{docs.angka(result.score)}/{docs.angka(result.max_score)}"})
    number = contract_number(ix, case)
    if number:
        cells["Nomor Perjanjian"] = number
    return cells


REMINDER_DAYS = 30  # CONTRACT: a reminder column for agreements ending within 30 days


def pengingat(berakhir: str | None, today: date) -> str:
    """The reminder an agreement ending soon (or ended) shows; '' otherwise."""
    try:
        ends = date.fromisoformat(str(berakhir or "").strip()[:10])
    except ValueError:
        return ""
    left = (ends - today).days
    if left < 0:
        return f"Perjanjian berakhir {ends:%d-%m-%Y}; perpanjang atau arsipkan."
    if left <= REMINDER_DAYS:
        return f"Perjanjian berakhir dalam {left} hari ({ends:%d-%m-%Y})."
    return ""


def contract_number(ix: I.Intake, case: J.CaseRecord) -> str | None:
    found = ix.journal.contract_serial(case.agenda_no)
    if found is None:
        return None
    year, serial = found
    return sop_mod.load().contract_number(serial, year)


def refresh_cells(ix: I.Intake, rows: dict[str, dict[str, str]], now: datetime) -> int:
    """Queue the cells whose text differs from the agenda (as it will be after queued writes)."""
    shown = {k: dict(v) for k, v in rows.items()}
    for item in ix.journal.pending_outbox():  # already on their way: do not queue them again
        if item.kind in ("tambah_baris", "ubah_baris") and item.agenda_no in shown:
            shown[item.agenda_no].update({k: str(v) for k, v in item.payload.items() if not k.startswith("_")})
    queued = 0
    for case in live_cases(ix.journal):
        row = shown.get(case.agenda_no)
        if row is None:
            continue
        wanted = wanted_cells(ix, case, now) | {"Pengingat": pengingat(row.get("Tanggal Berakhir"), now.date())}
        change = {k: v for k, v in wanted.items() if (row.get(k) or "") != (v or "").strip()}
        if change:
            ix.journal.enqueue("ubah_baris", case.agenda_no, {KEY: case.agenda_no, **change})
            queued += 1
    return queued


# ---- the journal's status history (for the report) ---------------------------------------


def status_events(journal: J.Journal) -> tuple[list[StatusEvent], dict[str, datetime]]:
    """Every applied status (registration included) with its time, and each case's receipt time."""
    live = {c.agenda_no: c for c in live_cases(journal)}
    events = []
    for e in journal.events():
        if e.agenda_no not in live:
            continue
        if e.what == "terdaftar":
            events.append(StatusEvent(e.agenda_no, None, I.STATUS_TERCATAT, datetime.fromisoformat(e.at)))
        elif e.what == "status_diubah":
            events.append(StatusEvent(e.agenda_no, e.details.get("lama"), str(e.details.get("baru")),
                                      datetime.fromisoformat(e.at)))
    received = {no: datetime.fromisoformat(c.received_at) for no, c in live.items()}
    return events, received


def describe(result: SyncResult) -> list[str]:
    """Console lines for people."""
    lines = [f"DITERAPKAN {a.agenda_no}: {a.old} → {a.new}  ({a.folder})\n           {a.message}"
             for a in result.applied]
    lines += [f"TIDAK DITERAPKAN {r.agenda_no}: '{r.requested}' — {r.message}" for r in result.refused
              if r.new and not r.waiting]
    lines += [f"MENUNGGU {r.agenda_no}: '{r.requested}' — {r.message}" for r in result.refused if r.waiting]
    return lines


def summary(result: SyncResult) -> str:
    """The closing line of a cycle, naming every case whose request still waits for its inputs."""
    refused = [r for r in result.refused if not r.waiting]
    waiting = [r for r in result.refused if r.waiting]
    line = (f"Sinkronisasi selesai: {len(result.applied)} perubahan status diterapkan, {len(refused)} tidak "
            "diterapkan")
    if waiting:
        line += f", {len(waiting)} masih menunggu isian (" + "; ".join(
            f"{r.agenda_no} → '{r.requested}'" for r in waiting) + ")"
    return line + "."
