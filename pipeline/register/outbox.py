"""Applying the journal's waiting agenda writes (the outbox) to the agenda, in order, exactly once."""
from __future__ import annotations

from pipeline import journal as J
from pipeline.agenda import KEY, AgendaBusy, AgendaWrite, layout
from pipeline.core.crash import crash_point
from pipeline.core.diskspace import disk_full, is_disk_full
from pipeline.register.context import Intake


def flush_outbox(ix: Intake) -> int:
    """Apply waiting agenda writes in order; returns how many are still waiting.

    The backend decides each write against a fresh read of the agenda (`Agenda.apply`):
    a registration row is only added when its No. Agenda is not in the agenda yet, so a
    crash (or a timed-out request that did succeed) between writing the agenda and marking
    the outbox never duplicates a row nor overwrites what an official has since typed into
    it. A row update is only written to a row that exists (people delete rows), and its
    Status only while the cell still holds what the official had typed (`_status_jika`).
    """
    items = ix.journal.pending_outbox()
    if not items:
        return 0
    try:
        ix.agenda().apply([write_of(i) for i in items])
        crash_point("after_agenda_write")
    except AgendaBusy as exc:
        outbox_failed(ix, items, "agenda_sibuk", exc.message)
        return len(items)
    except Exception as exc:  # an outage (disk, network, a damaged workbook): keep the rows, try again later
        if len(items) > 1 and not unreachable(exc):
            return _one_by_one(ix, items)  # one write the agenda refuses must not hold up the others
        outbox_failed(ix, items, "agenda_gagal", _message(ix, exc))
        return len(items)
    ix.journal.outbox_done([i.id for i in items])
    return 0


def _one_by_one(ix: Intake, items: list[J.OutboxItem]) -> int:
    """Apply the writes singly, in order; a failed one holds back only later writes to its row."""
    held: set[str] = set()
    waiting = 0
    for n, item in enumerate(items):
        if item.agenda_no in held:
            ix.journal.outbox_failed([item.id], "menunggu penulisan sebelumnya untuk baris yang sama")
            waiting += 1
            continue
        try:
            ix.agenda().apply([write_of(item)])
        except AgendaBusy as exc:
            outbox_failed(ix, items[n:], "agenda_sibuk", exc.message)
            return waiting + len(items) - n
        except Exception as exc:
            if unreachable(exc):  # the later rows would go in above this one: all wait, in order
                outbox_failed(ix, items[n:], "agenda_gagal", _message(ix, exc))
                return waiting + len(items) - n
            outbox_failed(ix, [item], "agenda_gagal", _message(ix, exc))
            held.add(item.agenda_no)
            waiting += 1
            continue
        ix.journal.outbox_done([item.id])
    return waiting


def unreachable(exc: BaseException) -> bool:
    """The agenda itself cannot be reached now (Google Sheets down, slow, over quota): not one
    write's fault, so trying the writes one by one would only resend them and break their order."""
    return getattr(exc, "code", None) == "agenda_unavailable"


def _message(ix: Intake, exc: BaseException) -> str:
    """Why the agenda could not be written, as the clerk should read it."""
    if is_disk_full(exc):
        return disk_full(ix.root, exc).message
    return getattr(exc, "message", None) or f"{type(exc).__name__}: {exc}"


def write_of(item: J.OutboxItem) -> AgendaWrite:
    """The agenda write a queued outbox item stands for."""
    if item.kind == "tambah_baris":
        return AgendaWrite("tambah", item.agenda_no, known_columns(item.payload))
    if item.kind == "ubah_baris":
        payload = dict(item.payload)
        status_if = payload.pop("_status_jika", None)
        status = payload.pop("Status", None) if status_if is not None else None
        return AgendaWrite("ubah", item.agenda_no, known_columns(payload), status=status,
                           status_if=None if status_if is None else str(status_if))
    kind = {"evaluasi_isi": "evaluasi_isi", "evaluasi_hasil": "evaluasi_hasil"}[item.kind]
    return AgendaWrite(kind, item.agenda_no, payload=dict(item.payload))


def known_columns(row: dict[str, str]) -> dict[str, str]:
    """Drop columns the agenda config no longer has: a queued row must not block the queue."""
    columns = set(layout().columns) | {KEY}
    return {k: v for k, v in row.items() if k in columns and not k.startswith("_")}


def outbox_failed(ix: Intake, items: list[J.OutboxItem], what: str, message: str) -> None:
    if items[0].attempts == 0:  # log the first failure only; retries are counted, not logged
        ix.journal.log(what, pesan=message, menunggu=len(items))
    ix.journal.outbox_failed([i.id for i in items], message)
