"""Web server settings, from the command line and the environment."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent
DEFAULT_PORT = 8000
DEFAULT_SOCKET_URL = "http://localhost:5005"
TOKEN_ENV = "DASHBOARD_TOKEN"
SOCKET_URL_ENV = "CLIMABOT_SOCKET_URL"


@dataclass(frozen=True)
class Settings:
    """What the pages and the API need; the database URL is read by logic.storage."""

    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    socket_url: str = DEFAULT_SOCKET_URL  # the Rasa server the widget connects to
    socket_path: str = "/socket.io/"
    dashboard_token: str = ""
    token_generated: bool = False
    database_url: str | None = None  # None: DATABASE_URL, else the project's SQLite file
    refresh_seconds: int = 5
    public_url: str = ""  # the class URL shown big on the dashboard, with its QR code
    static_dir: Path = WEB_DIR / "static"
    webchat_bundle: Path = WEB_DIR / "node_modules" / "rasa-webchat" / "lib" / "index.js"


def dashboard_token() -> tuple[str, bool]:
    """DASHBOARD_TOKEN, or a fresh random one; the flag says it was generated."""
    token = os.environ.get(TOKEN_ENV, "").strip()
    if token:
        return token, False
    return secrets.token_urlsafe(18), True


def socket_url() -> str:
    return os.environ.get(SOCKET_URL_ENV, "").strip() or DEFAULT_SOCKET_URL
