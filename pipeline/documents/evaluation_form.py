"""The lembar isian evaluasi of SOP step 3: blank with the letter's pre-check, or completed
with the verifier's answers and the result (the hasil_evaluasi document)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from pipeline.agenda.letter_row import review_labels
from pipeline.core.models import ExtractedLetter
from pipeline.documents import context as part
from pipeline.documents.render import TEMPLATES, TITIK, kotak, render_docx, tanggal_indonesia, teks
from pipeline.policy import evaluation as ev
from pipeline.policy import sop as sop_mod

TEMPLATE = TEMPLATES / "lembar_isian_evaluasi.docx"


def _criteria_rows(cfg: ev.EvaluationConfig, pre: dict, answers: dict | None) -> list[dict]:
    rows = []
    for no, (key, c) in enumerate(cfg.criteria.items(), start=1):
        chosen = c.match(answers.get(key)) if answers else None
        rows.append({
            "no": str(no), "uraian": teks(c.uraian), "bobot": part.angka(c.bobot),
            "pra": teks(pre.get(key)), "jawaban": kotak(c.options, chosen),
            "keterangan": "wajib" if c.wajib else "",
        })
    return rows


def evaluation_context(*, agenda_no: str, letter: ExtractedLetter, office: dict, answers: dict | None = None,
                       result: ev.EvaluationResult | None = None, catatan: str | None = None,
                       tanggal: date | None = None, verifikator: dict | None = None,
                       cfg: ev.EvaluationConfig | None = None, sop: sop_mod.Sop | None = None) -> dict:
    cfg, sop = cfg or ev.load(), sop or sop_mod.load()
    labels = review_labels(letter)
    return {
        **part.letterhead(office),
        **part.case(agenda_no, letter),
        "npwp": teks(part.npwp(letter.npwp) or None), "nib": teks(letter.nib), "nomor_akta": teks(letter.nomor_akta),
        "sk_kemenkumham": teks(letter.sk_kemenkumham),
        "dewan_pers": part.field_shown("status_dewan_pers", letter.status_dewan_pers),
        "pemimpin_redaksi": teks(letter.pemimpin_redaksi), "website": teks(letter.website),
        "kriteria": _criteria_rows(cfg, ev.prefill(letter, cfg), answers),
        "perlu_ditinjau": teks("Perlu diperiksa: " + ", ".join(labels) + ".") if labels else "",
        "hasil": part.result(result),
        "catatan": teks(catatan) if str(catatan or "").strip() else TITIK,  # room to write on a blank form
        "tanggal": tanggal_indonesia(tanggal) if tanggal else TITIK,
        "verifikator": part.signer("Verifikator,", " / ".join(sop.step(3).actors), verifikator),
    }


def write_evaluation_form(path: Path, *, agenda_no: str, letter: ExtractedLetter, office: dict,
                          answers: dict | None = None, result: ev.EvaluationResult | None = None,
                          catatan: str | None = None, tanggal: date | None = None, verifikator: dict | None = None,
                          template: Path | None = None) -> Path:
    """The evaluation form; pass `answers` and `result` for the completed variant."""
    context = evaluation_context(agenda_no=agenda_no, letter=letter, office=office, answers=answers, result=result,
                                 catatan=catatan, tanggal=tanggal, verifikator=verifikator)
    return render_docx(template or TEMPLATE, context, path)
