"""Climatech's website, the revision page and the teacher's dashboard, on aiohttp (port 8000).

    python -m web.server [--host 127.0.0.1] [--port 8000] [--socket-url http://localhost:5005]
                         [--public-url http://192.168.1.20:8000/]

Routes: `/` the showcase site, `/fiches-techniques/<FT-...>` the technical sheets, `/revision` the
students' page, `/dashboard` the teacher's dashboard (login with DASHBOARD_TOKEN; `POST
/dashboard/sessions` starts a class session), `GET /api/indicators` the indicators JSON (Bearer
token; `?session=<id>` for one session), `GET /api/dashboard` what the dashboard draws and
`GET /api/dashboard/export.csv` the session's export (Bearer token or the dashboard's cookie).
A token is generated and printed when DASHBOARD_TOKEN is unset.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from logic import clock
from logic.climatech.knowledge.loading import load_knowledge
from logic.storage import class_sessions, resolution
from logic.storage.engine import StorageError, off_loop
from logic.storage.reports import (
    after_sales_counts,
    latest_comments,
    load_summary,
    most_missed_concepts,
    nps_distribution,
)
from logic.storage.schema import utc_now
from web import auth, board, pages, showcase, vendor
from web.config import DEFAULT_PORT, Settings, dashboard_token, socket_url

SETTINGS: web.AppKey[Settings] = web.AppKey("settings", Settings)
MISSED_SHOWN = 5  # the class's most missed quiz concepts
COMMENTS_SHOWN = 8
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
log = logging.getLogger("climabot.web")


# --- helpers --------------------------------------------------------------------------------


def _settings(request: web.Request) -> Settings:
    return request.app[SETTINGS]


def _html(body: str, status: int = 200) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


def _socket_origins(url: str) -> str:
    """The origins the widget connects to (http polling and websocket), for the CSP."""
    parts = urlsplit(url)
    if not parts.netloc:
        return ""
    secure = parts.scheme in ("https", "wss")
    http, ws = ("https", "wss") if secure else ("http", "ws")
    return f"{http}://{parts.netloc} {ws}://{parts.netloc}"


def _csp(settings: Settings) -> str:
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # rasa-webchat injects its <style> tags
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {_socket_origins(settings.socket_url)}".strip(),
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        )
    )


@web.middleware
async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPNotFound:
        response = _html(pages.render("404.html", company=load_knowledge().company), 404)
    response.headers.setdefault("Content-Security-Policy", _csp(_settings(request)))
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path.startswith(("/api/", "/dashboard")):
        response.headers["Cache-Control"] = "no-store"
    return response


# --- public pages ---------------------------------------------------------------------------


async def site(request: web.Request) -> web.Response:
    settings = _settings(request)
    context = showcase.context(clock.now())
    return _html(pages.render("site.html", chat=pages.site_chat(settings), **context))


async def datasheet(request: web.Request) -> web.Response:
    """The technical sheet, printable; the bot's "FT-....pdf" name leads to it too."""
    kb = load_knowledge()
    name = request.match_info["sheet"]
    product = showcase.product_by_sheet(name.removesuffix(".pdf").removesuffix(".PDF"), kb)
    if product is None:
        raise web.HTTPNotFound()
    canonical = showcase.sheet_name(product)
    if name != canonical:
        raise web.HTTPFound(f"/fiches-techniques/{canonical}")
    return _html(
        pages.render(
            "datasheet.html",
            kb=kb,
            company=kb.company,
            product=product,
            sheet=showcase.sheet_name(product),
            specs=showcase.sheet_specs(product),
            parts=showcase.compatible_parts(product, kb),
            contracts=[c for c in kb.contracts if product.type in c.applies_to],
            kb_about=showcase.about("products.yml", kb),
            chat=pages.site_chat(_settings(request)),
        )
    )


async def revision(request: web.Request) -> web.Response:
    themes = showcase.course_themes()
    return _html(
        pages.render(
            "revision.html",
            company=load_knowledge().company,
            themes=themes,
            concept_count=sum(len(t.concepts) for t in themes),
            chat=pages.revision_chat(_settings(request)),
        )
    )


