"""The agenda as a local Excel workbook (ROOT/agenda.xlsx), shared with people.

People open this file in Excel or LibreOffice, sort it, insert rows and add their own
columns, so everything here finds rows by `No. Agenda` and columns by header text.

Every value is written as formula-safe text (see `sheet_ops`); formulas officials typed
keep their results through the pipeline's saves (see `cached_values`).

Writes are atomic (`fileops.replace_atomic`): the workbook is saved to a temp file in
the same folder, fsynced, then renamed over the old one, so a crash leaves the old
agenda intact.
"""
from __future__ import annotations

import io
import os
import zipfile
import zlib
from contextlib import nullcontext
from pathlib import Path
from typing import Callable

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from pipeline.agenda import cells
from pipeline.agenda.base import KEY, AgendaBusy, AgendaLayout, AgendaWrite, layout
from pipeline.agenda.evaluation_cells import evaluation_sheet_layout
from pipeline.agenda.xlsx import queued_writes as Q
from pipeline.agenda.xlsx import riwayat
from pipeline.agenda.xlsx.cached_values import keep_cached_values
from pipeline.agenda.xlsx.print_layout import apply_sheet_layout, format_new_columns, place_row
from pipeline.agenda.xlsx.lock_files import LockFile, lock_files
from pipeline.agenda.xlsx.sheet_ops import (
    ensure_dropdown, find_header, freeze_below, key_index, last_used_row, rows_by_key, write_text,
)
from pipeline.core.errors import KerjasamaError
from pipeline.core.fileops import locked, replace_atomic
from pipeline.core.paths import AGENDA_XLSX, RootPaths


