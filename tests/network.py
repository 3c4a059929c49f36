"""A host of the school's network, made by the test: a network namespace and a veth pair.

The namespace has its own interfaces: it reaches this machine only through the veth pair,
as a phone on the local network would, never through loopback. Nothing is sent to the
machine's own external address nor to any other host. Needs root (CAP_NET_ADMIN) and
iproute2's `ip`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

# Connects to each (address, port) and prints which ones accepted: run inside the namespace.
_PROBE = """
import json, socket, sys
result = {}
for port in json.loads(sys.argv[2]):
    with socket.socket() as client:
        client.settimeout(3)
        result[port] = client.connect_ex((sys.argv[1], port)) == 0
print(json.dumps(result))
"""


@dataclass(frozen=True)
class ClientHost:
    """The namespace `name`; this machine is `server_address` from there."""

    name: str
    server_address: str
    client_address: str

    def command(self, *argv: str) -> list[str]:
        return ["ip", "netns", "exec", self.name, *argv]

    def run(self, *argv: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*argv), capture_output=True, text=True, timeout=timeout, check=False
        )

    def open_ports(self, ports: Iterable[int]) -> set[int]:
        """The ports of this machine that accept a connection from the namespace."""
        wanted = sorted(set(ports))
        probe = self.run(sys.executable, "-c", _PROBE, self.server_address, json.dumps(wanted))
        assert probe.returncode == 0, probe.stderr
        return {int(port) for port, accepted in json.loads(probe.stdout).items() if accepted}

    def fetch(self, path: str, port: int, *headers: str) -> tuple[int, str]:
        """An HTTP GET from the namespace: (status, body)."""
        command = ["curl", "-s", "-o", "-", "-w", "\n%{http_code}", "--max-time", "20"]
        for header in headers:
            command += ["-H", header]
        result = self.run(*command, f"http://{self.server_address}:{port}{path}")
        body, _, status = result.stdout.rpartition("\n")
        return int(status or 0), body

    def browser_executable(self, directory: Path, chromium: Path) -> Path:
        """A script that starts Chromium inside the namespace (for Playwright's launch)."""
        script = directory / "chromium-in-namespace"
        script.write_text(f'#!/bin/sh\nexec ip netns exec {self.name} {chromium} "$@"\n')
        script.chmod(0o755)
        return script


def missing() -> str | None:
    """Why namespaces cannot be made here, or None."""
    if os.geteuid() != 0:
        return "network namespaces need root"
    for tool in ("ip", "curl"):
        if shutil.which(tool) is None:
            return f"`{tool}` is not installed"
    return None


def _ip(*argv: str) -> None:
    result = subprocess.run(["ip", *argv], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"ip {' '.join(argv)}: {result.stderr.strip()}")


@contextmanager
def client_host() -> Iterator[ClientHost]:
    """A namespace joined to this machine by a veth pair on a /30 of its own; removed after."""
    reason = missing()
    if reason is not None:
        pytest.skip(reason)
    tag = os.getpid() % 100_000
    name, outside, inside = f"climabot-{tag}", f"cbh{tag}", f"cbc{tag}"
    subnet = f"10.231.{tag % 250}"
    host = ClientHost(name, f"{subnet}.1", f"{subnet}.2")
    _ip("netns", "add", name)
    try:
        _ip("link", "add", outside, "type", "veth", "peer", "name", inside)
        _ip("link", "set", inside, "netns", name)
        _ip("addr", "add", f"{host.server_address}/30", "dev", outside)
        _ip("link", "set", outside, "up")
        _ip("-n", name, "addr", "add", f"{host.client_address}/30", "dev", inside)
        _ip("-n", name, "link", "set", inside, "up")
        _ip("-n", name, "link", "set", "lo", "up")
        yield host
    finally:
        subprocess.run(["ip", "link", "delete", outside], capture_output=True, check=False)
        subprocess.run(["ip", "netns", "delete", name], capture_output=True, check=False)
