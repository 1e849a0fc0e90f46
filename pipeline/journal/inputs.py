"""Inputs: one row per file taken from the inbox, and the state its registration has reached."""
from __future__ import annotations

from typing import Any

from pipeline.core.names import shown
from pipeline.journal import clock
from pipeline.journal.records import BARU, FINAL_STATES, MELAMPIRKAN, TERLAMPIR, InputRecord, input_from_row
from pipeline.journal.store import JournalStore

NOT_FINAL = ",".join("?" for _ in FINAL_STATES)  # placeholders for `state NOT IN (...)`


class InputsMixin(JournalStore):
    def add_input(self, *, sha256: str, original_name: str, size: int, source_path: str, received_at: str) -> InputRecord:
        original_name = shown(original_name)  # bytes that are not UTF-8 would make SQLite raise
        with self.transaction() as db:
            cur = db.execute(
                "INSERT INTO inputs(sha256, original_name, size, source_path, state, received_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?)",
                (sha256, original_name, size, source_path, BARU, received_at, clock.now_iso()),
            )
            input_id = int(cur.lastrowid)
            self._log(db, "berkas_diterima", agenda_no=None, input_id=input_id,
                      details={"nama": original_name, "sha256": sha256, "ukuran": size, "lokasi": source_path})
        return self.input(input_id)

    def input(self, input_id: int) -> InputRecord:
        row = self._db.execute("SELECT * FROM inputs WHERE id = ?", (input_id,)).fetchone()
        if row is None:
            raise KeyError(input_id)
        return input_from_row(row)

    def unfinished_input(self, sha256: str, source_path: str) -> InputRecord | None:
        """An input of these bytes at this path whose registration did not finish."""
        row = self._db.execute(
            f"SELECT * FROM inputs WHERE sha256 = ? AND source_path = ? AND state NOT IN ({NOT_FINAL})"
            " ORDER BY id LIMIT 1",
            (sha256, source_path, *FINAL_STATES),
        ).fetchone()
        return input_from_row(row) if row else None

    def unfinished_inputs(self) -> list[InputRecord]:
        rows = self._db.execute(
            f"SELECT * FROM inputs WHERE state NOT IN ({NOT_FINAL}) ORDER BY id", FINAL_STATES
        ).fetchall()
        return [input_from_row(r) for r in rows]

    def inputs(self) -> list[InputRecord]:
        return [input_from_row(r) for r in self._db.execute("SELECT * FROM inputs ORDER BY id").fetchall()]

    def set_state(self, input_id: int, state: str, *, event: str | None = None, agenda_no: str | None = None,
                  target_path: str | None = None, reason: str | None = None, **details: Any) -> InputRecord:
        """Move an input to `state` (and log `event`) in one transaction."""
        with self.transaction() as db:
            sets, args = ["state = ?", "updated_at = ?"], [state, clock.now_iso()]
            if target_path is not None:
                sets, args = sets + ["target_path = ?"], args + [target_path]
            if reason is not None:
                sets, args = sets + ["reason = ?"], args + [reason]
            db.execute(f"UPDATE inputs SET {', '.join(sets)} WHERE id = ?", (*args, input_id))
            if event:
                self._log(db, event, agenda_no=agenda_no, input_id=input_id, details=details)
        return self.input(input_id)

    def begin_attach(self, input_id: int, agenda_no: str, target_path: str, **details: Any) -> InputRecord:
        """A rescan recognised: the input now belongs to case `agenda_no` and goes to `target_path`."""
        with self.transaction() as db:
            db.execute("UPDATE inputs SET state = ?, agenda_no = ?, target_path = ?, updated_at = ? WHERE id = ?",
                       (MELAMPIRKAN, agenda_no, target_path, clock.now_iso(), input_id))
            self._log(db, "pindaian_ulang_dikenali", agenda_no=agenda_no, input_id=input_id,
                      details={"ke": target_path, **details})
        return self.input(input_id)

    def attached_scans(self, agenda_no: str) -> list[InputRecord]:
        """The rescans attached to a case (state terlampir), oldest first."""
        rows = self._db.execute("SELECT * FROM inputs WHERE agenda_no = ? AND state = ? ORDER BY id",
                                (agenda_no, TERLAMPIR)).fetchall()
        return [input_from_row(r) for r in rows]

    def count_attempt(self, input_id: int, delta: int = 1) -> int:
        """Count one more try at reading this input (before trying: a crash still counts)."""
        with self.transaction() as db:
            db.execute("UPDATE inputs SET attempts = max(0, attempts + ?), updated_at = ? WHERE id = ?",
                       (delta, clock.now_iso(), input_id))
        return self.input(input_id).attempts
