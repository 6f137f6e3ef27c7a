"""The host window is a thin client of the host process: it shows the lobby (address, QR code, room
code, who joined where), moves a student, starts the game and then projects the public table."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pygame
import pytest

from game.net.client import HostProcess
from tests.net.served import TUTORIAL, Client
from tests.ui.conftest import Driver

SHOTS = Path(tempfile.gettempdir()) / "parley-host-shots"


@pytest.fixture()
def host(home):
    proc = HostProcess(TUTORIAL, port=0, bind="127.0.0.1", seed=3, env=dict(os.environ))
    yield proc
    proc.stop()
    assert proc.proc.returncode is not None  # the host process ended with the window's game


def _until(d: Driver, test, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        d.frames(1)
        if test():
            d.frames(2)  # the message may have come in after the frame: let the window take it in
            return
        time.sleep(0.01)
    raise AssertionError("timed out")


def _press(d: Driver, pos: tuple[int, int]) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=1))
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
    d.frames(2)


def _save(app, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    w, h = app.screen.get_size()
    pygame.image.save(app.screen, str(SHOTS / f"window-{name}-{w}x{h}.png"))


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_teacher_runs_a_class_game_from_the_window(make_app, host, size):
    from game.ui.scenes.host import HostScene

    app = make_app(size=size)
    scene = HostScene(app, client=host)
    app.push(scene)
    d = Driver(app)
    _until(d, lambda: scene.msg is not None)
    ws = f"ws://127.0.0.1:{host.announce.port}/ws"
    ana, ben = Client(ws), Client(ws)
    ana.join(host.announce.code, "Ana", "highford")
    ben.join(host.announce.code, "Ben", "highford")
    ben_id = ben.welcome["member"]
    _until(d, lambda: any(member == ben_id for _, member in scene.chips))
    _save(app, "lobby")
    # the teacher moves Ben to Lowmere: click his name, then Lowmere's card
    _press(d, next(rect for rect, member in scene.chips if member == ben_id).center)
    assert scene.selected == ben_id
    d.frames(2)
    _save(app, "lobby-moving")
    _press(d, scene.rect(*scene._seat_boxes(scene.msg["lobby"])[1]).center)
    ben.expect("state", until=lambda m: m["seat"] == "lowmere")
    d.click("start")
    ana.expect("state", until=lambda m: "view" in m)
    _until(d, lambda: "projector" in (scene.msg or {}))
    assert "start" not in scene.widgets and "computer0" in scene.widgets
    d.click("computer1")  # Ben left: the computer takes Lowmere, the game does not wait
    _until(d, lambda: [s["kind"] for s in scene.msg["lobby"]["seats"]][1] == "computer")
    d.frames(2)
    _save(app, "projector")
    assert all("stances" not in k for k in scene.msg["projector"])
    for c in (ana, ben):
        c.close()
