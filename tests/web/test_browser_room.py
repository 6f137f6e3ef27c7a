"""A student reads the room in a hosted game (issue 15 item 5): the standing in the top bar, what is
at stake, an actor's dossier opened from the table and the round digest with its filters, all from
the seat's room view. Screenshots at 390x844 and 1280x800 go to the temporary folder."""

from __future__ import annotations

import json
import os
import re
import tempfile
import time

import pytest

from tests.net.served import Served
from tests.report.browser import Browser, missing
from tests.web.test_browser_play import LAPTOP, PHONE, SHOTS, _by, _click_one, _click_tab, _shot, _wait

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")


def _click(b: Browser, css: str) -> None:
    from selenium.common.exceptions import StaleElementReferenceException

    def once() -> bool:
        try:
            found = [e for e in _by(b, css) if e.is_displayed()]
            if found:
                found[0].click()
                return True
        except StaleElementReferenceException:
            pass
        return False

    _wait(b, once, what=css)


def test_a_student_opens_a_dossier_and_the_digest(tmp_path):
    old = os.environ.get("PARLEY_HOME")
    os.environ["PARLEY_HOME"] = tempfile.mkdtemp(prefix="parley-home-")
    served = Served(seed=3, students=["highford"])
    b = Browser(*LAPTOP)
    try:
        SHOTS.mkdir(exist_ok=True)
        b.driver.get(f"http://127.0.0.1:{served.port}/#room={served.room.code}")
        _wait(b, lambda: _by(b, "#join-name") and _by(b, "#join-name")[0].is_displayed(), what="the join form")
        _by(b, "#join-name")[0].send_keys("Dee")
        _by(b, "#join-button")[0].click()
        served.teacher().numbered(type="start")
        _wait(b, lambda: not _by(b, "#game")[0].get_attribute("hidden"), what="the game")
        deadline = time.monotonic() + 60
        while served.room.match.session.turn < 2 and time.monotonic() < deadline:
            if not _click_one(b):
                time.sleep(0.15)
        _wait(b, lambda: bool(_by(b, ".status.turn")), 30, "Highford's turn")
        room = served.room.match
        standing = b.driver.find_element("id", "bar-standing").text
        assert "Score" in standing and "since turn" in standing  # always in the top bar
        stakes = _by(b, "#stakes [data-stake]")
        assert stakes and all(s.text for s in stakes)
        for size in (PHONE, LAPTOP):
            b.driver.execute_script("window.scrollTo(0, 0)")
            _shot(b, "room-stakes", size)

        # a dossier: tap an actor on the table
        b.size(*LAPTOP)
        _click_tab(b, "table")
        other = next(a.id for a in room.session.scenario.actors if a.id != "highford")
        _click(b, f'[data-dossier="{other}"]')
        _wait(b, lambda: bool(_by(b, f'#dossier[data-actor="{other}"]')), what="the dossier")
        text = b.driver.find_element("id", "dossier").text
        name = room.session.scenario.actor(other).name
        assert name in text and "Your estimate of what it wants" in text
        for size in (LAPTOP, PHONE):
            _shot(b, "room-dossier", size)
        b.size(*LAPTOP)
        _click(b, "#dossier-close")
        _wait(b, lambda: not _by(b, "#dossier"), what="the table again")

        # the digest: grouped by turn, filters, the full log one tap away
        _click_tab(b, "digest")
        _wait(b, lambda: bool(_by(b, "#panel-digest .digest-turn")), what="the digest")
        turns = [h.text for h in _by(b, "#panel-digest .digest-turn h3")]
        sent = json.loads(served.room.seat_message("highford"))["room"]["digest"]
        assert [t.split(" — ")[0] for t in turns] == [g["title"] for g in sent]  # newest first, as sent
        assert [t.split(" — ")[1] for t in turns if " — " in t] == [g["when"] for g in sent if g["when"]]
        assert not [t for t in turns if re.search(r"\d{4}-\d\d-\d\d", t)]  # 'Mon 2 Jun 2025', never ISO
        for size in (PHONE, LAPTOP):
            _shot(b, "room-digest", size)
        b.size(*LAPTOP)
        all_items = len(_by(b, "#panel-digest .digest-item"))
        _click(b, '[data-filter="news"]')
        _wait(b, lambda: _by(b, '[data-filter="news"]')[0].get_attribute("aria-pressed") == "true", what="the filter")
        kinds = {e.get_attribute("data-kind") for e in _by(b, "#panel-digest .digest-item")}
        assert kinds <= {"news", "ending"} and len(_by(b, "#panel-digest .digest-item")) < all_items
        _click(b, "#full-log")
        _wait(b, lambda: _by(b, "#panel-log")[0].is_displayed(), what="the full log")
        assert not [line for line in b.console() if "SEVERE" in line]
    finally:
        b.close()
        served.stop()
        if old is None:
            os.environ.pop("PARLEY_HOME", None)
        else:
            os.environ["PARLEY_HOME"] = old
