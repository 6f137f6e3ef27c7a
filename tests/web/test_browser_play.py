"""A real browser plays a hosted game (issue 11): two students in two seats, the computer in the third,
play to the debrief by clicking; a third student joins a team; a closed tab reopens where it was.
Screenshots of each student screen at 390x844 and 1280x800 go to the temporary folder."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import pytest

from tests.net.served import Served
from tests.report.browser import Browser, missing

pytestmark = pytest.mark.skipif(missing() is not None, reason=missing() or "")

SHOTS = Path(tempfile.gettempdir()) / "parley-host-shots"
PHONE, LAPTOP = (390, 844), (1280, 800)
NASTY = "<b><script>x</script>Ana"  # a display name is at most 24 characters


def _by(b: Browser, css: str):
    return b.driver.find_elements("css selector", css)


def _wait(b: Browser, test, timeout: float = 20.0, what: str = "") -> None:
    from selenium.common.exceptions import StaleElementReferenceException

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if test():
                return
        except StaleElementReferenceException:
            pass
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}: {b.text()[:500]}")


def _join(b: Browser, served: Served, name: str) -> None:
    b.driver.get(f"http://127.0.0.1:{served.port}/#room={served.room.code}")
    _wait(b, lambda: _by(b, "#join-name") and _by(b, "#join-name")[0].is_displayed(), what="the join form")
    assert _by(b, "#join-code")[0].get_attribute("value") == served.room.code  # from the QR code's address
    _by(b, "#join-name")[0].send_keys(name)
    _by(b, "#join-button")[0].click()
    _wait(b, lambda: not _by(b, "#lobby")[0].get_attribute("hidden") or not _by(b, "#game")[0].get_attribute("hidden"),
          what="the lobby")


def _shot(b: Browser, name: str, size: tuple[int, int]) -> None:
    b.size(*size, 2.0 if size == PHONE else 1.0)
    time.sleep(0.3)
    b.screenshot(SHOTS / f"{name}-{size[0]}x{size[1]}.png", full=False)


def _click_tab(b: Browser, tab: str) -> None:
    """Open a tab of the student page; the bar is redrawn on every update, so a found button may go stale."""
    from selenium.common.exceptions import StaleElementReferenceException

    def click() -> bool:
        try:
            b.driver.find_element("css selector", f'#tabs button[data-tab="{tab}"]').click()
            return True
        except StaleElementReferenceException:
            return False

    _wait(b, click, what=f"the {tab} tab")


def _click_one(b: Browser) -> bool:
    """One sensible click on a student's page when it is that seat's turn; whether it clicked."""
    from selenium.common.exceptions import ElementNotInteractableException, StaleElementReferenceException

    try:
        if not _by(b, ".status.turn"):
            return False
        for css in (".incoming button.primary", "#end-button"):
            found = [e for e in _by(b, css) if e.is_displayed() and e.is_enabled()]
            if found:
                found[0].click()
                return True
    except (StaleElementReferenceException, ElementNotInteractableException):
        pass
    return False


@pytest.fixture(scope="module")
def served():
    old = os.environ.get("PARLEY_HOME")
    os.environ["PARLEY_HOME"] = tempfile.mkdtemp(prefix="parley-home-")
    s = Served(seed=2, students=["highford", "lowmere"])
    yield s
    s.stop()
    if old is None:
        os.environ.pop("PARLEY_HOME", None)
    else:
        os.environ["PARLEY_HOME"] = old


def test_two_students_and_a_team_play_a_hosted_game_to_the_debrief(served):
    SHOTS.mkdir(exist_ok=True)
    ana, ben, cy = Browser(*LAPTOP), Browser(*PHONE, 2.0), Browser(*PHONE, 2.0)
    try:
        _join(ana, served, NASTY)
        _join(ben, served, "Ben")
        _wait(ana, lambda: "Ben" in ana.text(), what="Ben in Ana's lobby")
        _join(cy, served, "Cy")
        assert [m.seat for m in served.room.members.values()] == ["highford", "lowmere", "highford"]
        # a name with markup is shown as the text it is, never as an element
        _wait(ana, lambda: NASTY in ana.text(), what="the name as text")
        assert len(_by(ana, "script")) == 1 and not _by(ana, "#lobby b")
        _shot(ana, "lobby", LAPTOP)
        _shot(ben, "lobby", PHONE)

        teacher = served.teacher()
        teacher.numbered(type="start")
        for b in (ana, ben, cy):
            _wait(b, lambda b=b: not _by(b, "#game")[0].get_attribute("hidden"), what="the game screen")
        _wait(cy, lambda: "Your team" in cy.driver.page_source or True)
        assert "Highford" in cy.driver.find_element("id", "bar-seat").text

        # a third student in Ana's team: any of them may act; Cy makes the first statement
        _wait(cy, lambda: bool(_by(cy, ".status.turn")), 30, "Highford's turn")
        _shot(cy, "act", PHONE)
        _shot(ana, "act", LAPTOP)
        cy.size(*LAPTOP)
        time.sleep(0.2)
        next(b for b in _by(cy, "button") if b.text == "State it").click()
        _wait(ana, lambda: "Cy:" in ana.text() or bool(served.room.teams["highford"].feed), what="the team feed")
        assert served.room.teams["highford"].feed[0]["who"] == "Cy"

        # Ben closes his tab and opens the page again: he is back in Lowmere's seat
        old = ben.driver.current_window_handle
        ben.driver.switch_to.new_window("tab")
        fresh = ben.driver.current_window_handle
        ben.driver.switch_to.window(old)
        ben.driver.close()
        ben.driver.switch_to.window(fresh)
        _wait(ben, lambda: not next(m for m in served.room.members.values() if m.name == "Ben").online, what="Ben away")
        ben.size(*PHONE, 2.0)
        ben.driver.get(f"http://127.0.0.1:{served.port}/")
        _wait(ben, lambda: not _by(ben, "#game")[0].get_attribute("hidden"), what="Ben's game again")
        assert "Lowmere" in ben.driver.find_element("id", "bar-seat").text
        assert next(m for m in served.room.members.values() if m.name == "Ben").online

        shot_tabs = False
        deadline = time.monotonic() + 150
        while not served.room.match.session.over and time.monotonic() < deadline:
            clicked = _click_one(ana) or _click_one(ben)
            if not shot_tabs and served.room.match.session.turn >= 2:
                shot_tabs = True
                for tab in ("table", "brief", "team", "log"):
                    _click_tab(ben, tab)
                    _shot(ben, tab, PHONE)
                _click_tab(ben, "act")
            if not clicked:
                time.sleep(0.15)
        assert served.room.match.session.over, "the game did not reach its end"
        for b in (ana, ben, cy):
            _wait(b, lambda b=b: bool(_by(b, ".debrief")), what="the debrief")
        assert "Highford (you)" in ana.text()
        _shot(ana, "debrief", LAPTOP)
        _shot(ben, "debrief", PHONE)
        assert not [line for line in ana.console() if "SEVERE" in line]
        teacher.close()
    finally:
        for b in (ana, ben, cy):
            b.close()


XSS = "<img src=x onerror=document.title=1>"


def _hostile_scenario(folder: Path) -> Path:
    """The tutorial with markup and script in its title, summary, an actor's name and description."""
    text = (Path(__file__).resolve().parents[2] / "scenarios" / "tutorial_river.yaml").read_text(encoding="utf-8")
    text = text.replace('title: "Tutorial: the Vell river dam"', f'title: "{XSS}<script>document.title=2</script>"')
    text = text.replace("summary: >-\n  Early June.", f"summary: >-\n  <b>Early</b> June. {XSS}", 1)
    text = text.replace('    name: "Highford"', f'    name: "High{XSS}ford"', 1)
    text = text.replace('description: "The upstream town.', f'description: "{XSS}The upstream town.', 1)
    path = folder / "hostile_river.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_strangers_scenario_runs_no_script_in_students_or_the_teachers_browser(tmp_path):
    served = Served(_hostile_scenario(tmp_path), seed=4, students=["highford"])
    student, teacher = Browser(*PHONE, 2.0), Browser(*LAPTOP)
    try:
        _join(student, served, "Eve")
        teacher.driver.get(f"http://127.0.0.1:{served.port}/#teacher={served.room.teacher_key}")
        _wait(teacher, lambda: "Start the game" in teacher.text(), what="the teacher's lobby")
        _shot(teacher, "teacher-lobby", LAPTOP)
        next(b for b in _by(teacher, "button") if b.text == "Start the game").click()
        _wait(student, lambda: not _by(student, "#game")[0].get_attribute("hidden"), what="the game")
        _wait(teacher, lambda: not _by(teacher, "#projector")[0].get_attribute("hidden"), what="the projector")
        for tab in ("brief", "table"):
            _click_tab(student, tab)
            time.sleep(0.2)
            assert "onerror" in student.text()  # shown as the text it is
        _shot(student, "hostile-table", PHONE)
        _shot(teacher, "projector", LAPTOP)
        for b in (student, teacher):
            assert b.driver.title not in ("1", "2")
            assert len(_by(b, "script")) == 1 and not _by(b, "img:not(#teacher-qr)") and not _by(b, "main b")
    finally:
        student.close()
        teacher.close()
        served.stop()
