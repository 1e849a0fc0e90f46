"""Point a gspread client (or any requests Session) at the stand-in instead of Google."""
from __future__ import annotations

from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

GOOGLE_HOSTS = ("https://sheets.googleapis.com/", "https://www.googleapis.com/",
                "https://oauth2.googleapis.com/")


class RedirectAdapter(HTTPAdapter):
    """Rewrites https://<google host>/path?query to <base_url>/path?query before sending."""

    def __init__(self, base_url: str, **kw):
        super().__init__(**kw)
        self.base_url = base_url.rstrip("/")

    def send(self, request, **kw):
        parts = urlsplit(request.url)
        request.url = self.base_url + parts.path + (f"?{parts.query}" if parts.query else "")
        return super().send(request, **kw)


def redirect_session(client, base_url: str):
    """Mount the adapter for Google's API hosts on the session of `client`: a gspread Client,
    its HTTPClient, or a requests.Session. Returns the session."""
    session = getattr(getattr(client, "http_client", client), "session", client)
    adapter = RedirectAdapter(base_url)
    for prefix in GOOGLE_HOSTS:
        session.mount(prefix, adapter)
    return session
