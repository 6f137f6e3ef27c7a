"""`parley report` and `parley briefs` against hostile input: one clear line, exit 1, nothing damaged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from markupsafe import escape

from game.cli import main
from game.report import render


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_report_writes_one_self_contained_page(saved, tmp_path, capsys):
    out = tmp_path / "report.html"
    code, said, _ = _run(capsys, "report", saved["syria_a"], "-o", out)
    assert code == 0 and str(out) in said
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and str(escape(render.CSP)) in page
    for outside in ("http://", "https://", "//fonts", "<script", "<link", "@import", "url("):
        assert outside not in page.replace("http://www.w3.org/2000/svg", ""), outside


def test_report_json_is_the_data_of_the_page(saved, tmp_path, capsys):
    code, said, _ = _run(capsys, "report", saved["syria_a"], saved["syria_b"], "--json")
    data = json.loads(said)
    assert code == 0 and data["format"] == "parley-report" and len(data["games"]) == 2 and data["compare"]
    out = tmp_path / "r.json"
    assert _run(capsys, "report", saved["syria_a"], "--json", "-o", out)[0] == 0
    assert json.loads(out.read_text(encoding="utf-8"))["games"][0]["label"] == "syria_a"


def test_an_existing_report_is_never_replaced_without_force(saved, tmp_path, capsys):
    out = tmp_path / "report.html"
    out.write_text("the teacher's notes", encoding="utf-8")
    code, _, err = _run(capsys, "report", saved["syria_a"], "-o", out)
    assert code == 1 and err.count("\n") == 1 and str(out) in err and "--force" in err
    assert out.read_text(encoding="utf-8") == "the teacher's notes"
    assert _run(capsys, "report", saved["syria_a"], "-o", out, "--force")[0] == 0
    assert out.read_text(encoding="utf-8").startswith("<!doctype html>")


@pytest.mark.parametrize("damage", ["garbage", "cut", "edited", "empty", "folder"])
def test_a_damaged_save_is_refused_in_one_line_naming_it(saved, tmp_path, capsys, damage):
    bad = tmp_path / "bad.parley.json"
    good = saved["syria_a"].read_bytes()
    if damage == "garbage":
        bad.write_bytes(b"\x00\xff not json")
    elif damage == "cut":
        bad.write_bytes(good[: len(good) // 2])
    elif damage == "edited":
        bad.write_bytes(good.replace(b'"seed": 1', b'"seed": 2'))
    elif damage == "empty":
        bad.write_bytes(b"")
    else:
        bad.mkdir()
    out = tmp_path / "r.html"
    code, _, err = _run(capsys, "report", saved["syria_a"], bad, "-o", out)
    assert code == 1 and err.count("\n") == 1 and str(bad) in err
    assert not out.exists()


def test_saves_of_different_scenarios_are_not_compared(saved, tmp_path, capsys):
    out = tmp_path / "r.html"
    code, _, err = _run(capsys, "report", saved["syria_a"], saved["river"], "-o", out)
    assert code == 1 and err.count("\n") == 1 and "one scenario" in err and str(saved["river"]) in err
    assert not out.exists()


def test_a_missing_save_and_a_missing_output_are_explained(saved, tmp_path, capsys):
    code, _, err = _run(capsys, "report", tmp_path / "nope.parley.json", "-o", tmp_path / "r.html")
    assert code == 1 and "no such file" in err
    code, _, err = _run(capsys, "report", saved["syria_a"])
    assert code == 2 and "-o FILE" in err
    code, _, err = _run(capsys, "report", saved["syria_a"], "-o", tmp_path)
    assert code == 1 and "is a folder" in err


class ReadOnly:
    """A folder nobody can write into, even root (chattr +i), or None where that cannot be made."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.how: str | None = None

    def __enter__(self):
        self.folder.mkdir()
        if os.geteuid() != 0:
            self.folder.chmod(0o555)
            self.how = "chmod"
        elif shutil.which("chattr") and subprocess.run(["chattr", "+i", str(self.folder)],
                                                       capture_output=True, check=False).returncode == 0:
            self.how = "chattr"
        return self

    def __exit__(self, *exc):
        if self.how == "chattr":
            subprocess.run(["chattr", "-i", str(self.folder)], check=False)
        self.folder.chmod(0o755)


