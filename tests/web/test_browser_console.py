"""The teacher's browser tab runs the facilitator's console of a hosted game (issue 12): it pauses the
game and sets a deadline by clicking, and a student's phone shows the pause and the countdown.
Screenshots (teacher 1280x800, student 390x844) go to the temporary folder."""

from __future__ import annotations

import os
import time

import pytest

from tests.net.served import Served
from tests.report.browser import Browser, missing
from tests.web.test_browser_play import LAPTOP, PHONE, SHOTS, _by, _join, _shot, _wait

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")


def _button(b: Browser, text: str):
    return next(e for e in _by(b, "#facilitator button") if e.text == text and e.is_displayed())


def test_the_teacher_pauses_and_sets_a_deadline_from_the_browser_and_students_see_it(tmp_path):
    old = os.environ.get("PARLEY_HOME")
    os.environ["PARLEY_HOME"] = str(tmp_path)
    served = Served(seed=2, students=["highford", "lowmere"])
    SHOTS.mkdir(exist_ok=True)
    ana, teacher = Browser(*PHONE, 2.0), Browser(*LAPTOP)
    try:
        _join(ana, served, "Ana")
        teacher.driver.get(f"http://127.0.0.1:{served.port}/#teacher={served.room.teacher_key}")
        _wait(teacher, lambda: _by(teacher, "#start-button")[0].is_displayed(), what="the teacher's lobby")
        _by(teacher, "#start-button")[0].click()
        _wait(teacher, lambda: _by(teacher, ".fac-toggle") and _by(teacher, ".fac-toggle")[0].is_displayed(),
              what="the facilitator's button")
        # closed, the panel shows nothing private; opened, it shows controls, never a seat's brief
        lowmere = served.room.scenario.actor("lowmere")
        secrets = [*lowmere.objectives, *lowmere.red_lines]
        assert not any(s in teacher.text() for s in secrets)
        _by(teacher, ".fac-toggle")[0].click()
        _button(teacher, "Pause").click()
        _wait(ana, lambda: "Paused by the teacher" in ana.text(), what="the pause on the student's page")
        assert served.room.match.session.paused
        _wait(ana, lambda: "The teacher has paused the game." in ana.text(), what="the paused move panel")
        assert not [b for b in _by(ana, "#end-button") if b.is_displayed()]  # nothing to press in vain
        _wait(teacher, lambda: bool([e for e in _by(teacher, "#facilitator button") if e.text == "Resume"]),
              what="the resume button")
        _shot(ana, "student-paused", PHONE)
        _button(teacher, "Resume").click()
        _wait(teacher, lambda: not served.room.match.session.paused
              and bool([e for e in _by(teacher, "#facilitator button") if e.text == "Pause"]), what="the pause button")
        time.sleep(0.3)
        minutes = _by(teacher, "#fac-minutes")[0]
        minutes.clear()
        minutes.send_keys("2")
        _button(teacher, "Set deadline").click()
        _wait(ana, lambda: "left in this phase" in ana.text(), what="the countdown on the student's page")
        first = _by(ana, "#clock")[0].text
        time.sleep(1.6)
        assert _by(ana, "#clock")[0].text != first  # it counts down by itself
        assert served.room.match.session.state.console.deadline == 120
        _shot(ana, "student-deadline", PHONE)
        _shot(teacher, "teacher-console", LAPTOP)
        assert not any(s in teacher.text() for s in secrets)
        errors = [line for line in ana.console() + teacher.console() if "favicon" not in line]
        assert not errors  # no script errors
    finally:
        ana.close()
        teacher.close()
        served.stop()
        if old is None:
            os.environ.pop("PARLEY_HOME", None)
        else:
            os.environ["PARLEY_HOME"] = old


