"""The setup screen writes the role briefs and the debrief screen the report, and each says where."""

from __future__ import annotations

from game import paths
from game.core.actions import EndPhase
from game.ui.scenes.base import Dialog


def _dialog_text(d) -> str:
    assert isinstance(d.top, Dialog), d.top_name
    return d.top.title + "\n" + d.top.body


def test_setup_writes_the_briefs_and_says_where(driver, monkeypatch):
    d = driver
    opened = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    d.click("card0")
    assert d.top_name == "SetupScene"
    d.click("briefs")
    text = _dialog_text(d)
    (folder,) = paths.documents_dir().iterdir()
    assert "Role briefs written" in text and str(folder / "all.html") in text
    assert (folder / "all.html").is_file() and len(list(folder.glob("brief-*.html"))) >= 2
    d.click("b0")  # open in the browser
    assert opened == [(folder / "all.html").resolve().as_uri()]
    assert d.top_name == "SetupScene"
    d.click("briefs")  # a second time: a new folder, the first one untouched
    assert "Role briefs written" in _dialog_text(d) and len(list(paths.documents_dir().iterdir())) == 2


def test_setup_says_why_briefs_cannot_be_written(driver, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(paths, "documents_dir", lambda: blocker)
    d = driver
    d.click("card0")
    d.click("briefs")
    text = _dialog_text(d)
    assert "could not be written" in text and str(blocker) in text
    d.click("b0")
    assert d.top_name == "SetupScene"


def test_debrief_saves_the_report_and_says_where(driver, monkeypatch):
    d = driver
    d.click("card0")
    d.click("start")
    d.click("done")
    s = d.app.match.session
    while not s.over:  # the player passes; the computers play on
        if s.is_human(s.to_move):
            d.app.match.submit(EndPhase(s.to_move))
        else:
            s.step_computer()
    d.app.match.version += 1
    d.app.push(d.app.scene("debrief"))
    d.frames(2)
    d.click("report")
    text = _dialog_text(d)
    assert "Report written" in text
    (report,) = paths.documents_dir().glob("*-report-*.html")
    assert str(report) in text
    page = report.read_text(encoding="utf-8")
    assert "This game" in page and s.ending().title.replace("'", "&#39;") in page
    d.click("b1")
    assert d.top_name == "DebriefScene"
    d.click("report")
    assert len(list(paths.documents_dir().glob("*-report-*.html"))) == 2  # never replaced
