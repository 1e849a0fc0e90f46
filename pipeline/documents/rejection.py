"""The berita acara penolakan: the record of a case set to Ditolak, with its evaluation and
the officials' notes."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.core.models import ExtractedLetter
from pipeline.documents import context as part
from pipeline.documents.render import HARI, KOSONG, TEMPLATES, TITIK, render_docx, tanggal_indonesia, teks
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod

TEMPLATE = TEMPLATES / "berita_acara_penolakan.docx"
# Shown when the case was rejected before (or without) a completed evaluation.
NO_RESULT = {"skor": KOSONG, "maks": KOSONG, "kelas": KOSONG, "kelas_uraian": KOSONG,
             "kesimpulan": "TIDAK MEMENUHI", "alasan": [KOSONG]}


def rejection_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, result: ev.EvaluationResult | None,
                      catatan: str | list[str] | None = None, tanggal: date | None = None, nomor: str | None = None,
                      pembuat: dict | None = None, mengetahui: dict | None = None,
                      sop: sop_mod.Sop | None = None) -> dict:
    sop = sop or sop_mod.load()
    tanggal = tanggal or date.today()
    return {
        **part.letterhead(office),
        **part.case(agenda_no, letter),
        "nomor": teks(nomor or TITIK),
        "hari": HARI[tanggal.weekday()],
        "tanggal": tanggal_indonesia(tanggal),
        "hasil": part.result(result) or dict(NO_RESULT),
        "catatan": part.notes(catatan),
        "pembuat": part.signer("Yang membuat,", " / ".join(sop.step(3).actors), pembuat),
        "mengetahui": part.signer("Mengetahui,", " / ".join(sop.step(5).actors), mengetahui),
    }


def write_rejection_record(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict,
                           result: ev.EvaluationResult | None, catatan: str | list[str] | None = None,
                           tanggal: date | None = None, nomor: str | None = None, pembuat: dict | None = None,
                           mengetahui: dict | None = None, template: Path | None = None) -> Path:
    """The rejection record of a case set to Ditolak (with its evaluation and the officials' notes)."""
    context = rejection_context(agenda_no=agenda_no, letter=letter, office=office, result=result, catatan=catatan,
                                tanggal=tanggal, nomor=nomor, pembuat=pembuat, mengetahui=mengetahui)
    return render_docx(template or TEMPLATE, context, path)
