"""HTTP plumbing: a ThreadingHTTPServer on 127.0.0.1 that logs, injects faults, dispatches."""
from __future__ import annotations

import json
import select
import socket
import struct
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from . import errors, routes
from .auth import TokenError


@dataclass
class Request:
    method: str
    path: str                 # percent-decoded, e.g. /v4/spreadsheets/ID/values/'Agenda'!A1:append
    query: dict
    body: dict | None
    status: int | None        # None: the connection was dropped without an answer
    user: str | None = None
    fault: str | None = None  # which injected fault hit it, if any
    at: float = field(default_factory=time.monotonic)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, api, port: int = 0):
        self.api = api
        self.open_sockets: set = set()
        self.sock_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request_thread(self, request, client_address):
        with self.sock_lock:
            self.open_sockets.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self.sock_lock:
                self.open_sockets.discard(request)

    def handle_error(self, request, client_address):
        # A client that timed out, or stop() cutting a connection mid-request, is not a stand-in bug.
        if isinstance(sys.exc_info()[1], OSError):
            return
        super().handle_error(request, client_address)

    def drop_all(self) -> None:
        """Unblock keep-alive handler threads so stopping never waits on idle clients."""
        with self.sock_lock:
            socks = list(self.open_sockets)
        for s in socks:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class _Dropped(Exception):
    """Finish this exchange without an HTTP answer."""


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"   # keep-alive, as requests' pooled sessions expect
    timeout = 10                    # idle keep-alive connections end by themselves

    def log_message(self, *args):   # quiet test output
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self):
        self._serve()

    do_PUT = do_POST = do_DELETE = do_PATCH = do_GET

    # -- one exchange ------------------------------------------------------------------
    def _serve(self) -> None:
        api = self.server.api
        split = urlsplit(self.path)
        raw_path = split.path
        query = {k: (v if len(v) > 1 or k == "ranges" else v[0])
                 for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        if raw_path == "/token" and self.command == "POST":
            return self._token(api, raw)
        body, bad_json = None, None
        if raw:
            try:
                body = json.loads(raw)
            except ValueError:
                bad_json = errors.invalid(f"Invalid JSON payload received. Unexpected token.\n{raw[:40]!r}")
        entry = Request(self.command, unquote(raw_path), query, body, None)
        api._log(entry)
        try:
            status, out = self._answer(api, entry, raw_path, query, body, bad_json)
        except _Dropped:
            self.close_connection = True
            return
        entry.status = status
        self._send(status, out)

    def _answer(self, api, entry, raw_path, query, body, bad_json):
        fault = api._outage_fault() or api.faults.take(self.command, entry.path)
        if fault is not None:
            entry.fault = "down" if fault.down else ("timeout" if fault.timeout else str(fault.status))
            if fault.down:
                self._reset()
            if not fault.apply:
                if fault.timeout:
                    self._hold(api.hold_seconds)
                return fault.status, errors.for_status(fault.status).body()
        try:
            if bad_json is not None:
                raise bad_json
            if routes.is_write(self.command, raw_path):
                api._run_before_write()   # outside the lock: the hook may itself call the API
            with api._lock:
                api._last_user = None
                try:
                    status, out = routes.dispatch(api, self.command, raw_path, query, body, self.headers)
                finally:
                    entry.user = api._last_user   # also for refused requests
        except errors.ApiError as e:
            status, out = e.code, e.body()
        if fault is not None:          # apply=True: the write happened, the answer is lost/failed
            if fault.timeout:
                self._hold(api.hold_seconds)
            return fault.status, errors.for_status(fault.status).body()
        return status, out

    def _token(self, api, raw: bytes) -> None:
        form = {k: v[0] for k, v in parse_qs(raw.decode(), keep_blank_values=True).items()}
        try:
            self._send(200, api.auth.exchange(form, api.token_uri))
        except TokenError as e:
            self._send(400, e.body)

    def _send(self, status: int, out) -> None:
        data = b"" if out is None else json.dumps(out, ensure_ascii=False, indent=2).encode()
        self.send_response(status)
        if out is not None:
            self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        # Headers and body in one send: separate small writes meet delayed ACKs (~40 ms each).
        self._headers_buffer.append(b"\r\n" + data)
        self.flush_headers()

    def _hold(self, seconds: float) -> None:
        """Answer nothing until the client gives up (closes) or `seconds` pass; then drop."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self.server.api._stopping.is_set():
            ready, _, _ = select.select([self.connection], [], [], 0.05)
            if ready:
                try:
                    if self.connection.recv(1, socket.MSG_PEEK) == b"":
                        break          # the client timed out and closed its end
                except OSError:
                    break
        raise _Dropped()

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0): the client sees 'connection reset'."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        raise _Dropped()


def start(api, port: int = 0) -> tuple[_Server, threading.Thread]:
    """Serve on `port` (0: any free one; a restart passes the port it had, so clients find it again)."""
    srv = _Server(api, port)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              name="sheets-standin", daemon=True)
    thread.start()
    return srv, thread
