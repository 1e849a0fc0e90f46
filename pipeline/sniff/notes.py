"""Warnings about a file that is read anyway: what a clerk must know before opening the original.

A file can be two things at once (a polyglot: a Windows program or a web page with a script,
then a PDF that readers accept because they look for `%PDF-` in the first kilobyte), carry a
name that promises another kind than its bytes, or be a PDF with JavaScript, embedded files
or launch actions. Such a letter is still registered (and stored under the extension of
what it is); these notes go into `Pesan Sistem` and a warning file in the case folder.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pipeline.core import names as N
from pipeline.core.models import Sniffed
from pipeline.sniff.labels import UNSUPPORTED, extension_mismatch
from pipeline.sniff.magic import PDF_HEADER_WINDOW, identify_unsupported
from pipeline.sniff.pdf_streams import scan_pdf_file

# The extensions a kind may be stored under; the first is given when the name has none of them.
KIND_SUFFIXES = {"pdf": (".pdf",), "png": (".png",), "jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
                 "tiff": (".tif", ".tiff")}


def file_notes(path: str | os.PathLike, sniffed: Sniffed, lim: dict[str, Any]) -> list[str]:
    """Indonesian warnings (each one sentence, no final period) for a file that was read."""
    notes = []
    mismatch = extension_mismatch(sniffed)
    if mismatch:
        notes.append(mismatch[0].upper() + mismatch[1:])
    if sniffed.kind == "pdf":
        notes += _pdf_notes(Path(path), lim)
    return notes


def _pdf_notes(p: Path, lim: dict[str, Any]) -> list[str]:
    notes = []
    with p.open("rb") as fh:
        head = fh.read(PDF_HEADER_WINDOW + 8)
    lead = head[: head.find(b"%PDF-")] if b"%PDF-" in head else b""
    if lead.strip(b" \t\r\n\x00"):
        what = "exe" if lead.startswith(b"MZ") else identify_unsupported(p, lead, b"")
        label = UNSUPPORTED[what].label if what not in ("unknown", "text") else "data lain"
        script = " dengan skrip" if b"<script" in lead.lower() else ""
        notes.append(f"Berkas ini juga berisi {label}{script} di depan isi PDF-nya (berkas poliglot); "
                     "jangan buka berkas aslinya selain sebagai PDF")
    active = scan_pdf_file(p, lim).active
    if active:
        notes.append("PDF ini berisi " + ", ".join(sorted(active)) + "; buka hanya dengan penampil PDF yang "
                     "mematikan JavaScript dan jangan jalankan lampirannya")
    return notes


def stored_name(name: str, kind: str) -> str:
    """`name` with the extension of what the file is: "surat.pdf.exe" -> "surat.pdf", "surat.html" -> "surat.pdf"."""
    suffixes = KIND_SUFFIXES.get(kind)
    stem, ext = N.split_ext(name)
    if suffixes is None or ext.lower() in suffixes:
        return name
    if N.split_ext(stem)[1].lower() in suffixes:  # "surat.pdf" + ".exe": the real name is inside
        return stem
    return N.fit(stem + suffixes[0], N.KEPT_NAME_BYTES)
