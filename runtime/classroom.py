"""`make class`: the stack of `make run`, for a whole class on the school's network.

Only nginx listens on every interface (port 8000): it serves the site and passes the
widget's socket.io traffic, polling and websocket, to the Rasa processes, each conversation
sticking to one of them (deploy/nginx.conf). The Rasa processes share the tracker store and
a Redis lock store, so a conversation is handled by one of them at a time. Rasa, the action
server, the web server and Redis listen on 127.0.0.1 only: a phone reaches the site, never
Rasa's API nor the actions.
"""

from __future__ import annotations

import io
import json
import secrets
import socket
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import segno
import yaml

from runtime.launcher import (
    LOOPBACK,
    ROOT,
    Server,
    action_server,
    launch,
    rasa_server,
    stop_all,
    web_server,
)
from runtime.proxy import nginx_server, redis_server, site_config

ENDPOINTS = ROOT / "endpoints.yml"
REDIS_PASSWORD_VARIABLE = "CLASS_REDIS_PASSWORD"  # read by Rasa in the generated endpoints
# Two cores, two Rasa processes: one Rasa process keeps one core busy under load.
DEFAULT_REPLICAS = 2


@dataclass(frozen=True)
class ClassPorts:
    """The public port, and those that stay on 127.0.0.1 (Rasa: `rasa` and the next ones)."""

    public: int = 8000
    web: int = 8001
    rasa: int = 5005
    actions: int = 5055
    redis: int = 6380

    def rasa_ports(self, replicas: int) -> list[int]:
        return [self.rasa + i for i in range(replicas)]

    def private(self, replicas: int) -> list[int]:
        return [self.web, *self.rasa_ports(replicas), self.actions, self.redis]


def network_address() -> str | None:
    """The address of the interface that carries the default route (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.254", 9))  # TEST-NET-1: only picks a route
        except OSError:  # no route at all: no network
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def interface_addresses() -> list[str]:
    """Every IPv4 address of the machine but loopback (`ip -j -4 addr`), in order."""
    try:
        listing = subprocess.run(
            ["ip", "-j", "-4", "addr", "show"], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    addresses = [
        info["local"]
        for interface in json.loads(listing or "[]")
        for info in interface.get("addr_info", [])
        if info.get("family") == "inet" and not str(info.get("local", "")).startswith("127.")
    ]
    return list(dict.fromkeys(addresses))


def site_url(address: str, port: int) -> str:
    return f"http://{address}:{port}/" if port != 80 else f"http://{address}/"


def allowed_origins(addresses: Sequence[str], port: int) -> str:
    """What Rasa's socket.io channel accepts: the site under each address it may be typed."""
    hosts = ["localhost", LOOPBACK, *addresses]
    return ",".join(site_url(host, port).rstrip("/") for host in dict.fromkeys(hosts))


def class_endpoints(base: Path, directory: Path, actions_port: int, redis_port: int) -> Path:
    """`base` (endpoints.yml: its tracker store), the local action server, the Redis lock store."""
    endpoints = yaml.safe_load(base.read_text(encoding="utf-8"))
    endpoints["action_endpoint"] = {
        **(endpoints.get("action_endpoint") or {}),
        "url": f"http://{LOOPBACK}:{actions_port}/webhook",
    }
    endpoints["lock_store"] = {
        "type": "runtime.lock_store.AtomicRedisLockStore",
        "url": LOOPBACK,
        "port": redis_port,
        "password": "${" + REDIS_PASSWORD_VARIABLE + "}",  # Rasa expands it at start
        "db": 0,
        "key_prefix": "climabot",
    }
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "class-endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False), encoding="utf-8")
    return path


def bot_servers(
    model: Path,
    ports: ClassPorts,
    workdir: Path,
    *,
    endpoints: Path = ENDPOINTS,
    replicas: int = DEFAULT_REPLICAS,
    redis_password: str,
    rasa_token: str | None = None,
    rasa_env: dict[str, str] | None = None,
) -> list[Server]:
    """Redis, the action server and the Rasa processes sharing it, in start order."""
    shared = class_endpoints(endpoints, workdir, ports.actions, ports.redis)
    rasa = [
        rasa_server(model, port, shared, name=f"rasa-{n + 1}", api_token=rasa_token, env=rasa_env)
        for n, port in enumerate(ports.rasa_ports(replicas))
    ]
    return [
        redis_server(workdir / "redis", ports.redis, redis_password),
        action_server(ports.actions),
        *rasa,
    ]


def launch_bot(
    model: Path,
    ports: ClassPorts,
    workdir: Path,
    env: dict[str, str],
    *,
    endpoints: Path,
    replicas: int,
    rasa_token: str | None = None,
    rasa_env: dict[str, str] | None = None,
) -> list[Server]:
    """`bot_servers` started with a fresh Redis password (added to `env`), logs in `workdir`:
    Redis and the actions first, then the Rasa processes together (each takes a minute)."""
    env[REDIS_PASSWORD_VARIABLE] = secrets.token_urlsafe(12)
    servers = bot_servers(
        model,
        ports,
        workdir,
        endpoints=endpoints,
        replicas=replicas,
        redis_password=env[REDIS_PASSWORD_VARIABLE],
        rasa_token=rasa_token,
        rasa_env=rasa_env,
    )
    launch(servers[:2], env, workdir)
    try:
        launch(servers[2:], env, workdir, together=True)
    except BaseException:
        stop_all(servers[:2])
        raise
    return servers


def class_servers(
    model: Path,
    ports: ClassPorts,
    workdir: Path,
    *,
    endpoints: Path = ENDPOINTS,
    replicas: int = DEFAULT_REPLICAS,
    public_url: str,
    redis_password: str,
    rasa_token: str | None = None,
) -> list[Server]:
    """The bot's servers, then the web server and nginx in front of them all."""
    bot = bot_servers(
        model,
        ports,
        workdir,
        endpoints=endpoints,
        replicas=replicas,
        redis_password=redis_password,
        rasa_token=rasa_token,
    )
    web = web_server(ports.web, "", public_url=public_url)  # "": the page's own origin
    site = site_config(
        str(ports.public),
        f"{LOOPBACK}:{ports.web}",
        [f"{LOOPBACK}:{port}" for port in ports.rasa_ports(replicas)],
    )
    return [*bot, web, nginx_server(workdir / "nginx", site, ports.public)]


def qr_code(url: str) -> str:
    """The URL as a QR code drawn with characters, for the terminal."""
    out = io.StringIO()
    segno.make(url, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()
