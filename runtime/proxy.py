"""nginx in front of the site and the Rasa processes, and the Redis their lock store shares.

One site configuration, `deploy/nginx.conf`, serves production, `make class` and the scale
test: `site_config` only changes its addresses (where it listens, the web server, the
replicas). nginx and Redis run from Debian's binaries with a directory of their own: no
/etc/nginx, no system service, no root needed.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from runtime.launcher import LOOPBACK, ROOT, Server

NGINX = Path("/usr/sbin/nginx")
REDIS_SERVER = Path("/usr/bin/redis-server")
DEPLOY_SITE = ROOT / "deploy" / "nginx.conf"

_LISTEN = re.compile(r"^(\s*)listen 80;$", re.MULTILINE)
_UPSTREAM = re.compile(r"(upstream (climabot_\w+) \{\n)(.*?)(\n\})", re.DOTALL)
_SERVER_LINE = re.compile(r"^\s*server [^;]+;")


def site_config(listen: str, web: str, replicas: Sequence[str], template: str | None = None) -> str:
    """deploy/nginx.conf listening on `listen` ("8000", "127.0.0.1:25080"), in front of the
    web server `web` and the Rasa `replicas` ("127.0.0.1:5005"...)."""
    site = DEPLOY_SITE.read_text(encoding="utf-8") if template is None else template
    if not _LISTEN.search(site) or len(_UPSTREAM.findall(site)) != 2:
        raise ValueError("deploy/nginx.conf no longer has `listen 80;` and its two upstreams")
    site = _LISTEN.sub(lambda m: f"{m.group(1)}listen {listen};", site)
    servers = {"climabot_web": [web], "climabot_rasa": list(replicas)}

    def upstream(match: re.Match[str]) -> str:
        kept = [line for line in match.group(3).split("\n") if not _SERVER_LINE.match(line)]
        added = [f"    server {address};" for address in servers[match.group(2)]]
        return match.group(1) + "\n".join(kept + added) + match.group(4)

    return _UPSTREAM.sub(upstream, site)


def nginx_main_config(directory: Path, site: Path) -> Path:
    """A main nginx.conf in `directory` that includes `site`: no /etc/nginx, no root needed."""
    directory.mkdir(parents=True, exist_ok=True)
    temp = "\n".join(
        f"  {kind}_temp_path {directory / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    config = directory / "nginx.conf"
    config.write_text(
        f"daemon off;\npid {directory / 'nginx.pid'};\nerror_log {directory / 'error.log'};\n"
        f"events {{ worker_connections 4096; }}\nhttp {{\n  access_log off;\n{temp}\n"
        # Started as root, nginx's workers run as `nobody`, who may not reach `directory`:
        # nothing is buffered to disk (the widget's bundle came out cut without this).
        "  proxy_max_temp_file_size 0;\n  client_body_buffer_size 64k;\n"
        f"  include {site};\n}}\n"
    )
    return config


def nginx_test(config: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` on `config`, errors to stderr."""
    return subprocess.run(
        [str(NGINX), "-t", "-e", "stderr", "-p", str(config.parent), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )


def nginx_server(directory: Path, site: str, port: int, *, name: str = "nginx") -> Server:
    """nginx with `site` (from `site_config`); up once the site answers through it on `port`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "site.conf").write_text(site, encoding="utf-8")
    config = nginx_main_config(directory, directory / "site.conf")
    return Server(
        name=name,
        command=[str(NGINX), "-e", "stderr", "-p", str(directory), "-c", str(config)],
        port=port,
        health=f"http://{LOOPBACK}:{port}/healthz",
    )


def redis_server(directory: Path, port: int, password: str, *, name: str = "redis") -> Server:
    """A Redis on 127.0.0.1 with a password and no persistence (locks only live seconds)."""
    directory.mkdir(parents=True, exist_ok=True)
    return Server(
        name=name,
        command=[
            str(REDIS_SERVER),
            "--port",
            str(port),
            "--bind",
            LOOPBACK,
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(directory),
            "--requirepass",
            password,
        ],
        port=port,
        health=f"tcp://{LOOPBACK}:{port}",
    )