class XlsxAgenda:
    def __init__(self, path: Path, lay: AgendaLayout | None = None, *, lock_path: Path | None = None) -> None:
        self.path = Path(path)
        self.layout = lay or layout()
        # A short lock around read-modify-save, so `kerjasama mark` (a person's edit) and the
        # worker never interleave and lose one another's cells.
        self.lock_path = lock_path
        # Who saved the workbook last before the pipeline did (Excel's last-modified-by), for
        # the history of status changes; and how the pipeline's own saves sign the file.
        self.editor: str | None = None
        self.signs_as = PIPELINE_EDITOR

    @classmethod
    def from_config(cls, root: Path, cfg: dict) -> "XlsxAgenda":
        """The workbook `config/agenda.yaml` names inside ROOT (see `registry`)."""
        rel = str((cfg.get("xlsx") or {}).get("path", AGENDA_XLSX))
        return cls(Path(root) / rel, layout(cfg), lock_path=RootPaths(root).agenda_lock)

    # --- the Agenda protocol -------------------------------------------------------

    def describe(self) -> str:
        return f"agenda.xlsx lokal: {self.path}"

    def ensure(self) -> None:
        if not self.path.exists():
            self._raise_if_locked()
            self._save(self._new_workbook())
            return
        wb = self._load()
        if self._ensure_structure(wb):  # only write when something was missing
            self._raise_if_locked()
            self._save(wb)

    def read_rows(self) -> dict[str, dict[str, str]]:
        if not self.path.exists():
            return {}
        # data_only: a formula a person typed (e.g. in Nilai Kerja Sama) reads as its value.
        wb = self._load(data_only=True)
        if self.layout.sheet not in wb.sheetnames:
            return {}
        ws = wb[self.layout.sheet]
        header_row, headers = find_header(ws)
        if header_row is None:
            return {}
        return rows_by_key(ws, header_row, headers)

    def read_workbook(self) -> Workbook | None:
        """The whole workbook as last saved (values, not formulas), e.g. for the Evaluasi sheet."""
        return self._load(data_only=True) if self.path.exists() else None

    def read_evaluation(self) -> dict[str, dict[str, str]]:
        wb = self.read_workbook()
        sheet = evaluation_sheet_layout().sheet
        if wb is None or sheet not in wb.sheetnames:
            return {}
        header_row, headers = find_header(wb[sheet])
        return rows_by_key(wb[sheet], header_row, headers) if header_row else {}

    def apply(self, writes: list[AgendaWrite]) -> None:
        """See the Agenda protocol: decided on the saved workbook, written in one atomic save."""
        if not writes:
            return
        self.ensure()
        present = self.read_rows()
        rows = [r for r in (Q.row_of(w, present) for w in writes) if r]
        ops = [w for w in writes if w.kind in Q.SHEET_OPS or (w.kind == "ubah" and w.status_if is not None
                                                              and w.agenda_no in present)]
        if ops:  # these need the workbook as loaded under the save lock
            self.upsert_rows(rows, also=lambda wb: [Q.SHEET_OPS.get(w.kind, Q.status_if_unchanged)(self, wb, w)
                                                    for w in ops])
        elif rows:
            self.upsert_rows(rows)

    def append_history(self, rows: list[dict[str, str]]) -> None:
        """Append rows to the Riwayat sheet (those already there are skipped); see `xlsx.riwayat`."""
        self.upsert_rows([], also=lambda wb: riwayat.append(wb, rows))

    def upsert_rows(self, rows: list[dict[str, str]], *, also: Callable[[Workbook], None] | None = None) -> None:
        """See the Agenda protocol; `also(wb)` edits other sheets in the same atomic save."""
        if not rows and also is None:
            return
        self._raise_if_locked()
        self._check_rows(rows)
        # Held for one save (a second at most); where a share cannot lock, the worker lock still holds.
        with locked(self.lock_path) if self.lock_path is not None else nullcontext():
            wb = self._load() if self.path.exists() else self._new_workbook()
            self._ensure_structure(wb)
            self._upsert_into(wb, rows)
            if also is not None:
                also(wb)
            self._save(wb)

    def _upsert_into(self, wb: Workbook, rows: list[dict[str, str]]) -> None:
        ws = wb[self.layout.sheet]
        header_row, headers = find_header(ws)
        index = key_index(ws, header_row, headers[KEY])
        next_row = last_used_row(ws) + 1
        for row in rows:
            key = cells.clean(row[KEY])
            target = index.get(key)
            if target is None:  # a new letter: append below everything people wrote
                target = index[key] = next_row
                next_row += 1
            place_row(ws, header_row, target, headers, row, self.layout)

    # --- structure -----------------------------------------------------------------

    def _new_workbook(self) -> Workbook:
        wb = Workbook()
        ws = wb.active
        ws.title = self.layout.sheet
        self._ensure_structure(wb)
        self._format_new_columns(ws)
        return wb

    def _ensure_structure(self, wb: Workbook) -> bool:
        """Add whatever is missing (sheet, headers, dropdown, frozen header); True if changed."""
        changed = False
        if self.layout.sheet not in wb.sheetnames:
            wb.create_sheet(self.layout.sheet)
            changed = True
        ws = wb[self.layout.sheet]
        header_row, headers = find_header(ws)
        if header_row is None:
            if last_used_row(ws) > 0:
                raise KerjasamaError(
                    f"Lembar '{self.layout.sheet}' di {self.path} tidak memiliki kolom '{KEY}' "
                    "pada baris judul; periksa atau ganti nama lembar tersebut.",
                    code="agenda_bad_header",
                )
            header_row, headers = 1, {}
        changed |= self._add_missing_headers(ws, header_row, headers)
        changed |= freeze_below(ws, header_row)
        if "Status" in headers:
            changed |= ensure_dropdown(ws, header_row, headers["Status"], self.layout.statuses,
                                       errorTitle="Status tidak dikenal", error="Pilih salah satu status dari daftar.",
                                       promptTitle="Status", prompt="Pilih status berikutnya sesuai SOP 7.1.",
                                       showInputMessage=True)
        changed |= apply_sheet_layout(ws, header_row, headers, self.layout)
        return changed

    def _add_missing_headers(self, ws: Worksheet, header_row: int, headers: dict[str, int]) -> bool:
        changed = False
        next_col = max(headers.values(), default=0) + 1
        for name in self.layout.columns:
            if name not in headers:
                headers[name] = next_col
                next_col += 1
                changed = True
            cell = ws.cell(header_row, headers[name])
            if cell.value != name or not cell.font.b:
                write_text(cell, name)
                cell.font = Font(bold=True)
                changed = True
        return changed

    def _format_new_columns(self, ws: Worksheet) -> None:
        # Only on a workbook we create: column ranges in files saved by people's
        # spreadsheet programs may span several columns, and adding single-column
        # entries over them would produce overlapping <col> records Excel rejects.
        for idx, name in enumerate(self.layout.columns, start=1):
            dim = ws.column_dimensions[get_column_letter(idx)]
            dim.width = self.layout.column_widths.get(name, 16)
            if name in self.layout.text_columns:
                dim.number_format = "@"  # so people typing a NPWP by hand keep its zeros
        format_new_columns(ws, self.layout)

    # --- checks ----------------------------------------------------------------------

    def lock_files(self) -> list[Path]:
        """Believable lock files Excel (`~$name`) and LibreOffice (`.~lock.name#`) left beside the file."""
        return [lock.path for lock in lock_files(self.path) if lock.stale_reason is None]

    def stale_locks(self) -> list[LockFile]:
        """Lock files that are not believed (empty, ownerless, too old): for `kerjasama doctor`."""
        return [lock for lock in lock_files(self.path) if lock.stale_reason is not None]

    def _raise_if_locked(self) -> None:
        found = self.lock_files()
        if found:
            raise AgendaBusy(
                f"Agenda sedang dibuka di Excel/LibreOffice ({found[0].name}); "
                "perubahan disimpan dan akan ditulis setelah berkas ditutup."
            )

    def _check_rows(self, rows: list[dict[str, str]]) -> None:
        # Validate everything before touching the file, so a bad row writes nothing.
        known = set(self.layout.columns)
        for row in rows:
            if not cells.clean(row.get(KEY, "")):
                raise ValueError(f"baris agenda tanpa '{KEY}': {row!r}")
            unknown = set(row) - known
            if unknown:
                raise ValueError(f"kolom agenda tidak dikenal: {sorted(unknown)}")

    # --- file I/O --------------------------------------------------------------------

    def _load(self, *, data_only: bool = False) -> Workbook:
        try:
            wb = openpyxl.load_workbook(self.path, data_only=data_only)
            self.editor = editor_of(wb) or self.editor
            return wb
        # Zip and XML damage surface as these; SyntaxError is the XML parsers' ParseError (a sheet
        # cut short by a half-finished copy over the network), zlib.error a member cut short.
        except (OSError, KeyError, ValueError, SyntaxError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
            detail = " ".join(str(exc).split())[:200]
            raise KerjasamaError(
                f"Agenda {self.path} tidak dapat dibaca sebagai berkas Excel (rusak atau belum selesai disalin: "
                f"{detail}); berkas tidak diubah. Tunggu salinannya selesai atau pulihkan dari cadangan, lalu ulangi.",
                code="agenda_unreadable",
            ) from exc

    def _save(self, wb: Workbook) -> None:
        def check_unlocked(tmp: Path) -> None:
            _copy_mode(self.path, tmp)
            # The file may have been opened while we were writing: do not replace it then.
            self._raise_if_locked()

        def replace(tmp: Path, path: Path) -> None:
            try:
                os.replace(tmp, path)
            except PermissionError as exc:  # Windows: the file is open in Excel
                raise AgendaBusy(f"Agenda sedang dibuka di program lain: {exc}") from exc

        # The file as it is now (what was read) gives back the officials' formula results.
        replace_atomic(self.path, lambda tmp: _write_workbook(wb, tmp, self.signs_as, self.path),
                       before_replace=check_unlocked, replace=replace)


# --- file helpers (kept separate so tests can simulate a crash mid-write) ---------------


PIPELINE_EDITOR = "kerjasama (sistem)"  # how the pipeline signs its own saves of the workbook


def editor_of(wb: Workbook) -> str | None:
    """Who saved the workbook last, as Excel and LibreOffice record it; None when it was the
    pipeline itself or nobody is recorded."""
    who = " ".join(str(wb.properties.lastModifiedBy or "").split())
    return who if who and who != PIPELINE_EDITOR else None


def _write_workbook(wb: Workbook, tmp: Path, signs_as: str = PIPELINE_EDITOR, before: Path | None = None) -> None:
    """Save `wb` to `tmp`, with the formula results `before` (the file it replaces) held."""
    wb.properties.lastModifiedBy = signs_as
    buffer = io.BytesIO()
    wb.save(buffer)
    package = buffer.getvalue()
    if before is not None and before.exists():
        package = keep_cached_values(before, package)
    with open(tmp, "wb") as fh:
        fh.write(package)
        fh.flush()
        os.fsync(fh.fileno())


def _copy_mode(original: Path, tmp: Path) -> None:
    # Keep whatever permissions the office gave the shared agenda; a new file keeps the
    # umask mode it was created with.
    if original.exists():
        os.chmod(tmp, original.stat().st_mode & 0o7777)
