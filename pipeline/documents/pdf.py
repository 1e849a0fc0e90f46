"""A PDF copy beside a .docx, when LibreOffice is installed (`pipeline.tools.libreoffice`)."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline.core.errors import ToolMissing
from pipeline.core.fileops import replace_atomic
from pipeline.tools import libreoffice

PDF_TIMEOUT = libreoffice.PDF_TIMEOUT


def pdf_copy(docx: Path, *, timeout: float = PDF_TIMEOUT) -> Path | None:
    """A .pdf beside `docx`; None when LibreOffice is not installed (the .docx is the document).

    Raises KerjasamaError when LibreOffice is there but fails or exceeds `timeout`.
    """
    docx = Path(docx)
    with tempfile.TemporaryDirectory(prefix="kerjasama-pdf-") as work:
        # Made in a scratch folder and put beside the .docx only when complete.
        try:
            made = libreoffice.to_pdf(docx, Path(work), timeout=timeout)
        except ToolMissing:
            return None
        return replace_atomic(docx.with_suffix(".pdf"), lambda tmp: shutil.copyfile(made, tmp))
