"""Which failed Sheets requests may be sent again at once, and which failures are passing ones.

A request that timed out or failed with 5xx may still have been applied by Google (the answer
was lost, not the request). Sending it again is right only when twice does what once does.
"""
from __future__ import annotations

import requests

# Safe to repeat: reads, and values:batchUpdate (cells at explicit positions; the outbox's
# registration rows are placed that way for this reason, see `agenda`).
_REPEATABLE_POSTS = ("/values:batchUpdate", "/values:batchGet", "/values:batchGetByDataFilter")


def idempotent(method: str, url: str) -> bool:
    """Whether sending this request twice does what sending it once does.

    values:append would add its rows twice, and a spreadsheets:batchUpdate (addSheet,
    protected ranges) would fail on its own first half or double it: those give up instead,
    and the caller's next cycle reads first and sends only what is still missing.
    """
    if method.upper() in ("GET", "HEAD", "PUT"):
        return True
    return url.split("?", 1)[0].endswith(_REPEATABLE_POSTS)


def never_sent(exc: BaseException) -> bool:
    """The connection was never made (refused, connect timeout): Google cannot have applied it."""
    from urllib3.exceptions import NewConnectionError

    if isinstance(exc, requests.ConnectTimeout):
        return True
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:  # requests wraps urllib3's MaxRetryError(reason=...)
        seen.add(id(cur))
        if isinstance(cur, NewConnectionError) or isinstance(getattr(cur, "reason", None), NewConnectionError):
            return True
        inner = cur.args[0] if cur.args and isinstance(cur.args[0], BaseException) else None
        cur = inner or cur.__cause__ or cur.__context__
    return False


def transient(exc: BaseException) -> bool:
    """A failure that may pass by itself (network, timeouts, a token request Google failed to answer)."""
    import google.auth.exceptions as gae

    if isinstance(exc, (requests.ConnectionError, requests.Timeout)):
        return True
    # A token request that could not reach Google, or that Google failed to answer (not a refused key).
    return isinstance(exc, gae.TransportError) or (isinstance(exc, gae.RefreshError)
                                                    and bool(getattr(exc, "retryable", False)))
