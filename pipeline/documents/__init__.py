"""The .docx documents of SOP 7.1, rendered from Word templates staff may edit.

  disposition       lembar disposisi: blank at registration (step 1), filled in once given (step 2)
  evaluation_form   lembar isian evaluasi (step 3): blank, or completed with the result
  rejection         berita acara penolakan (status Ditolak)
  contract          perjanjian kerja sama (status Diproses); refuses incomplete input
  pdf               a PDF copy beside a .docx, when LibreOffice is installed
  render, context   the shared rendering rules and context pieces; rupiah: amounts in words

This package is the entry point the workflow uses (`from pipeline import documents as docs`):
it re-exports the writers of the step documents and DOCUMENT_FILES.
"""
from pipeline.documents.context import angka
from pipeline.documents.contract import ContractInputError, contract_context, end_date, months, write_contract
from pipeline.documents.disposition import write_disposition_sheet
from pipeline.documents.evaluation_form import write_evaluation_form
from pipeline.documents.pdf import pdf_copy
from pipeline.documents.rejection import write_rejection_record
from pipeline.documents.render import tanggal_indonesia as tanggal
from pipeline.documents.render import waktu_terima as waktu

# The document keys of config/sop.yaml (statuses[].documents) -> file name in the case folder.
DOCUMENT_FILES = {
    "lembar_disposisi": "lembar-disposisi.docx",  # write_disposition_sheet (blank at registration, then filled)
    "lembar_isian_evaluasi": "lembar_isian_evaluasi.docx",  # write_evaluation_form, blank
    "hasil_evaluasi": "hasil_evaluasi.docx",  # write_evaluation_form with answers and result
    "berita_acara_penolakan": "berita_acara_penolakan.docx",  # write_rejection_record
    "perjanjian_kerja_sama": "perjanjian_kerja_sama.docx",  # write_contract
}

__all__ = [
    "DOCUMENT_FILES", "ContractInputError", "angka", "contract_context", "end_date", "months", "pdf_copy",
    "write_contract",
    "tanggal", "waktu", "write_disposition_sheet", "write_evaluation_form", "write_rejection_record",
]
