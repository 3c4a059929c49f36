"""The dashboard token: Bearer header for the API, a signed cookie for the pages."""

from __future__ import annotations

import hashlib
import hmac

from aiohttp import web

COOKIE_NAME = "climabot_dashboard"
COOKIE_MAX_AGE_S = 12 * 3600  # a school day
_SESSION_MESSAGE = b"climabot-dashboard-session-v1"


def same_secret(given: str, expected: str) -> bool:
    """Constant-time comparison; an empty expected token never matches."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def bearer_token(request: web.Request) -> str:
    """The token of an `Authorization: Bearer <token>` header, or ""."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def session_value(token: str) -> str:
    """The cookie value proving the token was given: an HMAC, never the token itself."""
    return hmac.new(token.encode("utf-8"), _SESSION_MESSAGE, hashlib.sha256).hexdigest()


def has_session(request: web.Request, token: str) -> bool:
    return same_secret(request.cookies.get(COOKIE_NAME, ""), session_value(token))


def is_authorized(request: web.Request, token: str, *, cookie: bool = False) -> bool:
    """The Bearer token matches, or (when `cookie`) the dashboard cookie does."""
    if same_secret(bearer_token(request), token):
        return True
    return cookie and has_session(request, token)


def open_session(response: web.StreamResponse, token: str, *, secure: bool) -> None:
    response.set_cookie(
        COOKIE_NAME,
        session_value(token),
        max_age=COOKIE_MAX_AGE_S,
        httponly=True,
        samesite="Strict",
        secure=secure,
        path="/",
    )


def close_session(response: web.StreamResponse) -> None:
    response.del_cookie(COOKIE_NAME, path="/")
