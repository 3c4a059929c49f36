"""Climatech's website, the revision page and the teacher's dashboard, on aiohttp (port 8000).

    python -m web.server [--host 127.0.0.1] [--port 8000] [--socket-url http://localhost:5005]

Routes: `/` the showcase site, `/fiches-techniques/<FT-...>` the technical sheets, `/revision` the
students' page, `/dashboard` the teacher's dashboard (login with DASHBOARD_TOKEN),
`GET /api/indicators` the indicators JSON (Bearer token). A token is generated and
printed when DASHBOARD_TOKEN is unset.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from sqlalchemy.engine import make_url

from logic import clock
from logic.climatech.knowledge.loading import load_knowledge
from logic.storage.engine import StorageError, database_url
from logic.storage.reports import (
    after_sales_counts,
    latest_comments,
    load_summary,
    most_missed_concepts,
    nps_distribution,
)
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


def _database_label(url: str) -> str:
    """The database shown on the dashboard, without any password."""
    try:
        return str(make_url(url).render_as_string(hide_password=True))
    except Exception:  # an unparsable URL is storage's problem, not the page's
        return "?"


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
    return _html(
        pages.render(
            "dashboard.html",
            company=load_knowledge().company,
            refresh_seconds=settings.refresh_seconds,
            database=_database_label(database_url(settings.database_url)),
        )
    )


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
        return await asyncio.to_thread(function, *args, **kwargs)
    except StorageError as error:
        log.warning("database unavailable: %s", error)
        raise web.HTTPServiceUnavailable(
            text='{"error": "base de données indisponible"}', content_type="application/json"
        ) from error


async def api_indicators(request: web.Request) -> web.Response:
    """Exactly load_summary(): the indicators as JSON."""
    settings = _settings(request)
    if not auth.is_authorized(request, settings.dashboard_token):
        return _unauthorized()
    return web.json_response(await _read(load_summary, url=settings.database_url))


async def api_dashboard(request: web.Request) -> web.Response:
    """What the dashboard page draws: the indicators, the NPS notes, the latest comments,
    the most missed quiz concepts, the complaints and urgent requests."""
    settings = _settings(request)
    if not auth.is_authorized(request, settings.dashboard_token, cookie=True):
        return _unauthorized()
    url = settings.database_url
    summary = await _read(load_summary, url=url)
    notes = await _read(nps_distribution, url=url)
    comments = await _read(latest_comments, COMMENTS_SHOWN, url=url)
    missed = await _read(most_missed_concepts, MISSED_SHOWN, url=url)
    urgent = await _read(after_sales_counts, url=url)
    return web.json_response(board.payload(summary, notes, comments, clock.now(), missed, urgent))


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
    app.router.add_get("/api/indicators", api_indicators)
    app.router.add_get("/api/dashboard", api_dashboard)
    app.router.add_get("/vendor/rasa-webchat.js", webchat_bundle)
    app.router.add_get("/healthz", health)
    app.router.add_static("/static/", settings.static_dir, follow_symlinks=False)
    return app


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--socket-url", default=None, help="le serveur Rasa du widget")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    token, generated = dashboard_token()
    settings = replace(
        Settings(),
        host=args.host,
        port=args.port,
        socket_url=args.socket_url or socket_url(),
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
