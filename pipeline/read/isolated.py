"""Reading a letter in a child process, with a hard time limit.

Parsing and rendering untrusted files runs C code (PDFium, pdfminer's parser, image
decoders, Tesseract) that a hostile or broken file can hang or crash. The child does
the reading; the parent only waits, so a file that exceeds its time or kills its
reader is refused with a message instead of freezing or crashing the watcher.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import traceback
from pathlib import Path

from pipeline.core.crash import crash_point
from pipeline.core.errors import InputRejected, KerjasamaError
from pipeline.read.letter import LetterReading, read_letter

# Modules the forkserver imports once, so each reader child starts warm. The PDF libraries
# are imported lazily by the reader (start-up of the CLI), so they are named here too:
# otherwise every child pays ~0.2 s to import them.
PRELOAD = ["pipeline.read.letter", "pdfplumber", "pypdfium2"]


def read_letter_isolated(path: str | os.PathLike, *, want_pdf: bool = False, timeout: float, context: str = "forkserver") -> LetterReading:
    """`letter.read_letter` in a child process; InputRejected on timeout or crash.

    `context` "fork" is cheapest for a single-threaded caller (the extract command);
    a process with threads (the watcher) must use "forkserver".
    """
    ctx = mp.get_context(context)
    if context == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(str(path), want_pdf, sender), daemon=True)
    child.start()
    sender.close()  # the parent keeps only the reading end, so a dead child means EOF
    try:
        if not receiver.poll(timeout):
            raise InputRejected(
                f"Pembacaan berkas melebihi batas waktu {timeout:g} detik; berkas mungkin rusak atau terlalu rumit.",
                code="read_timeout",
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise InputRejected(
                f"Pembaca berkas berhenti mendadak (kode {child.exitcode}); berkas mungkin rusak atau berbahaya.",
                code="reader_crashed",
            ) from None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "ok":
        return payload
    if kind == "error":
        raise payload
    raise RuntimeError(payload)  # a bug in our own code: keep its traceback text


def _child(path: str, want_pdf: bool, sender) -> None:
    crash_point("in_reader", Path(path).name)  # the tests make one file outlast the time limit
    try:
        result = ("ok", read_letter(Path(path), want_pdf=want_pdf))
    except KerjasamaError as exc:
        result = ("error", exc)
    except BaseException:  # noqa: BLE001 — reported to the parent, which decides
        result = ("bug", traceback.format_exc())
    try:
        sender.send(result)
    finally:
        sender.close()
