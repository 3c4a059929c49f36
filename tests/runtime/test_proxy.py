"""The nginx site of production, `make class` and the scale test: one file, other addresses."""

from __future__ import annotations

import re

import pytest

from runtime.proxy import DEPLOY_SITE, site_config


def _upstream(site: str, name: str) -> list[str]:
    block = re.search(rf"upstream {name} \{{(.*?)\n\}}", site, re.DOTALL)
    assert block is not None, name
    return re.findall(r"^\s*server ([^;]+);", block.group(1), re.MULTILINE)


def test_the_class_site_listens_on_every_interface_in_front_of_its_replicas() -> None:
    replicas = ["127.0.0.1:5005", "127.0.0.1:5006", "127.0.0.1:5007"]
    site = site_config("8000", "127.0.0.1:8001", replicas)
    assert re.findall(r"^\s*listen ([^;]+);", site, re.MULTILINE) == ["8000"]
    assert _upstream(site, "climabot_web") == ["127.0.0.1:8001"]
    assert _upstream(site, "climabot_rasa") == replicas
    assert "hash $climabot_route consistent;" in site  # sticky sessions kept


def test_everything_but_the_addresses_is_deploy_s_own_file() -> None:
    original = DEPLOY_SITE.read_text(encoding="utf-8")
    site = site_config("80", "127.0.0.1:8000", ["127.0.0.1:5005", "127.0.0.1:5006"])
    # Same lines, the replaced server lines (and their comments) aside.
    kept = [line for line in original.splitlines() if "server 127.0.0.1" not in line]
    assert all(line in site.splitlines() for line in kept)


def test_a_changed_deploy_file_is_refused_rather_than_half_applied() -> None:
    with pytest.raises(ValueError):
        site_config("8000", "127.0.0.1:8001", ["127.0.0.1:5005"], template="server { listen 443; }")
