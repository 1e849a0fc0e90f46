"""Status changes (SOP steps 2-7): a transition recorded before anything is written, its steps,
and the one write that commits it; and the refusal shown for a status that was not applied."""
from __future__ import annotations

import json
from typing import Any

from pipeline.journal import clock
from pipeline.journal.outbox import queue_write
from pipeline.journal.records import T_MULAI, T_SELESAI, Transition, transition_from_row
from pipeline.journal.store import JournalStore


class TransitionsMixin(JournalStore):
    def set_refusal(self, agenda_no: str, message: str | None, **details: Any) -> bool:
        """Record (or clear, with None) the refusal shown for a case; logs a new refusal once."""
        with self.transaction() as db:
            row = db.execute("SELECT refusal FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone()
            if row is None or row["refusal"] == message:
                return False
            db.execute("UPDATE cases SET refusal = ?, updated_at = ? WHERE agenda_no = ?",
                       (message, clock.now_iso(), agenda_no))
            if message:
                self._log(db, "status_tidak_diterapkan", agenda_no=agenda_no, input_id=None,
                          details={"pesan": message, **details})
        return True

    def begin_transition(self, agenda_no: str, *, old: str, new: str, from_folder: str, to_folder: str,
                         inputs: dict[str, Any]) -> Transition:
        """Record the intent to apply `new` (before anything is written); one open per case."""
        with self.transaction() as db:
            stamp = clock.now_iso()
            cur = db.execute(
                "INSERT INTO transitions(agenda_no, old_status, new_status, state, from_folder, to_folder, inputs,"
                " requested_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (agenda_no, old, new, T_MULAI, from_folder, to_folder,
                 json.dumps(inputs, ensure_ascii=False, default=str), stamp, stamp),
            )
            self._log(db, "perubahan_status_dimulai", agenda_no=agenda_no, input_id=None,
                      details={"lama": old, "baru": new, "transisi": cur.lastrowid})
        return self.transition(int(cur.lastrowid))

    def transition(self, transition_id: int) -> Transition:
        return transition_from_row(
            self._db.execute("SELECT * FROM transitions WHERE id = ?", (transition_id,)).fetchone())

    def open_transitions(self) -> list[Transition]:
        rows = self._db.execute("SELECT * FROM transitions WHERE state != ? ORDER BY id", (T_SELESAI,)).fetchall()
        return [transition_from_row(r) for r in rows]

    def transition_step(self, transition_id: int, state: str, results: dict[str, Any]) -> Transition:
        with self.transaction() as db:
            db.execute("UPDATE transitions SET state = ?, results = ?, updated_at = ? WHERE id = ?",
                       (state, json.dumps(results, ensure_ascii=False, default=str), clock.now_iso(), transition_id))
        return self.transition(transition_id)

    def commit_transition(self, t: Transition, *, stage: str, message: str, evaluation_json: str | None,
                          event: dict[str, Any], outbox: list[tuple[str, dict[str, Any]]]) -> None:
        """The journal write after the folder move, in one transaction: the case takes its new
        status, folder and message, the event is logged and the agenda writes are queued."""
        with self.transaction() as db:
            stamp = clock.now_iso()
            db.execute(
                "UPDATE cases SET status = ?, stage = ?, folder = ?, status_since = ?, message = ?, refusal = NULL,"
                " evaluation_json = coalesce(?, evaluation_json), updated_at = ? WHERE agenda_no = ?",
                (t.new_status, stage, t.to_folder, stamp, message, evaluation_json, stamp, t.agenda_no),
            )
            db.execute("UPDATE transitions SET state = ?, updated_at = ? WHERE id = ?", (T_SELESAI, stamp, t.id))
            self._log(db, "status_diubah", agenda_no=t.agenda_no, input_id=None, at=stamp,
                      details={"lama": t.old_status, "baru": t.new_status, **event})
            for kind, payload in outbox:
                queue_write(db, kind, t.agenda_no, payload)
