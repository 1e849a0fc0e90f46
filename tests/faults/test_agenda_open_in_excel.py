"""The agenda held open in Excel, then in LibreOffice, for a stretch each while letters arrive
through a running `kerjasama watch` (a real process), then closed (issue 12, xlsx backend).

Excel on a clerk's PC shows itself on the share only by its owner file `~$agenda.xlsx`
(a length byte, the user name, padding: 165 bytes). LibreOffice on Linux writes
`.~lock.agenda.xlsx#` (`Full name,user,host,date,profile URL;`) and keeps the workbook open
with a POSIX lock: a helper process here does exactly that. While open: letters still get
agenda numbers and case folders, their rows wait in the outbox, nothing writes the workbook,
and the log says why once. After closing: the rows appear once, in order of registration.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from fault_util import SAMPLES, Watcher, finished, init_root, query, registered, wait_until, waiting_rows, write_config

pytestmark = pytest.mark.faults

STRETCH_SECONDS = 12.0  # each application holds the agenda this long (the fault, not a wait)
INTAKE = ("stability_seconds: 0.3\ncheck_interval_seconds: 0.1\nrescan_interval_seconds: 3\n"
          "agenda_retry_seconds: 0.5\nagenda_poll_seconds: 1\npdf_copies: false\n")
LETTERS = sorted(SAMPLES.glob("*.pdf"))
BUSY = "Agenda sedang dibuka di Excel/LibreOffice"
WRITABLE = "Agenda sudah bisa ditulis lagi"

# What LibreOffice does while a document is open: the lock file, and the file itself held open
# with an fcntl write lock, until its stdin closes; then it removes its lock file.
LIBREOFFICE = r"""
import fcntl, os, sys
book, lock, line = sys.argv[1:4]
fd = os.open(book, os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
with open(lock, "w", encoding="utf-8") as f:
    f.write(line)
print("open", flush=True)
sys.stdin.read()
os.remove(lock)
os.close(fd)
"""


def excel_owner_file(user: str) -> bytes:
    """`~$agenda.xlsx` as Excel writes it: length byte, name, spaces to 54, UTF-16 name, padding."""
    name = user.encode("latin-1")
    data = bytes([len(name)]) + name + b" " * (53 - len(name)) + bytes([len(user), 0]) + user.encode("utf-16-le")
    return data + b"\x20\x00" * ((165 - len(data)) // 2) + b"\x00" * ((165 - len(data)) % 2)


def _keys(book: Path) -> list[str]:
    ws = openpyxl.load_workbook(book, read_only=True)["Agenda"]
    return [str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True) if r and r[0]]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hold_open(watcher: Watcher, root: Path, book: Path, arrive: list[Path], seconds: float) -> None:
    """Letters arrive while the agenda is open: numbered, filed, queued; the workbook untouched."""
    before, expected, began = _digest(book), len(registered(root)) + len(arrive), time.monotonic()
    for letter in arrive:
        shutil.copyfile(letter, root / "masuk" / letter.name)
    # Registered means all of it: numbered, filed and the row queued (the input's final state);
    # an agenda number alone comes before the row is queued, and a slow machine shows the gap.
    wait_until("letters registered while the agenda is open", lambda: finished(root) == expected, alive=watcher)
    time.sleep(max(0.0, began + seconds - time.monotonic()))  # the stretch the agenda stays open
    numbers = registered(root)
    assert all(_folder_of(root, no) for no in numbers[-len(arrive):]), "each letter has its case folder"
    assert waiting_rows(root) >= len(arrive), "rows wait in the outbox"
    assert _digest(book) == before, "the workbook was written while open"


def _folder_of(root: Path, no: str) -> bool:
    got = query(root, "SELECT folder FROM cases WHERE agenda_no = ?", no)
    return bool(got) and (root / got[0][0]).is_dir()


def test_agenda_open_in_excel_then_libreoffice_rows_wait_and_come_once_in_order(tmp_path: Path) -> None:
    env = write_config(tmp_path / "config", intake=INTAKE)
    root = tmp_path / "root"
    book = root / "agenda.xlsx"
    init_root(root, env)
    watcher = Watcher(root, env, tmp_path / "watch.log")
    watcher.start()
    office = None
    try:
        shutil.copyfile(LETTERS[0], root / "masuk" / LETTERS[0].name)
        wait_until("the first row", lambda: len(_keys(book)) == 1, alive=watcher)

        excel = root / "~$agenda.xlsx"
        excel.write_bytes(excel_owner_file("Staf TU"))
        _hold_open(watcher, root, book, LETTERS[1:3], STRETCH_SECONDS)
        excel.unlink()  # Excel closes: the owner file goes
        # The rows land, then the watcher says so: stopping it in between would lose the sentence.
        wait_until("rows after Excel closed", lambda: waiting_rows(root) == 0 and len(_keys(book)) == 3
                   and watcher.output().count(WRITABLE) == 1, alive=watcher)

        lock = root / ".~lock.agenda.xlsx#"
        office = subprocess.Popen([sys.executable, "-c", LIBREOFFICE, str(book), str(lock),
                                   f",staf,pc-tu,{time.strftime('%d.%m.%Y %H:%M')},file:///home/staf/.config/"
                                   "libreoffice/4;"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert office.stdout.readline().strip() == "open"
        _hold_open(watcher, root, book, LETTERS[3:5], STRETCH_SECONDS)
        office.stdin.close()  # LibreOffice closes the document
        assert office.wait(timeout=30) == 0
        wait_until("rows after LibreOffice closed", lambda: waiting_rows(root) == 0 and len(_keys(book)) == 5
                   and watcher.output().count(WRITABLE) == 2, alive=watcher)
        assert watcher.stop() == 0
    finally:
        if office is not None and office.poll() is None:
            office.kill()
            office.wait(timeout=30)
        if watcher.alive():
            watcher.kill()

    assert _keys(book) == registered(root), "each letter one row, in order of registration"
    log = watcher.output()
    said = [line for line in log.splitlines() if BUSY in line]
    assert len(said) == 2, f"the reason once per time the agenda was opened, not per retry: {said}"
    assert log.count(WRITABLE) == 2, log[-3000:]


def test_a_libreoffice_lock_from_another_pc_is_obeyed(tmp_path: Path) -> None:
    """`Full name,user,host,date,URL;` with the full name left empty, as a fresh LibreOffice writes it
    (seen from `soffice` 7 on this machine): the user is in the second field."""
    env = write_config(tmp_path / "config", intake=INTAKE)
    root = tmp_path / "root"
    book = root / "agenda.xlsx"
    init_root(root, env)
    (root / ".~lock.agenda.xlsx#").write_text(f",staf,pc-tu,{time.strftime('%d.%m.%Y %H:%M')},"
                                               "file:///home/staf/.config/libreoffice/4;", encoding="utf-8")
    watcher = Watcher(root, env, tmp_path / "watch.log")
    watcher.start()
    try:
        _hold_open(watcher, root, book, LETTERS[:1], STRETCH_SECONDS / 3)
    finally:
        watcher.kill()
