"""The host window opens the facilitator's console of a hosted game (issue 12): the same console
scene, fed by the host process; its controls reach every student's page."""

from __future__ import annotations

import os

import pytest

from game.core.actions import Resume, SetDeadline
from game.net.client import HostProcess
from tests.net.served import TUTORIAL, Client
from tests.ui.conftest import Driver
from tests.ui.test_host_window import _save, _until


@pytest.fixture()
def host(home):
    proc = HostProcess(TUTORIAL, port=0, bind="127.0.0.1", seed=3, env=dict(os.environ))
    yield proc
    proc.stop()


def test_the_teacher_pauses_a_hosted_game_from_the_windows_console(make_app, host):
    from game.ui.scenes.host import HostScene
    from game.ui.scenes.host_console import HostedConsoleScene

    app = make_app(size=(1280, 720))
    scene = HostScene(app, client=host)
    app.push(scene)
    d = Driver(app)
    _until(d, lambda: scene.msg is not None)
    ana = Client(f"ws://127.0.0.1:{host.announce.port}/ws")
    ana.join(host.announce.code, "Ana", "highford")
    _until(d, lambda: any(s["members"] for s in scene.msg["lobby"]["seats"]))
    d.click("start")
    ana.expect("state", until=lambda m: "view" in m)
    _until(d, lambda: "console" in scene.widgets)
    d.click("console")
    console = app.top
    assert isinstance(console, HostedConsoleScene)
    _until(d, lambda: bool(host.console) and "pause" in console.widgets)
    assert "Highford" in console.widgets["private"].html_text  # every seat's secrets: the teacher's screen only
    d.click("pause")
    state = ana.expect("state", until=lambda m: (m.get("clock") or {}).get("paused"))
    assert state["clock"]["paused"]
    _until(d, lambda: host.console["paused"])
    _until(d, lambda: console.widgets["pause"].text == "Resume")
    d.click("seat:lowmere")
    d.click("reveal:brief")
    _until(d, lambda: "brief" in next(s for s in host.console["seats"] if s["id"] == "lowmere")["revealed"])
    _save(app, "console")
    d.click("pause")
    ana.expect("state", until=lambda m: m.get("clock") and not m["clock"]["paused"])
    _until(d, lambda: not host.console["paused"])
    # a refused action (the host's rules say why) comes back as a toast, and the console goes on
    console.game.facilitate(Resume())
    _until(d, lambda: any("not paused" in text for text, _ in app.toasts), 10)
    console.game.facilitate(SetDeadline(120))
    ana.expect("state", until=lambda m: (m.get("clock") or {}).get("deadline") == 120)
    # (a click is a press and a release: wait for the rebuild the new deadline brings first)
    _until(d, lambda: console.view().get("deadline") == 120 and console._layout == console.layout_key())
    d.click("close")
    assert app.top is scene
    # the projector shows the countdown the students see
    _until(d, lambda: "left in this phase" in scene._clock_words((scene.msg or {}).get("clock")))
    _save(app, "projector-deadline")
    ana.close()
