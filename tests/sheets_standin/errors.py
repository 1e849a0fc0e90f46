"""Google's JSON error envelope, and the exact messages the real API answers with.

Messages are copied from real Google responses (recordings, issue threads) so code that
logs or matches on them behaves as it would against sheets.googleapis.com.
"""
from __future__ import annotations


class ApiError(Exception):
    """Raised anywhere in the stand-in; the server turns it into the error envelope."""

    def __init__(self, code: int, message: str, status: str, details: list | None = None,
                 errors: list | None = None):
        super().__init__(message)
        self.code, self.message, self.status = code, message, status
        self.details, self.errors = details, errors

    def body(self) -> dict:
        err = {"code": self.code, "message": self.message}
        if self.errors is not None:          # Drive v3 still sends the legacy "errors" list
            err["errors"] = self.errors
        err["status"] = self.status
        if self.details:
            err["details"] = self.details
        return {"error": err}


def invalid(message: str, field: str | None = None) -> ApiError:
    details = None
    if field is not None:   # Google adds a BadRequest detail for payload errors
        details = [{"@type": "type.googleapis.com/google.rpc.BadRequest",
                    "fieldViolations": [{"field": field, "description": message}]}]
    return ApiError(400, message, "INVALID_ARGUMENT", details)


def not_found() -> ApiError:
    return ApiError(404, "Requested entity was not found.", "NOT_FOUND")


def permission_denied() -> ApiError:
    return ApiError(403, "The caller does not have permission", "PERMISSION_DENIED")


def missing_credentials() -> ApiError:
    # What sheets.googleapis.com answers when no Authorization header is sent at all:
    # the Sheets API also accepts API keys, so it asks for one (403, not 401).
    return ApiError(403, "The request is missing a valid API key.", "PERMISSION_DENIED")


def unauthenticated(reason: str = "ACCESS_TOKEN_TYPE_UNSUPPORTED") -> ApiError:
    return ApiError(
        401,
        "Request had invalid authentication credentials. Expected OAuth 2 access token, "
        "login cookie or other valid authentication credential. See "
        "https://developers.google.com/identity/sign-in/web/devconsole-project.",
        "UNAUTHENTICATED",
        [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": reason,
          "domain": "googleapis.com",
          "metadata": {"service": "sheets.googleapis.com"}}])


def protected_cell() -> ApiError:
    # Google answers a write into a protected range with 400 INVALID_ARGUMENT (not 403).
    return ApiError(400, "You are trying to edit a protected cell or object. Please contact the "
                         "spreadsheet owner to remove protection if you need to edit.",
                    "INVALID_ARGUMENT")


def unimplemented(what: str) -> ApiError:
    # For real Google features this stand-in does not model: fail loudly, never pretend.
    return ApiError(501, f"Sheets stand-in does not implement {what}", "UNIMPLEMENTED")


STATUS_FOR_CODE = {400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED",
                   404: "NOT_FOUND", 408: "DEADLINE_EXCEEDED", 409: "ABORTED",
                   429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 502: "UNAVAILABLE",
                   503: "UNAVAILABLE", 504: "DEADLINE_EXCEEDED"}

MESSAGE_FOR_CODE = {
    429: "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute "
         "per user' of service 'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
    500: "Internal error encountered.",
    502: "The service is currently unavailable.",
    503: "The service is currently unavailable.",
    504: "The service is currently unavailable.",
}


def for_status(code: int) -> ApiError:
    """A Google-shaped error for an injected fault of HTTP status `code`."""
    details = None
    if code == 429:
        details = [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                    "reason": "RATE_LIMIT_EXCEEDED", "domain": "googleapis.com",
                    "metadata": {"service": "sheets.googleapis.com",
                                 "quota_metric": "sheets.googleapis.com/write_requests",
                                 "quota_limit": "WriteRequestsPerMinutePerUser",
                                 "quota_limit_value": "60",
                                 "consumer": "projects/000000000000"}}]
    return ApiError(code, MESSAGE_FOR_CODE.get(code, "Error"),
                    STATUS_FOR_CODE.get(code, "UNKNOWN"), details)


QUOTA_METRICS = {"read": ("Read requests", "read_requests", "ReadRequestsPerMinutePerUser"),
                 "write": ("Write requests", "write_requests", "WriteRequestsPerMinutePerUser")}


def quota_exceeded(kind: str, limit: int) -> ApiError:
    """Google's 429 when a user's per-minute read or write quota is used up."""
    metric, metric_id, limit_name = QUOTA_METRICS[kind]
    return ApiError(
        429,
        f"Quota exceeded for quota metric '{metric}' and limit '{metric} per minute per user' of service "
        "'sheets.googleapis.com' for consumer 'project_number:000000000000'.",
        "RESOURCE_EXHAUSTED",
        [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "RATE_LIMIT_EXCEEDED",
          "domain": "googleapis.com",
          "metadata": {"service": "sheets.googleapis.com", "quota_metric": f"sheets.googleapis.com/{metric_id}",
                       "quota_limit": limit_name, "quota_limit_value": str(limit),
                       "consumer": "projects/000000000000", "quota_location": "global"}},
         {"@type": "type.googleapis.com/google.rpc.Help",
          "links": [{"description": "Request a higher quota limit.",
                     "url": "https://cloud.google.com/docs/quotas/help/request_increase"}]}])


class ProtectedEdit(ApiError):
    """A simulated person's edit refused by a protected range: the browser shows this
    message and keeps the sheet as it was."""

    def __init__(self) -> None:
        e = protected_cell()
        super().__init__(e.code, e.message, e.status)