async def webchat_bundle(request: web.Request) -> web.Response:
    """rasa-webchat's prebuilt bundle, from web/node_modules (installed by `npm ci`)."""
    try:
        body = vendor.webchat_bundle(_settings(request).webchat_bundle)
    except FileNotFoundError:
        return web.Response(
            status=503,
            text="console.error('rasa-webchat absent : lancez `npm ci` dans web/');",
            content_type="application/javascript",
        )
    return web.Response(
        body=body,
        content_type="application/javascript",
        charset="utf-8",
        headers={"Cache-Control": "no-cache"},
    )


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


# --- dashboard ------------------------------------------------------------------------------


def _login_page(error: str = "", status: int = 200) -> web.Response:
    company = load_knowledge().company
    return _html(pages.render("login.html", company=company, error=error), status)


async def dashboard(request: web.Request) -> web.Response:
    settings = _settings(request)
    if not auth.has_session(request, settings.dashboard_token):
        return _login_page()
    public = settings.public_url
    return _html(
        pages.render(
            "dashboard.html",
            company=load_knowledge().company,
            refresh_seconds=settings.refresh_seconds,
            public_url=public,
            public_qr=board.qr_data_uri(public) if public else "",
        )
    )


async def new_session(request: web.Request) -> web.Response:
    """ "Nouvelle séance": the figures count from now (the cookie is SameSite=Strict, so
    another site cannot post this form with it)."""
    settings = _settings(request)
    if not auth.has_session(request, settings.dashboard_token):
        return _login_page(status=401)
    await _read(class_sessions.start_session, url=settings.database_url)
    raise web.HTTPSeeOther("/dashboard")


async def login(request: web.Request) -> web.Response:
    settings = _settings(request)
    form = await request.post()
    given = form.get("token")
    if not isinstance(given, str) or not auth.same_secret(given.strip(), settings.dashboard_token):
        await asyncio.sleep(0.5)  # slows down guessing
        return _login_page("Jeton incorrect.", status=401)
    response = web.HTTPSeeOther("/dashboard")
    auth.open_session(response, settings.dashboard_token, secure=request.secure)
    raise response


async def logout(_: web.Request) -> web.Response:
    response = web.HTTPSeeOther("/dashboard")
    auth.close_session(response)
    raise response


def _unauthorized() -> web.Response:
    return web.json_response(
        {"error": "jeton manquant ou invalide"},
        status=401,
        headers={"WWW-Authenticate": 'Bearer realm="climabot"'},
    )