def test_a_read_only_output_folder_is_reported_in_one_line(saved, tmp_path, capsys):
    with ReadOnly(tmp_path / "locked") as locked:
        if locked.how is None:
            pytest.skip("cannot make a read-only folder here (root without chattr)")
        code, _, err = _run(capsys, "report", saved["syria_a"], "-o", locked.folder / "r.html")
        assert code == 1 and err.count("\n") == 1 and "cannot be written" in err
        code, _, err = _run(capsys, "briefs", "syria_2017_07", "-o", locked.folder / "briefs")
        assert code == 1 and err.count("\n") == 1 and "cannot be written" in err
        assert list(locked.folder.iterdir()) == []


def test_briefs_write_a_page_per_actor_and_a_background(tmp_path, capsys):
    out = tmp_path / "briefs"
    code, said, _ = _run(capsys, "briefs", "syria_2017_07", "-o", out)
    names = sorted(p.name for p in out.iterdir())
    assert code == 0 and "all.html" in said
    assert names == sorted(["all.html", "background.html"] + [f"brief-{a}.html" for a in
                                                              ("us", "russia", "syria_gov", "rebels", "iran", "turkey")])
    assert "Confidential" in (out / "brief-us.html").read_text(encoding="utf-8")


def test_briefs_never_replace_pages_without_force(tmp_path, capsys):
    out = tmp_path / "briefs"
    out.mkdir()
    (out / "background.html").write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "briefs", "tutorial_river", "-o", out)
    assert code == 1 and "--force" in err and (out / "background.html").read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["background.html"]  # nothing else was written either
    assert _run(capsys, "briefs", "tutorial_river", "-o", out, "--force")[0] == 0
    assert (out / "background.html").read_text(encoding="utf-8").startswith("<!doctype html>")


def test_briefs_of_a_broken_scenario_name_its_problems(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\nid: x\ntitle: 3\n", encoding="utf-8")
    code, _, err = _run(capsys, "briefs", bad, "-o", tmp_path / "out")
    assert code == 1 and err.startswith(f"{bad}:") and not (tmp_path / "out").exists()
    code, _, err = _run(capsys, "briefs", tmp_path / "none.yaml", "-o", tmp_path / "out")
    assert code == 1 and "none.yaml" in err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = _run(capsys, "briefs", "tutorial_river", "-o", tmp_path / "file")
    assert code == 1 and "not a folder" in err


def test_templates_are_package_data():
    """An installed package must carry every template and stylesheet the pages are made from."""
    root = Path(__file__).resolve().parents[2]
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert "game.report" in config["packages"]
    globs = config["package-data"]["game.report"]
    folder = root / "game" / "report"
    for path in (folder / "templates").iterdir():
        assert any(path.relative_to(folder).match(g) for g in globs), path.name
    assert "Jinja2>=3.1" in tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"][
        "dependencies"]


def test_the_commands_run_as_a_person_types_them(saved, tmp_path):
    root = Path(__file__).resolve().parents[2]
    out = tmp_path / "r.html"
    done = subprocess.run([sys.executable, str(root / "main.py"), "report", str(saved["river"]), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000


def test_a_save_whose_scenario_is_gone_or_changed_is_explained(tmp_path, capsys):
    from tests.report import hostile

    scenario, save = hostile.write_game(tmp_path)
    scenario.write_text(scenario.read_text(encoding="utf-8").replace("turns: 5", "turns: 4"), encoding="utf-8")
    code, _, err = _run(capsys, "report", save, "-o", tmp_path / "r.html")
    assert code == 1 and err.count("\n") == 1 and "has changed since this game was saved" in err
    scenario.unlink()
    code, _, err = _run(capsys, "report", save, "-o", tmp_path / "r.html")
    assert code == 1 and err.count("\n") == 1 and "cannot be found" in err
    assert not (tmp_path / "r.html").exists()
