"""deploy/nginx.conf in front of the two replicas: the widget's socket.io traffic reaches them."""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import aiohttp
import requests
import socketio

from tests.scale.cluster import (
    REQUIRES_PACKAGES,
    Cluster,
)

pytestmark = REQUIRES_PACKAGES


async def _widget_turn(proxy: str, transports: list[str], message: str) -> str:
    """One widget session through the proxy: session_request, a message, the bot's answer."""
    answers: asyncio.Queue[str] = asyncio.Queue()
    confirmed = asyncio.Event()
    jar = aiohttp.CookieJar(unsafe=True)  # keeps the route cookie of an IP address
    async with aiohttp.ClientSession(cookie_jar=jar) as http:
        client = socketio.AsyncClient(http_session=http, reconnection=False)
        client.on("session_confirm", lambda _session: confirmed.set())

        @client.on("bot_uttered")
        async def on_bot(data: dict[str, Any]) -> None:
            await answers.put(data.get("text", ""))

        session = uuid.uuid4().hex
        await client.connect(proxy, transports=transports, socketio_path="/socket.io")
        await client.emit("session_request", {"session_id": session})
        await asyncio.wait_for(confirmed.wait(), timeout=30)
        await client.emit("user_uttered", {"message": message, "session_id": session})
        first = await asyncio.wait_for(answers.get(), timeout=60)
        await client.disconnect()
        return first


async def _websocket_turn(proxy: str, message: str) -> str:
    """The same over a websocket only (engine.io 4 by hand): proves the Upgrade headers."""
    url = proxy.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
    session = uuid.uuid4().hex
    async with aiohttp.ClientSession() as http, http.ws_connect(url) as ws:

        async def receive(prefix: str) -> str:
            while True:
                packet = await asyncio.wait_for(ws.receive_str(), timeout=60)
                if packet == "2":  # engine.io ping
                    await ws.send_str("3")
                elif packet.startswith(prefix):
                    return packet[len(prefix) :]

        await receive("0")  # engine.io open
        await ws.send_str("40")  # socket.io connect
        await receive("40")
        await ws.send_str("42" + json.dumps(["session_request", {"session_id": session}]))
        await receive('42["session_confirm"')
        payload = {"message": message, "session_id": session}
        await ws.send_str("42" + json.dumps(["user_uttered", payload]))
        event = json.loads(await receive("42"))
        assert event[0] == "bot_uttered", event
        return str(event[1].get("text", ""))


def test_the_widget_reaches_the_replicas_through_nginx(proxy: str, cluster: Cluster) -> None:
    async def sessions() -> list[str]:
        polling = [_widget_turn(proxy, ["polling"], "Bonjour") for _ in range(6)]
        websockets = [_websocket_turn(proxy, "Bonjour") for _ in range(2)]
        return await asyncio.gather(*polling, *websockets)

    # Polling sessions make several HTTP requests each: without the route cookie, about
    # half of them would reach the replica that does not know the session.
    assert all("Climabot" in answer for answer in asyncio.run(sessions()))
    cluster.stats.conversations += 8
    cluster.stats.messages += 8

    assert requests.get(f"{proxy}/version", timeout=10).status_code == 502  # not Rasa's API
    foreign = requests.get(
        f"{proxy}/socket.io/",
        params={"EIO": "4", "transport": "polling"},
        headers={"Origin": "https://ailleurs.example"},
        timeout=10,
    )
    assert foreign.status_code == 403
