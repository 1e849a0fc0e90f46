"""The log file: ROOT/.kerjasama/log/kerjasama.log, rotated by size, the last N kept.

Everything the commands print goes to the console as before and, line by line, into the log
(stdout as INFO; stderr, "PERINGATAN" and "GALAT" lines as WARNING/ERROR), together with
Python warnings and an error that stops the command. Copying the console instead of adding
a logging call beside every print keeps the two identical by construction. A log that
cannot be written (a read-only share) is said once on stderr and never stops the work.
"""
from __future__ import annotations

import logging
import sys
import threading
from contextlib import contextmanager
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Iterator, TextIO

from pipeline.core.errors import KerjasamaError
from pipeline.core.paths import RootPaths

LOG_DIR = "log"
LOG_FILE = "kerjasama.log"
LOGGER = "kerjasama"
FORMAT = "%(asctime)s %(levelname)-7s [%(process)d] %(message)s"


def log_path(root: Path) -> Path:
    return RootPaths(root).state_dir / LOG_DIR / LOG_FILE


def level_of(line: str, default: int) -> int:
    head = line.lstrip().removeprefix("kerjasama:").lstrip().upper()
    if head.startswith("GALAT"):
        return logging.ERROR
    if head.startswith("PERINGATAN"):
        return logging.WARNING
    return default


class Tee:
    """A text stream that writes through to `stream` and logs every complete line."""

    def __init__(self, stream: TextIO, logger: logging.Logger, level: int) -> None:
        self.stream = stream
        self.logger = logger
        self.level = level
        self._partial = ""
        self._lock = threading.Lock()

    def write(self, text: str) -> int:
        written = self.stream.write(text)
        with self._lock:
            lines = (self._partial + text).split("\n")
            self._partial = lines.pop()
        for line in lines:
            if line.strip():
                self.logger.log(level_of(line, self.level), line.rstrip())
        return written

    def flush(self) -> None:
        self.stream.flush()

    def close_line(self) -> None:
        if self._partial.strip():
            self.logger.log(level_of(self._partial, self.level), self._partial.rstrip())
        self._partial = ""

    def __getattr__(self, name: str):  # encoding, isatty, fileno, ... of the real stream
        return getattr(self.stream, name)


class LogFileHandler(RotatingFileHandler):
    """A line that cannot be written to the log (a full disk) is said once on the console, not as
    a "--- Logging error ---" traceback per line; the console keeps every line meanwhile."""

    said = False

    def handleError(self, record: logging.LogRecord) -> None:
        if not self.said:
            self.said = True
            # The real stderr: the Tee in sys.stderr would log this line, and fail, again.
            sys.__stderr__.write(f"kerjasama: peringatan: berkas log {self.baseFilename} tidak dapat ditulis "
                                 "(disk penuh?); pesan tetap tampil di layar.\n")


def make_handler(root: Path, *, max_bytes: int, keep: int) -> logging.Handler | None:
    path = log_path(root)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = LogFileHandler(path, maxBytes=max_bytes, backupCount=keep, encoding="utf-8")
    except OSError as exc:
        print(f"kerjasama: peringatan: berkas log {path} tidak dapat ditulis ({exc.strerror}); "
              "pesan hanya tampil di layar.", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


@contextmanager
def log_to_file(root: Path, *, max_bytes: int = 5_242_880, keep: int = 10) -> Iterator[logging.Logger]:
    """For the block: console lines, warnings and a stopping error also go to ROOT's log file."""
    logger = logging.getLogger(LOGGER)
    handler = make_handler(root, max_bytes=max_bytes, keep=keep)
    if handler is None:
        yield logger
        return
    logger.setLevel(logging.INFO)
    logger.propagate = False
    logger.addHandler(handler)
    warnings_logger = logging.getLogger("py.warnings")
    warnings_logger.addHandler(handler)
    logging.captureWarnings(True)
    out, err = Tee(sys.stdout, logger, logging.INFO), Tee(sys.stderr, logger, logging.WARNING)
    sys.stdout, sys.stderr = out, err
    try:
        yield logger
    except KerjasamaError as exc:
        logger.error("kerjasama: %s", exc.message)
        raise
    except BaseException as exc:
        if not isinstance(exc, (KeyboardInterrupt, SystemExit)):
            logger.exception("kerjasama: galat tak terduga: %s", exc)
        raise
    finally:
        out.close_line()
        err.close_line()
        if sys.stdout is out:
            sys.stdout = out.stream
        if sys.stderr is err:
            sys.stderr = err.stream
        logging.captureWarnings(False)
        warnings_logger.removeHandler(handler)
        logger.removeHandler(handler)
        handler.close()
