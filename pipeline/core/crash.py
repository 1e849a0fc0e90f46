"""Fault injection: the one seam through which the tests kill or hang a real process.

Production code only calls `crash_point("<point>")`; with `KERJASAMA_CRASH_AT` unset (always,
outside the tests) that is a no-op. The variable is read once per process, on first use:

    KERJASAMA_CRASH_AT=<entry>[,<entry>...]
    <entry> = <point>                    die there, as `kill -9` would (`os._exit(137)`)
            | <point>:hang[:<glob>]      sleep there for good (a time limit must end it);
                                         with a glob, only while handling a file whose name
                                         matches it (shell-style, case-sensitive)

The points, in the order a letter meets them:

registration (SOP step 1, `pipeline.register`)
    after_hash          the input is hashed and recorded in the journal
    during_read         reading has started (journal: membaca), the reader child not yet
    in_reader           inside the sandboxed reader child (`pipeline.read.isolated`), with
                        the file name as subject: `in_reader:hang:<glob>` makes one file
                        exceed the reading time limit
    during_ocr          OCR of a scan has started (`pipeline.read.ocr`), its temporary
                        folder made: a hang here leaves files only a killed reader's
                        parent can clean up
    after_read          the reading is stashed, no agenda number yet
    after_allocate      agenda number and case allocated
    after_files         the case folder and its files are written
    before_move         the original's place in the case folder is chosen
    mid_move            cross-filesystem move: copy verified, source not yet removed
                        (`pipeline.core.fileops`; also on the way to karantina/, where a
                        link or pipe is made anew: `pipeline.register.quarantine`)
    after_move          the original is in the case folder
    after_agenda_write  the agenda holds the rows, the outbox not yet marked done
    before_quarantine   the quarantine target is chosen (and journaled), nothing moved yet;
                        also for what is not a regular file (`pipeline.register.quarantine`)
    before_reason       the item is in karantina/, its reason file not yet written
    after_reason        the reason file is written, the journal not yet told
    before_attach       a rescan's case and its name there are chosen (melampirkan),
                        nothing moved yet (`pipeline.register.states`)
    after_attach_move   the rescan is in the case folder; Pesan Sistem not yet recorded
status changes (SOP steps 2-7, `pipeline.steps`)
    after_transition_begin, after_step_documents
    during_case_copy    folder moved across filesystems (`pipeline.core.foldermove.move_dir`;
                        also a folder on its way to karantina/): the first file is copied
                        into the hidden copy, the rest not yet
    mid_case_move       the verified copy is renamed into place, the source not yet removed
    during_case_remove  the source's first file is removed, the rest not yet
    after_case_move
notifications (`pipeline.notify.notifier`)
    before_mail_send    a message is marked `mengirim`, not yet handed to the server
    after_mail_send     the server accepted it, not yet marked `terkirim`
"""
from __future__ import annotations

import os
import sys
import time
from fnmatch import fnmatchcase
from functools import lru_cache

CRASH_ENV = "KERJASAMA_CRASH_AT"
EXIT_CODE = 137  # what a shell reports for a process killed by SIGKILL


@lru_cache(maxsize=1)
def wanted() -> dict[str, tuple[str, str | None]]:
    """point -> (mode, glob or None), parsed from the environment once per process."""
    points: dict[str, tuple[str, str | None]] = {}
    for entry in os.environ.get(CRASH_ENV, "").split(","):
        name, _, rest = entry.strip().partition(":")
        mode, _, glob = rest.partition(":")
        if name:
            points[name] = (mode or "exit", glob or None)
    return points


def crash_point(point: str, subject: str | None = None) -> None:
    """Die (or hang) here when the tests asked for this point; otherwise do nothing.

    `subject` is the name of the file being handled, matched against an entry's glob.
    """
    mode, glob = wanted().get(point, (None, None))
    if mode is None or (glob is not None and (subject is None or not fnmatchcase(subject, glob))):
        return
    sys.stdout.flush()
    if mode == "hang":
        while True:
            time.sleep(60)
    os._exit(EXIT_CODE)
