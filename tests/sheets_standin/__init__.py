"""A local stand-in of the Google Sheets API v4 (plus the Drive v3 calls gspread makes).

    with SheetsStandIn() as api:
        key = api.service_account_key(tmp_path, email="bot@proj.iam.gserviceaccount.com")
        sid = api.create_spreadsheet("Agenda", sheets=("Agenda",))
        api.share(sid, "bot@proj.iam.gserviceaccount.com", role="writer")
        gc = gspread.service_account(filename=key); redirect_session(gc, api.base_url)

Real gspread talks HTTP to it; tests inspect and manipulate the sheets through this object.
Where Google's real behaviour differs from a natural guess, the stand-in follows Google:
a write into a protected range is 400 INVALID_ARGUMENT ("You are trying to edit a protected
cell or object..."), a request without any Authorization header is 403 ("The request is
missing a valid API key."), an invalid/expired token is 401 UNAUTHENTICATED, a request body
with a field Google's message does not have is 400 ("Invalid JSON payload received. Unknown
name ...", `schema.py`), requests past a user's per-minute read or write quota are 429
RESOURCE_EXHAUSTED (`api.quota.set(read=, write=)`; generous by default), and a simulated
official (`person_edits(..., user=...)`) cannot change a range protected against them.
`reset_faults()` clears injected faults, outages and quotas (fixtures call it after a test).
`stop()` then `start()` is Google unreachable and back: meanwhile connections are refused, then
the same spreadsheets answer on the same address.
Not modelled: formula evaluation (except HYPERLINK and literals; others show "#ERROR!"),
locales other than en_US, times/partial dates typed as USER_ENTERED, validation enforcement,
request kinds outside batch_update._HANDLERS (501 UNIMPLEMENTED, never silently ignored).
"""
from __future__ import annotations

import copy
import random
import threading
import time

from . import a1
from .auth import Auth
from .cells import cell_data, formatted
from .errors import ApiError, ProtectedEdit
from .faults import Fault, Faults
from .model import Spreadsheet, new_id
from .person import apply_grid, grid_for, person_check, protected_against
from .quota import DEFAULT_PER_MINUTE, Quota
from .redirect import RedirectAdapter, redirect_session
from .server import Request, start

__all__ = ["SheetsStandIn", "Request", "Fault", "ApiError", "ProtectedEdit", "redirect_session", "RedirectAdapter"]

DEFAULT_OWNER = "owner@kerjasama.example"


