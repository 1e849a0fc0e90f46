"""The outbox: agenda writes waiting to be applied, in order, exactly once."""
from __future__ import annotations

import json
import sqlite3
from typing import Any

from pipeline.journal import clock
from pipeline.journal.records import TERDAFTAR, OutboxItem, outbox_from_row
from pipeline.journal.store import JournalStore


def queue_write(db: sqlite3.Connection, kind: str, agenda_no: str, payload: dict[str, Any]) -> None:
    """Queue one agenda write inside `db`'s open transaction."""
    db.execute(
        "INSERT INTO outbox(created_at, kind, agenda_no, payload) VALUES (?,?,?,?)",
        (clock.now_iso(), kind, agenda_no, json.dumps(payload, ensure_ascii=False)),
    )


class OutboxMixin(JournalStore):
    def finish_registration(self, input_id: int, agenda_no: str, row: dict[str, str]) -> None:
        """Mark the input registered and queue its agenda row, atomically."""
        with self.transaction() as db:
            already = db.execute(
                "SELECT 1 FROM outbox WHERE agenda_no = ? AND kind = 'tambah_baris'", (agenda_no,)
            ).fetchone()
            if not already:
                queue_write(db, "tambah_baris", agenda_no, row)
            stamp = clock.now_iso()
            db.execute("UPDATE inputs SET state = ?, updated_at = ? WHERE id = ?", (TERDAFTAR, stamp, input_id))
            # The case enters its first status now: step 2's due time counts from here.
            db.execute("UPDATE cases SET status_since = ? WHERE agenda_no = ?", (stamp, agenda_no))
            self._log(db, "terdaftar", agenda_no=agenda_no, input_id=input_id, details={}, at=stamp)

    def enqueue(self, kind: str, agenda_no: str, payload: dict[str, Any]) -> None:
        with self.transaction() as db:
            queue_write(db, kind, agenda_no, payload)

    def written_row(self, agenda_no: str) -> dict[str, Any]:
        """The agenda row as the pipeline last wrote it: its applied writes, merged in order."""
        row: dict[str, Any] = {}
        for r in self._db.execute(
            "SELECT kind, payload FROM outbox WHERE agenda_no = ? AND state = 'selesai' AND kind IN ('tambah_baris', 'ubah_baris') ORDER BY id",
            (agenda_no,),
        ):
            row.update({k: v for k, v in json.loads(r["payload"]).items() if not k.startswith("_")})
        return row

    def has_pending_outbox(self, agenda_no: str) -> bool:
        return self._db.execute(
            "SELECT 1 FROM outbox WHERE agenda_no = ? AND state = 'menunggu' LIMIT 1", (agenda_no,)
        ).fetchone() is not None

    def pending_outbox(self) -> list[OutboxItem]:
        rows = self._db.execute("SELECT * FROM outbox WHERE state = 'menunggu' ORDER BY id").fetchall()
        return [outbox_from_row(r) for r in rows]

    def outbox_done(self, ids: list[int]) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE outbox SET state = 'selesai', done_at = ?, attempts = attempts + 1 WHERE id = ?",
                [(clock.now_iso(), i) for i in ids],
            )
            for i in ids:
                agenda_no = db.execute("SELECT agenda_no FROM outbox WHERE id = ?", (i,)).fetchone()["agenda_no"]
                self._log(db, "agenda_ditulis", agenda_no=agenda_no, input_id=None, details={"outbox": i})

    def outbox_failed(self, ids: list[int], error: str) -> None:
        with self.transaction() as db:
            db.executemany(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?", [(error, i) for i in ids]
            )
