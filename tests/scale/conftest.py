"""Fixtures of the scale test: PostgreSQL and Redis, two Rasa replicas, nginx in front.

They are started once for the whole run (session scope), shared by the three test modules.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from runtime.launcher import (
    FIXED_NOW,
    ROOT,
    Server,
    action_server,
    launch,
    port_in_use,
    rasa_server,
    stop_all,
    stop_process,
)
from runtime.proxy import NGINX, nginx_main_config, site_config
from tests.e2e.conftest import MODEL
from tests.scale.cluster import (
    ACTIONS_PORTS,
    AUTH_TOKEN,
    BUSINESS_DB,
    DEPLOY,
    POSTGRES_PORT,
    PROXY_PORT,
    RASA_PORTS,
    REDIS_PORT,
    TRACKER_DB,
    Cluster,
    Services,
    Stats,
    summary_line,
)
from tests.scale.services import Postgres, Redis


@pytest.fixture(scope="session")
def services() -> Iterator[Services]:
    """PostgreSQL (tracker and business databases) and Redis, in a temporary directory."""
    ports = (POSTGRES_PORT, REDIS_PORT, *RASA_PORTS, *ACTIONS_PORTS, PROXY_PORT)
    busy = [port for port in ports if port_in_use(port)]
    if busy:
        pytest.fail(f"ports already in use: {busy} (another test-scale still running?)")
    stats = Stats()
    workdir = Path(tempfile.mkdtemp(prefix="climabot-scale-"))
    postgres = Postgres(workdir / "postgres", POSTGRES_PORT)
    redis_server = Redis(workdir / "redis", REDIS_PORT)
    try:
        postgres.start(databases=(TRACKER_DB, BUSINESS_DB))
        redis_server.start()
        yield Services(postgres, redis_server, workdir, stats)
    finally:
        redis_server.stop()
        postgres.stop()
        print(summary_line(stats))
        if os.environ.get("SCALE_KEEP_LOGS"):
            print(f"Journaux conservés dans {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def cluster(services: Services) -> Iterator[Cluster]:
    """2 action servers, then 2 Rasa replicas on deploy/endpoints.yml."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` first")
    postgres, workdir = services.postgres, services.workdir
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CLIMABOT_NOW": FIXED_NOW,
        "DATABASE_URL": postgres.url(BUSINESS_DB),
        "TRACKER_DB_HOST": "127.0.0.1",
        "TRACKER_DB_PORT": str(POSTGRES_PORT),
        "TRACKER_DB_NAME": TRACKER_DB,
        "TRACKER_DB_USER": postgres.user,
        "TRACKER_DB_PASSWORD": postgres.password,
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(REDIS_PORT),
        "REDIS_PASSWORD": services.redis.password,
        "REDIS_DB": "1",
    }
    started = time.monotonic()
    actions = [
        action_server(port, name=f"actions-{name}")
        for name, port in zip("ab", ACTIONS_PORTS, strict=True)
    ]
    replicas = [
        rasa_server(
            MODEL,
            port,
            DEPLOY / "endpoints.yml",
            name=f"rasa-{name}",
            api_token=AUTH_TOKEN,
            env={"ACTION_SERVER_URL": f"http://127.0.0.1:{actions_port}/webhook"},
        )
        for name, port, actions_port in zip("ab", RASA_PORTS, ACTIONS_PORTS, strict=True)
    ]
    servers: list[Server] = [*actions, *replicas]
    try:
        launch(actions, env, workdir, together=True)
        # Both replicas start together, as they would in production (Rasa copes with two
        # replicas creating the tracker table at once).
        launch(replicas, env, workdir, together=True)
        services.stats.ready = time.monotonic() - started
        urls = (f"http://127.0.0.1:{RASA_PORTS[0]}", f"http://127.0.0.1:{RASA_PORTS[1]}")
        yield Cluster(postgres, services.redis, workdir, services.stats, urls)
        for server in servers:
            assert server.running(), f"{server.name} stopped during the test, see {workdir}"
    finally:
        stop_all(servers)


@pytest.fixture(scope="session")
def proxy(cluster: Cluster) -> Iterator[str]:
    """deploy/nginx.conf, its ports replaced by the test's, in front of the two replicas."""
    # No site in this test: its routes answer 502.
    replicas = [f"127.0.0.1:{port}" for port in RASA_PORTS]
    site = site_config(f"127.0.0.1:{PROXY_PORT}", "127.0.0.1:9", replicas)
    directory = cluster.workdir / "nginx"
    directory.mkdir()
    (directory / "site.conf").write_text(site)
    config = nginx_main_config(directory, directory / "site.conf")
    command = [str(NGINX), "-e", "stderr", "-p", str(directory), "-c", str(config)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while not port_in_use(PROXY_PORT):
            if process.poll() is not None or time.monotonic() > deadline:
                stop_process(process)
                errors = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"nginx did not start:\n{errors}")
            time.sleep(0.1)
        yield f"http://127.0.0.1:{PROXY_PORT}"
    finally:
        stop_process(process)
