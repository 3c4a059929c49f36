"""PostgreSQL, Redis and nginx from Debian's packages, on loopback, in temporary directories.

Nothing here touches the system's own instances (PostgreSQL 5432, Redis 6379, nginx 80):
each service gets its own data directory, port and password, and is stopped at the end.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psycopg2
import redis

from runtime.launcher import stop_process
from runtime.proxy import NGINX, REDIS_SERVER


def postgres_bin() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with a server, or None."""
    found = [p.parent for p in Path("/usr/lib/postgresql").glob("*/bin/postgres")]
    return max(found, key=lambda p: int(p.parent.name)) if found else None


def missing_packages() -> list[str]:
    """The Debian packages `make test-scale` needs and that are not installed."""
    checks = {
        "postgresql": postgres_bin() is not None,
        "redis-server": REDIS_SERVER.exists(),
        "nginx": NGINX.exists(),
    }
    return [name for name, ok in checks.items() if not ok]


def _run(command: list[str]) -> None:
    """Runs `command`; RuntimeError with its output if it fails."""
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def _wait(condition_name: str, check: Callable[[], object], timeout: float, log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except Exception:  # not ready yet
            pass
        time.sleep(0.2)
    tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
    raise RuntimeError(f"{condition_name} not ready after {timeout} s, see {log}:\n{tail}")


@dataclass
class Postgres:
    """A throwaway cluster: one superuser with a password, TCP on 127.0.0.1 only."""

    directory: Path
    port: int
    user: str = "climabot"
    password: str = "scale-test-password"

    @property
    def data(self) -> Path:
        return self.directory / "data"

    @property
    def log(self) -> Path:
        return self.directory / "postgres.log"

    def _as_owner(self, *command: str | Path) -> list[str]:
        # initdb and postgres refuse to run as root: run them as Debian's postgres user.
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return [*prefix, *map(str, command)]

    def start(self, databases: tuple[str, ...]) -> None:
        """initdb, start, create `databases`; raises RuntimeError with the log on failure."""
        binaries = postgres_bin()
        if binaries is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        self.directory.mkdir(mode=0o700, parents=True)
        # The postgres user must be able to reach its directory (mkdtemp makes 0700 ones).
        parent = self.directory.parent
        parent.chmod(parent.stat().st_mode | 0o111)
        password_file = self.directory / "password"
        password_file.write_text(self.password + "\n")
        if os.geteuid() == 0:
            for path in (self.directory, password_file):
                shutil.chown(path, "postgres", "postgres")
        _run(
            self._as_owner(
                binaries / "initdb",
                "-D",
                self.data,
                "-U",
                self.user,
                f"--pwfile={password_file}",
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            )
        )
        options = (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
            " -c fsync=off -c max_connections=200"  # a test cluster: durability is not tested
        )
        try:
            _run(
                self._as_owner(
                    binaries / "pg_ctl",
                    "-D",
                    self.data,
                    "-l",
                    self.log,
                    "-o",
                    options,
                    "-w",
                    "start",
                )
            )
        except RuntimeError as error:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{error}\n{log}") from error
        connection = psycopg2.connect(self.dsn("postgres"))
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                for name in databases:
                    cursor.execute(f'CREATE DATABASE "{name}"')
        finally:
            connection.close()

    def dsn(self, database: str) -> str:
        return (
            f"host=127.0.0.1 port={self.port} dbname={database} "
            f"user={self.user} password={self.password}"
        )

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of `database` (psycopg2)."""
        return f"postgresql+psycopg2://{self.user}:{self.password}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        binaries = postgres_bin()
        if binaries is None or not (self.data / "postmaster.pid").exists():
            return
        subprocess.run(
            self._as_owner(binaries / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop"),
            check=False,
            capture_output=True,
        )


@dataclass
class Redis:
    """A Redis without persistence, with a password, on 127.0.0.1."""

    directory: Path
    port: int
    password: str = "scale-test-redis"
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.directory / "redis.log"

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                str(REDIS_SERVER),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
                "--requirepass",
                self.password,
            ],
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        _wait("Redis", lambda: self.client().ping(), 20, self.log)

    def client(self, db: int = 0) -> redis.Redis:
        return redis.Redis(host="127.0.0.1", port=self.port, password=self.password, db=db)

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