class SheetsStandIn:
    def __init__(self, hold_seconds: float = 3.0, clock=time.monotonic,
                 read_quota: int = DEFAULT_PER_MINUTE, write_quota: int = DEFAULT_PER_MINUTE):
        self.hold_seconds = hold_seconds   # cap on how long a timeout fault holds a response
        self.clock = clock                 # replaceable: token expiry and outages follow it
        self._offset = 0.0
        self._lock = threading.RLock()
        self._books: dict[str, Spreadsheet] = {}
        self._before_write: list = []
        self._outage_until: float | None = None
        self._outage_status: int | None = None
        self._stopping = threading.Event()
        self._last_user = None
        self._server = self._thread = None
        self._port = 0                     # kept across stop()/start(): a restart keeps the address
        self.auth = Auth(self.now)
        self.faults = Faults()
        self.quota = Quota(self.now, read=read_quota, write=write_quota)   # per user and minute
        self.requests: list[Request] = []   # every Sheets/Drive request (token calls excluded)

    # -- lifecycle ---------------------------------------------------------------------
    def start(self) -> "SheetsStandIn":
        """Serve (again): after stop(), on the same port and with the same spreadsheets, as
        Google coming back after the network was down (meanwhile connections are refused)."""
        if self._server is not None:
            return self
        self._stopping.clear()
        self._server, self._thread = start(self, self._port)
        self._port = self._server.server_address[1]
        return self

    @property
    def running(self) -> bool:
        return self._server is not None

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.drop_all()
        self._server.server_close()
        self._thread.join(timeout=5)
        self._server = None

    def __enter__(self) -> "SheetsStandIn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """Also while stopped (the address it had and gets back on start())."""
        if self._server is None:
            return f"http://127.0.0.1:{self._port}"
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        return f"{self.base_url}/token"

    def now(self) -> float:
        return self.clock() + self._offset

    def advance(self, seconds: float) -> None:
        """Move the stand-in's clock forward (outages end, tokens expire) without sleeping."""
        self._offset += seconds

    # -- accounts ----------------------------------------------------------------------
    def service_account_key(self, directory, email: str = "kerjasama@proj.iam.gserviceaccount.com"):
        """Write a real service-account JSON key (fresh RSA key) whose token_uri is this stand-in."""
        return self.auth.service_account_key(directory, email, self.token_uri)

    def issue_token(self, email: str) -> str:
        """A bearer token for `email` without the JWT dance (for raw-HTTP tests)."""
        return self.auth.issue(email)

    def expire_tokens(self) -> None:
        """All issued tokens expire now: the next call gets 401 ACCESS_TOKEN_EXPIRED."""
        self.auth.expire_all()

    # -- spreadsheets ------------------------------------------------------------------
    def create_spreadsheet(self, title: str = "Untitled spreadsheet", sheets=("Sheet1",),
                           owner: str = DEFAULT_OWNER, rows: int = 1000, cols: int = 26,
                           locale: str = "en_US") -> str:
        with self._lock:
            ss = Spreadsheet(new_id(), title, owner, locale=locale)
            for name in sheets:
                ss.add_sheet(name, rows, cols)
            self._books[ss.id] = ss
            return ss.id

    def share(self, sid: str, email: str, role: str = "writer") -> None:
        if role not in ("reader", "writer", "owner"):
            raise ValueError(role)
        with self._lock:
            self._books[sid].permissions[email] = role

    def unshare(self, sid: str, email: str) -> None:
        with self._lock:
            self._books[sid].permissions.pop(email, None)

    def spreadsheet(self, sid: str) -> Spreadsheet:
        """The current model object. Multi-part writes swap in a new object, so look it up
        again after requests rather than keeping it."""
        return self._books[sid]

    def _sheet(self, sid: str, title: str):
        sh = self._books[sid].by_title(title)
        if sh is None:
            raise KeyError(f"no sheet {title!r} in {sid}")
        return sh

    def values(self, sid: str, sheet: str) -> list[list[str]]:
        """The formatted grid a person sees: up to the last row/column with data, padded with ""."""
        with self._lock:
            sh = self._sheet(sid, sheet)
            nr, nc = sh.data_extent()
            return [[formatted(sh.get(r, c)) for c in range(nc)] for r in range(nr)]

    def cell(self, sid: str, sheet: str, a1_ref: str) -> dict:
        """CellData of one cell: userEnteredValue, effectiveValue, formattedValue, formats."""
        with self._lock:
            sh = self._sheet(sid, sheet)
            rng = a1.parse(a1_ref, [sh.title])
            return copy.deepcopy(cell_data(sh.get(rng.r0, rng.c0)))

    def sheet(self, sid: str, sheet: str) -> dict:
        """Metadata a test asserts on: properties (frozen rows...), protected ranges with their
        editors, and data validations / formats as A1 runs ({"range": "B2:B1000", ...})."""
        with self._lock:
            ss = self._books[sid]
            sh = self._sheet(sid, sheet)
            prs = ss.protected_for(sh, ss.owner)
            for p in prs:
                r0, c0, r1, c1 = a1.from_grid_range(p["range"])
                p["a1"] = a1.fmt(sh.title, *a1.Rng(sh.title, r0, c0, r1, c1).clamp(sh.row_count, sh.col_count))
            return {"properties": sh.properties(),
                    "frozenRowCount": sh.frozen_rows, "frozenColumnCount": sh.frozen_cols,
                    "rowCount": sh.row_count, "columnCount": sh.col_count,
                    "protectedRanges": prs,
                    "dataValidations": [{"range": r, "rule": v} for r, v in _runs(sh, "dataValidation")],
                    "formats": [{"range": r, "format": v} for r, v in _runs(sh, "userEnteredFormat")],
                    "dimensionProperties": {f"{d}:{i}": p for (d, i), p in sh.dimension_props.items()}}

    def protect(self, sid: str, sheet: str, a1_range: str | None = None, editors=(),
                description: str | None = None, warning_only: bool = False, unprotected=()) -> int:
        """Protect a range as the owner would in the browser; returns protectedRangeId."""
        with self._lock:
            ss = self._books[sid]
            sh = self._sheet(sid, sheet)

            def grid(text):
                rng = a1.parse(text, [sh.title]) if text else a1.Rng(sh.title)
                return {"sheetId": sh.sheet_id, "startRowIndex": rng.r0, "endRowIndex": rng.r1,
                        "startColumnIndex": rng.c0, "endColumnIndex": rng.c1}
            pid = random.randrange(1, 2**31 - 1)
            pr = {"protectedRangeId": pid,
                  "range": {k: v for k, v in grid(a1_range).items() if v is not None}}
            if description:
                pr["description"] = description
            if warning_only:
                pr["warningOnly"] = True
            else:
                pr["editors"] = {"users": [ss.owner] + [e for e in editors if e != ss.owner]}
            if unprotected:
                pr["unprotectedRanges"] = [{k: v for k, v in grid(u).items() if v is not None}
                                           for u in unprotected]
            ss.protected.append(pr)
            return pid

    def person_edits(self, sid: str, sheet: str, fn, user: str | None = None) -> None:
        """A person edits right now: fn(grid) mutates the shown grid (list of rows of str):
        sort rows, insert/delete rows, change cells. Moved cells keep value and format;
        new text is parsed as typed in the browser (USER_ENTERED).

        `user` is the person's account (default: the owner, who may edit everything). An edit
        that changes a cell of a range protected against `user` is refused as Sheets refuses
        it: nothing changes and `ProtectedEdit` carries Google's message."""
        with self._lock:
            ss = self._books[sid]
            sh = self._sheet(sid, sheet)
            grid = grid_for(sh)
            fn(grid)
            apply_grid(sh, grid, check=person_check(ss, sh, user))
            ss.touch()

    def person_inserts_rows(self, sid: str, sheet: str, row: int, count: int = 1, values=None,
                            user: str | None = None) -> None:
        """A person inserts `count` empty rows above 1-based `row` (right-click > insert):
        cells, protected ranges and formats below move down; `values` are then typed in.
        Rows inserted inside a range protected against `user` are refused (`ProtectedEdit`)."""
        with self._lock:
            ss = self._books[sid]
            sh = self._sheet(sid, sheet)
            who = user or ss.owner
            if protected_against(ss, sh, who, row - 1):
                raise ProtectedEdit()
            check = person_check(ss, sh, user)
            before = copy.deepcopy(ss)
            sh.insert("ROWS", row - 1, count)
            ss.shift_protected(sh.sheet_id, "ROWS", row - 1, count)
            if values:
                def type_in(grid):
                    while len(grid) < row - 1 + len(values):
                        grid.append([])
                    for i, vals in enumerate(values):
                        grid[row - 1 + i][:len(vals)] = list(vals)
                grid = grid_for(sh)
                type_in(grid)
                try:
                    apply_grid(sh, grid, check=check)
                except ProtectedEdit:
                    self._replace(before)         # the whole edit is refused, the rows too
                    raise
            ss.touch()

    def person_deletes_rows(self, sid: str, sheet: str, row: int, count: int = 1,
                            user: str | None = None) -> None:
        """A person deletes `count` rows from 1-based `row`: everything below moves up.
        Rows holding cells protected against `user` are refused (`ProtectedEdit`)."""
        with self._lock:
            ss = self._books[sid]
            sh = self._sheet(sid, sheet)
            person_check(ss, sh, user)([(r, c) for r in range(row - 1, row - 1 + count)
                                              for c in range(sh.col_count)])
            sh.delete("ROWS", row - 1, row - 1 + count)
            ss.shift_protected(sh.sheet_id, "ROWS", row - 1, -count)
            ss.touch()

    def before_next_write(self, fn) -> None:
        """Run fn(api) once, just before the next write request is applied."""
        with self._lock:
            self._before_write.append(fn)

    def _run_before_write(self) -> None:
        with self._lock:
            fn = self._before_write.pop(0) if self._before_write else None
        if fn is not None:
            fn(self)

    # -- failures ----------------------------------------------------------------------
    def outage(self, seconds_or_bool=True, status: int | None = None) -> None:
        """All requests fail until cleared (outage(False)) or until `seconds` have passed on
        the stand-in's clock (see advance()). status=None resets connections; else e.g. 503."""
        with self._lock:
            if seconds_or_bool is False or seconds_or_bool is None:
                self._outage_until = None
            elif seconds_or_bool is True:
                self._outage_until = float("inf")
            else:
                self._outage_until = self.now() + float(seconds_or_bool)
            self._outage_status = status

    def reset_faults(self) -> None:
        """No injected fault, outage, pending write hook, and generous quotas again: fixtures
        call this after each test, so a failed test never leaves a 503 for the next one."""
        with self._lock:
            self.faults.clear()
            self._outage_until = self._outage_status = None
            self._before_write.clear()
            self.quota.reset()

    def _outage_fault(self) -> Fault | None:
        until = self._outage_until
        if until is None or self.now() >= until:
            return None
        st = self._outage_status
        return Fault(status=st, down=st is None)

    # -- internals used by the server --------------------------------------------------
    def _log(self, entry: Request) -> None:
        with self._lock:
            self.requests.append(entry)

    def _replace(self, ss: Spreadsheet) -> None:
        self._books[ss.id] = ss

    def _drop(self, sid: str) -> None:
        self._books.pop(sid, None)

    def requests_to(self, contains: str = "", method: str | None = None) -> list[Request]:
        """Logged requests whose path contains `contains` (and of `method`, if given)."""
        with self._lock:
            return [r for r in self.requests
                    if contains in r.path and (method is None or r.method == method.upper())]


def _runs(sh, key: str) -> list[tuple[str, dict]]:
    """Per-cell attributes compressed into vertical A1 runs of equal value."""
    out = []
    width = max((len(r) for r in sh.rows), default=0)
    for c in range(width):
        start, cur = None, None
        for r in range(len(sh.rows) + 1):
            v = (sh.get(r, c) or {}).get(key) if r < len(sh.rows) else None
            if v != cur:
                if cur:
                    out.append((a1.fmt(sh.title, start, c, r, c + 1).split("!", 1)[1], cur))
                start, cur = r, v
    return out
