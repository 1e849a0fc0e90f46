"""Reading a letter in a child process, with a hard time limit.

Parsing and rendering untrusted files runs C code (PDFium, pdfminer's parser, image
decoders, Tesseract) that a hostile or broken file can hang or crash. The child does
the reading; the parent only waits, so a file that exceeds its time or kills its
reader is refused with a message instead of freezing or crashing the watcher. The child's
address space is capped too (`reader_memory_mb`, config/limits.yaml), so a file that makes
a decoder allocate without end fails in the child, never starves the machine.

The child also notes what the clerk must be warned about (`sniff.notes`: polyglots, a
name that lies, PDF JavaScript or embedded files); `read_letter_checked` returns them.

Each child gets its own scratch folder as its temporary directory, made and removed by the
parent: a child killed at the time limit cannot run its own clean-up, and would otherwise leave
its page images and OCR files in the system's temp folder, a few MB per killed reading.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import shutil
import tempfile
import time
import traceback
from pathlib import Path

from pipeline.core import settings as config
from pipeline.core.crash import crash_point
from pipeline.core.errors import InputRejected, KerjasamaError
from pipeline.read.reading import CheckedReading, LetterReading
from pipeline.sniff.limits import resolve_limits
from pipeline.sniff.notes import file_notes

try:
    import resource
except ImportError:  # Windows: no address-space limit; the time limit still holds
    resource = None  # type: ignore[assignment]


# Modules the forkserver imports once, so each reader child starts warm. The PDF libraries
# are imported lazily by the reader (start-up of the CLI), so they are named here too:
# otherwise every child pays ~0.2 s to import them.
# The reader children's process name: a stopping watcher ends its read-aheads by it.
READER_NAME = "kerjasama-pembaca"
PRELOAD = ["pipeline.read.letter", "pdfplumber", "pypdfium2"]
SCRATCH_PREFIX = "kerjasama-baca-"
# A scratch folder this old belongs to no living reader (a reading is limited to minutes):
# it was left by a parent that was itself killed, and is removed by the next one.
STALE_SCRATCH_SECONDS = 24 * 3600
_swept = False


def read_letter_isolated(path: str | os.PathLike, *, want_pdf: bool = False, timeout: float, context: str = "forkserver") -> LetterReading:
    """`letter.read_letter` in a child process; InputRejected on timeout or crash.

    `context` "fork" is cheapest for a single-threaded caller (the extract command);
    a process with threads (the watcher) must use "forkserver".
    """
    return read_letter_checked(path, want_pdf=want_pdf, timeout=timeout, context=context).reading


def read_letter_checked(path: str | os.PathLike, *, want_pdf: bool = False, timeout: float,
                        context: str = "forkserver") -> CheckedReading:
    """`read_letter_isolated`, with the warnings about the file (see the module docstring)."""
    ctx = mp.get_context(context)
    if context == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    else:
        import pipeline.read.letter  # noqa: F401 — a forked child starts with it loaded
    memory_mb = config.settings("limits").reader_memory_mb
    _sweep_stale_scratch()
    scratch = tempfile.mkdtemp(prefix=SCRATCH_PREFIX)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(str(path), want_pdf, sender, memory_mb, scratch), daemon=True,
                        name=READER_NAME)
    try:
        child.start()
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
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
        shutil.rmtree(scratch, ignore_errors=True)
    if kind == "ok":
        return payload
    if kind == "error":
        raise payload
    raise RuntimeError(payload)  # a bug in our own code: keep its traceback text


def _child(path: str, want_pdf: bool, sender, memory_mb: int, scratch: str) -> None:
    # Everything the reading writes goes under the parent's scratch folder, programs it starts too.
    tempfile.tempdir = scratch
    os.environ["TMPDIR"] = os.environ["TEMP"] = os.environ["TMP"] = scratch
    crash_point("in_reader", Path(path).name)  # the tests make one file outlast the time limit
    try:
        _limit_memory(memory_mb)
        # Only here: the parent receives readings and never needs the OCR libraries.
        from pipeline.read.letter import read_letter
        reading = read_letter(Path(path), want_pdf=want_pdf)
        result = ("ok", CheckedReading(reading, file_notes(path, reading.sniffed, resolve_limits(None))))
    except KerjasamaError as exc:
        result = ("error", exc)
    except MemoryError:
        result = ("error", InputRejected(
            f"Membaca berkas ini memerlukan memori melebihi batas {memory_mb} MB; berkas mungkin rusak atau "
            "berbahaya (mis. bom dekompresi).", code="reader_memory"))
    except BaseException:  # noqa: BLE001 — reported to the parent, which decides
        result = ("bug", traceback.format_exc())
    try:
        sender.send(result)
    finally:
        sender.close()


def _sweep_stale_scratch() -> None:
    """Once per process: remove the scratch folders of readers whose parent was killed."""
    global _swept
    if _swept:
        return
    _swept = True
    cutoff = time.time() - STALE_SCRATCH_SECONDS
    try:
        candidates = list(Path(tempfile.gettempdir()).glob(SCRATCH_PREFIX + "*"))
    except OSError:
        return
    for folder in candidates:
        try:
            if folder.is_dir() and not folder.is_symlink() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def _limit_memory(memory_mb: int) -> None:
    """Cap this (child) process's address space; programs it starts (Tesseract) inherit the cap."""
    if resource is None or memory_mb <= 0:
        return
    limit = memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
