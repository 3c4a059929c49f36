"""`make class`'s stack: what listens where, and what the Rasa processes share."""

from __future__ import annotations

from pathlib import Path

import yaml

from runtime.classroom import (
    ClassPorts,
    allowed_origins,
    class_endpoints,
    class_servers,
    qr_code,
    site_url,
)
from runtime.launcher import ROOT

PORTS = ClassPorts()


def _servers(tmp_path: Path, replicas: int = 2) -> dict[str, list[str]]:
    servers = class_servers(
        ROOT / "models" / "climabot.tar.gz",
        PORTS,
        tmp_path,
        replicas=replicas,
        public_url="http://10.0.0.5:8000/",
        redis_password="secret",
    )
    return {server.name: server.command for server in servers}


def test_everything_but_nginx_listens_on_loopback_only(tmp_path: Path) -> None:
    commands = _servers(tmp_path)
    assert list(commands) == ["redis", "actions", "rasa-1", "rasa-2", "web", "nginx"]
    assert commands["redis"][commands["redis"].index("--bind") + 1] == "127.0.0.1"
    for name in ("rasa-1", "rasa-2"):
        assert commands[name][commands[name].index("--interface") + 1] == "127.0.0.1"
    assert "--host" not in commands["web"]  # web.server's default host is 127.0.0.1
    site = (tmp_path / "nginx" / "site.conf").read_text()
    assert "listen 8000;" in site  # every interface
    assert "server 127.0.0.1:8001;" in site  # the web server, behind it
    assert "server 127.0.0.1:5005;" in site and "server 127.0.0.1:5006;" in site


def test_the_widget_connects_to_the_page_s_own_origin(tmp_path: Path) -> None:
    web = _servers(tmp_path)["web"]
    assert web[web.index("--socket-url") + 1] == ""
    assert web[web.index("--public-url") + 1] == "http://10.0.0.5:8000/"


def test_the_rasa_processes_share_a_lock_store_and_the_tracker_store(tmp_path: Path) -> None:
    base = tmp_path / "base.yml"
    base.write_text(
        "action_endpoint:\n  url: http://localhost:5055/webhook\n  enable_selective_domain: true\n"
        "tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: tracker.db\n"
    )
    endpoints = yaml.safe_load(class_endpoints(base, tmp_path, 5056, 6390).read_text())
    assert endpoints["tracker_store"] == {"type": "SQL", "dialect": "sqlite", "db": "tracker.db"}
    assert endpoints["action_endpoint"] == {
        "url": "http://127.0.0.1:5056/webhook",
        "enable_selective_domain": True,
    }
    lock = endpoints["lock_store"]
    assert lock["type"] == "runtime.lock_store.AtomicRedisLockStore"
    assert (lock["url"], lock["port"]) == ("127.0.0.1", 6390)
    assert lock["password"] == "${CLASS_REDIS_PASSWORD}"  # never written in the file


def test_three_replicas_take_the_ports_after_rasa_s(tmp_path: Path) -> None:
    commands = _servers(tmp_path, replicas=3)
    assert commands["rasa-3"][commands["rasa-3"].index("--port") + 1] == "5007"
    assert PORTS.private(3) == [8001, 5005, 5006, 5007, 5055, 6380]


def test_the_site_accepts_its_pages_under_each_address() -> None:
    origins = allowed_origins(["10.0.0.5", "192.168.1.20", "10.0.0.5"], 8000)
    assert origins.split(",") == [
        "http://localhost:8000",
        "http://127.0.0.1:8000",
        "http://10.0.0.5:8000",
        "http://192.168.1.20:8000",
    ]
    assert site_url("10.0.0.5", 80) == "http://10.0.0.5/"


def test_the_qr_code_is_a_square_of_characters() -> None:
    lines = qr_code("http://10.0.0.5:8000/").splitlines()
    assert len(lines) > 10
    assert len({len(line) for line in lines}) == 1
