"""Cases: one row per registered letter (agenda number, folder, status, company)."""
from __future__ import annotations

from typing import Any, Callable

from pipeline.journal import clock
from pipeline.journal.outbox import queue_write
from pipeline.journal.records import (BERNOMOR, HILANG, MELAMPIRKAN, TERLAMPIR, CaseRecord, case_from_row,
                                      input_from_row)
from pipeline.journal.serials import AGENDA, next_serial
from pipeline.journal.store import JournalStore


class CasesMixin(JournalStore):
    def allocate_case(
        self,
        input_id: int,
        *,
        year: int,
        number_pattern: str,
        folder_for: Callable[[str], str],
        stage: str,
        status: str,
        company: str | None,
        nomor_surat: str | None,
        dup_key: str | None,
        message_for: Callable[[str | None], str],
        letter_json: str,
    ) -> CaseRecord:
        """Give the input the next agenda number of `year` and create its case (idempotent).

        `folder_for(agenda_no)` names the case folder (relative to ROOT);
        `message_for(earlier_agenda_no)` gives the Pesan Sistem, told about an earlier
        case with the same dup_key (a re-scan of the same letter), if any.
        """
        existing = self.case_for_input(input_id)
        if existing is not None:
            return existing
        with self.transaction() as db:
            serial = next_serial(db, AGENDA, year)
            agenda_no = number_pattern.format(serial=serial, year=year)
            earlier = None
            if dup_key:
                hit = db.execute(
                    "SELECT agenda_no FROM cases WHERE dup_key = ? ORDER BY year, serial LIMIT 1", (dup_key,)
                ).fetchone()
                earlier = hit["agenda_no"] if hit else None
            inp = input_from_row(db.execute("SELECT * FROM inputs WHERE id = ?", (input_id,)).fetchone())
            stamp = clock.now_iso()
            db.execute(
                "INSERT INTO cases(agenda_no, year, serial, input_id, sha256, folder, stage, status, company,"
                " nomor_surat, dup_key, message, letter_json, received_at, created_at, updated_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (agenda_no, year, serial, input_id, inp.sha256, folder_for(agenda_no), stage, status, company,
                 nomor_surat, dup_key, message_for(earlier), letter_json, inp.received_at, stamp, stamp),
            )
            db.execute(
                "UPDATE inputs SET state = ?, agenda_no = ?, updated_at = ? WHERE id = ?",
                (BERNOMOR, agenda_no, stamp, input_id),
            )
            self._log(db, "nomor_agenda_diberikan", agenda_no=agenda_no, input_id=input_id,
                      details={"perusahaan": company, "nomor_surat": nomor_surat, "duplikat_dari": earlier})
        return self.case(agenda_no)

    def case(self, agenda_no: str) -> CaseRecord:
        row = self._db.execute("SELECT * FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone()
        if row is None:
            raise KeyError(agenda_no)
        return case_from_row(row)

    def case_for_input(self, input_id: int) -> CaseRecord | None:
        row = self._db.execute("SELECT * FROM cases WHERE input_id = ?", (input_id,)).fetchone()
        return case_from_row(row) if row else None

    def holder_of(self, sha256: str, *, besides: int) -> str | None:
        """The agenda number of the case that holds exactly these bytes already: as its letter
        (not one whose file was lost) or as an attached rescan; input `besides` not counted."""
        row = self._db.execute(
            "SELECT agenda_no FROM ("
            " SELECT 0 AS kind, cases.year AS y, cases.serial AS n, cases.agenda_no FROM cases"
            " JOIN inputs ON inputs.id = cases.input_id WHERE cases.sha256 = ? AND inputs.state != ? AND inputs.id != ?"
            " UNION ALL SELECT 1, 0, id, agenda_no FROM inputs"
            " WHERE sha256 = ? AND state IN (?, ?) AND id != ? AND agenda_no IS NOT NULL"
            ") ORDER BY kind, y, n LIMIT 1",
            (sha256, HILANG, besides, sha256, MELAMPIRKAN, TERLAMPIR, besides),
        ).fetchone()
        return row[0] if row else None

    def live_cases(self) -> list[CaseRecord]:
        """Cases with a letter: not a number handed to a file taken away mid-registration."""
        rows = self._db.execute(
            "SELECT cases.* FROM cases JOIN inputs ON inputs.id = cases.input_id WHERE inputs.state != ?"
            " ORDER BY cases.year, cases.serial", (HILANG,),
        ).fetchall()
        return [case_from_row(r) for r in rows]

    def finish_attach(self, input_id: int, agenda_no: str, sentence: str,
                      row_for: Callable[[str, str | None], dict[str, Any]], **details: Any) -> bool:
        """A rescan is in its case folder: in one transaction the input becomes `terlampir`, the
        case's Pesan Sistem gets `sentence`, its agenda cells `row_for(message, refusal)` are
        queued and the event is logged. Idempotent: False (nothing done) once it was done."""
        with self.transaction() as db:
            inp = db.execute("SELECT state FROM inputs WHERE id = ?", (input_id,)).fetchone()
            if inp is None or inp["state"] != MELAMPIRKAN:
                return False
            case = case_from_row(db.execute("SELECT * FROM cases WHERE agenda_no = ?", (agenda_no,)).fetchone())
            message = " ".join(p for p in (case.message, sentence) if p)
            stamp = clock.now_iso()
            db.execute("UPDATE cases SET message = ?, updated_at = ? WHERE agenda_no = ?", (message, stamp, agenda_no))
            db.execute("UPDATE inputs SET state = ?, updated_at = ? WHERE id = ?", (TERLAMPIR, stamp, input_id))
            queue_write(db, "ubah_baris", agenda_no, row_for(message, case.refusal))
            self._log(db, "pindaian_ulang_dilampirkan", agenda_no=agenda_no, input_id=input_id, details=details,
                      at=stamp)
        return True

    def cases(self) -> list[CaseRecord]:
        return [case_from_row(r) for r in self._db.execute("SELECT * FROM cases ORDER BY year, serial").fetchall()]
