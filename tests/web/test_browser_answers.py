"""A student refuses the repeated proposals in one click in a real browser (issue 16's click
grind): the batch card lists the repeats, one click sends a "refuse" message, the host records one
Reject each with its reason, and the other proposal stays on the page to be answered on its own.
Screenshots at 390x844 and 1280x800 go to the temporary folder."""

from __future__ import annotations

import os
import tempfile
import time

import pytest

from game.core.actions import EndPhase, Propose, Reject
from tests.net.served import SCENARIOS, Served
from tests.report.browser import Browser, missing
from tests.web.test_browser_play import LAPTOP, PHONE, SHOTS, _by, _join, _shot, _wait

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

NFZ = (("no_fly_zone", 1),)
OFFERS = {("russia", 1): [NFZ], ("russia", 2): [NFZ, NFZ], ("rebels", 2): [(("southwest_ceasefire", 1),)]}


class Script:
    """Russia offers the US a no-fly deal on turn 1 and twice on turn 2; the rebels a ceasefire on turn 2."""

    def __init__(self, actor: str) -> None:
        self.actor = actor

    def decide(self, obs, rng):
        wanted = OFFERS.get((self.actor, obs.turn), []) if obs.phase == "diplomacy" else []
        made = [p for p in obs.proposals if p.sender == self.actor and p.turn == obs.turn]
        if len(made) < len(wanted):
            to = ("us",) if self.actor == "russia" else ("us", "russia")
            return Propose(self.actor, to, wanted[len(made)])
        for p in obs.open_to_me():
            return Reject(self.actor, p.id)
        return EndPhase(self.actor)


@pytest.fixture()
def served():
    old = os.environ.get("PARLEY_HOME")
    os.environ["PARLEY_HOME"] = tempfile.mkdtemp(prefix="parley-home-")
    s = Served(SCENARIOS / "syria_2017_07.yaml", seed=5, students=["us"])
    s.room._agent_factory = lambda seat: Script(seat.actor)
    yield s
    s.stop()
    if old is None:
        os.environ.pop("PARLEY_HOME", None)
    else:
        os.environ["PARLEY_HOME"] = old


def _click(b: Browser, css: str) -> bool:
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        ElementNotInteractableException,
        StaleElementReferenceException,
    )

    try:
        found = [e for e in _by(b, css) if e.is_displayed() and e.is_enabled()]
        if found:  # in the middle of the page: the sticky bar at the top would take the click
            b.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", found[0])
            found[0].click()
            return True
    except (StaleElementReferenceException, ElementNotInteractableException, ElementClickInterceptedException):
        pass
    return False


def test_one_click_refuses_the_repeats_and_the_rest_stay_answerable(served):
    SHOTS.mkdir(exist_ok=True)
    b = Browser(*LAPTOP)
    try:
        _join(b, served, "Ana")
        teacher = served.teacher()
        teacher.numbered(type="start")
        _wait(b, lambda: not _by(b, "#game")[0].get_attribute("hidden"), what="the game screen")
        s = served.room.match.session
        # turn 1: refuse Russia's offer (#1) on its own, end every phase, until the batch card shows
        deadline = time.monotonic() + 60
        while not _by(b, '.batch button[data-group="repeats"]') and time.monotonic() < deadline:
            if _by(b, ".status.turn"):
                _click(b, '.incoming[data-proposal="1"] button:not(.primary)') or _click(b, "#end-button")
            time.sleep(0.2)
        _wait(b, lambda: bool(_by(b, '.batch button[data-group="repeats"]')), what="the batch card")
        text = b.text()
        assert "3 proposals wait for you: 2 are repeats" in text
        assert "Russia ×2, third time (refused on turn 1)" in text
        assert "Sent for the second time: you refused it on turn 1" in text  # on the proposal's own card
        for size in (LAPTOP, PHONE):
            b.size(*size, 2.0 if size == PHONE else 1.0)
            b.driver.execute_script("window.scrollTo(0, 0)")  # the batch card comes first on the page
            _shot(b, "answers", size)
        # the proposals' rows are rows of a table, not "[object HTMLTableRowElement]"
        assert "HTMLTableRowElement" not in b.text() and _by(b, '.incoming[data-proposal="4"] td')
        b.size(*LAPTOP)
        time.sleep(0.2)
        before = len(s.actions)
        assert _click(b, '.batch button[data-group="repeats"]')
        _wait(b, lambda: not _by(b, '.incoming[data-proposal="2"]'), what="the repeats refused")
        assert s.actions[before:] == [Reject("us", 2, "same as the deal I refused on turn 1"),
                                      Reject("us", 3, "same as the deal I refused on turn 1")]
        assert [e.get_attribute("data-proposal") for e in _by(b, ".incoming")] == ["4"]
        assert not _by(b, ".batch")  # one proposal left: answered on its own card
        assert not [line for line in b.console() if "SEVERE" in line]
        teacher.close()
    finally:
        b.close()