async def _read(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A blocking database read, off the event loop; a failure becomes a 503."""
    try:
        return await off_loop(function, *args, **kwargs)
    except StorageError as error:
        log.warning("database unavailable: %s", error)
        raise web.HTTPServiceUnavailable(
            text='{"error": "base de données indisponible"}', content_type="application/json"
        ) from error


def _session_asked(request: web.Request) -> int | None:
    """The `session` query parameter (a session id), None when absent or not a number."""
    value = request.query.get("session", "")
    return int(value) if value.isdigit() else None


async def _session(
    request: web.Request, *, latest: bool = True
) -> tuple[list[class_sessions.ClassSession], class_sessions.ClassSession | None]:
    """The sessions, and the one asked for (else the latest, when `latest`; else None)."""
    url = _settings(request).database_url
    sessions = await _read(class_sessions.list_sessions, url=url)
    asked = _session_asked(request)
    if asked is None and not latest:
        return sessions, None
    return sessions, class_sessions.chosen(sessions, asked)


def _window(session: class_sessions.ClassSession | None) -> dict[str, Any]:
    if session is None:
        return {}
    return {"since": session.started_at, "until": session.ends_at}


async def api_indicators(request: web.Request) -> web.Response:
    """Exactly load_summary(): the indicators as JSON (of one session with ?session=<id>)."""
    settings = _settings(request)
    if not auth.is_authorized(request, settings.dashboard_token):
        return _unauthorized()
    _, session = await _session(request, latest=False)
    summary = await _read(load_summary, url=settings.database_url, **_window(session))
    return web.json_response(summary)


async def api_dashboard(request: web.Request) -> web.Response:
    """What the dashboard page draws, over the chosen session (default: the latest; all the
    data when there is none): the indicators, the NPS notes, the latest comments, the most
    missed quiz concepts, the complaints and urgent requests, containment, resolution and
    the after-sales questions by topic."""
    settings = _settings(request)
    if not auth.is_authorized(request, settings.dashboard_token, cookie=True):
        return _unauthorized()
    url = settings.database_url
    sessions, session = await _session(request)
    window = _window(session)
    summary = await _read(load_summary, url=url, **window)
    notes = await _read(nps_distribution, url=url, **window)
    comments = await _read(latest_comments, COMMENTS_SHOWN, url=url, **window)
    missed = await _read(most_missed_concepts, MISSED_SHOWN, url=url, **window)
    urgent = await _read(after_sales_counts, url=url, **window)
    steps = await _read(class_sessions.load_steps, url=url, **window)
    active = await _read(class_sessions.conversations_in, url=url, **window)
    # Rows carry the real time (not the demo clock): "still there" is judged on it too.
    figures = resolution.figures(steps, utc_now())
    return web.json_response(
        board.payload(
            summary,
            notes,
            comments,
            clock.now(),
            missed,
            urgent,
            figures=figures,
            sessions=sessions,
            current=session,
            conversations=len(active),
        )
    )


async def api_export(request: web.Request) -> web.Response:
    """The chosen session as CSV: one row per after-sales conversation, no id."""
    settings = _settings(request)
    if not auth.is_authorized(request, settings.dashboard_token, cookie=True):
        return _unauthorized()
    _, session = await _session(request)
    steps = await _read(class_sessions.load_steps, url=settings.database_url, **_window(session))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(board.export_rows(steps, utc_now()))
    start = session.started_at.astimezone(clock.PARIS) if session else None
    name = f"seance-{start:%Y%m%d-%H%M}.csv" if start else "seances.csv"
    return web.Response(
        body="\ufeff".encode() + out.getvalue().encode("utf-8"),  # the BOM: Excel reads UTF-8
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


# --- application ----------------------------------------------------------------------------


def create_app(settings: Settings) -> web.Application:
    if not settings.dashboard_token:
        raise ValueError("a dashboard token is required")
    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app[SETTINGS] = settings
    app.router.add_get("/", site)
    app.router.add_get("/fiches-techniques/{sheet}", datasheet)
    app.router.add_get("/revision", revision)
    app.router.add_get("/dashboard", dashboard)
    app.router.add_post("/dashboard/login", login)
    app.router.add_post("/dashboard/logout", logout)
    app.router.add_post("/dashboard/sessions", new_session)
    app.router.add_get("/api/indicators", api_indicators)
    app.router.add_get("/api/dashboard", api_dashboard)
    app.router.add_get("/api/dashboard/export.csv", api_export)
    app.router.add_get("/vendor/rasa-webchat.js", webchat_bundle)
    app.router.add_get("/healthz", health)
    app.router.add_static("/static/", settings.static_dir, follow_symlinks=False)
    return app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument(
        "--public-url", default="", help="l'adresse que les élèves tapent (tableau de bord, QR)"
    )
    parser.add_argument(
        "--socket-url", default=None, help="le serveur Rasa du widget (vide : l'origine du site)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    token, generated = dashboard_token()
    settings = replace(
        Settings(),
        host=args.host,
        port=args.port,
        public_url=args.public_url.strip(),
        # "" (make class): the widget connects to the page's own origin, through the proxy.
        socket_url=socket_url() if args.socket_url is None else args.socket_url,
        dashboard_token=token,
        token_generated=generated,
    )
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    base = f"http://localhost:{settings.port}"
    print(f"Site Climatech : {base}/", flush=True)
    print(f"Page de révision : {base}/revision", flush=True)
    print(f"Tableau de bord : {base}/dashboard", flush=True)
    if generated:
        print(f"Jeton du tableau de bord (généré) : {token}", flush=True)
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
