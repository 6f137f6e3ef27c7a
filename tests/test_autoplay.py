"""`parley autoplay`: transcripts, JSON, determinism, save and resume."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.resources import shipped_scenarios


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(["autoplay", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_transcript_shows_news_diplomacy_changes_with_causes_ending_and_scores(capsys):
    code, out, _ = _run(capsys, "--seed", "3")
    assert code == 0
    assert "== Turn 1 of 8 — 2017-07-05 ==" in out
    assert "News:" in out and "Diplomacy:" in out
    assert "because:" in out
    assert "Ending:" in out and "Scores (0-100):" in out


@pytest.mark.parametrize("path", shipped_scenarios(), ids=lambda p: p.stem)
def test_json_has_the_promised_keys_and_is_the_same_twice(capsys, path):
    code, first, _ = _run(capsys, str(path), "--seed", "9", "--json")
    assert code == 0
    _, second, _ = _run(capsys, str(path), "--seed", "9", "--json")
    assert first == second
    doc = json.loads(first)
    for key in ("scenario", "seed", "turns", "agreements", "indicators", "ending", "scores"):
        assert key in doc
    assert doc["seed"] == 9 and doc["ending"]["id"]
    assert all({"turn", "date", "news", "diplomacy", "changes"} <= set(t) for t in doc["turns"])


def test_text_output_is_the_same_twice(capsys):
    assert _run(capsys, "--seed", "12")[1] == _run(capsys, "--seed", "12")[1]


def test_saving_at_a_turn_and_loading_ends_as_the_uninterrupted_game(capsys, tmp_path):
    save = tmp_path / "mid.parley.json"
    _, whole, _ = _run(capsys, "--seed", "5", "--json")
    code, partial, _ = _run(capsys, "--seed", "5", "--turns", "3", "--save", str(save), "--json")
    assert code == 0 and json.loads(partial)["ending"] is None
    code, resumed, _ = _run(capsys, "--load", str(save), "--json")
    assert code == 0
    assert resumed == whole


def test_a_bad_save_gives_one_clear_line(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    code, out, err = _run(capsys, "--load", str(bad))
    assert code == 1 and out == ""
    assert str(bad) in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--seed", "x"], ["--seed", "-1"], ["--turns", "0"], ["--level", "godlike"]])
def test_bad_arguments_exit_2(capsys, argv):
    with pytest.raises(SystemExit) as exc:
        main(["autoplay", *argv])
    assert exc.value.code == 2


def test_a_broken_scenario_is_reported_with_file_and_line(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\ntitle: [\n")
    code, _, err = _run(capsys, str(broken))
    assert code == 1 and "broken.yaml:" in err


@pytest.mark.parametrize("target", ["file/x.json", "file/missing/x.json", "dev-null", "a-link.json"])
def test_saving_where_no_save_can_go_gives_one_clear_line(capsys, tmp_path, target):
    """`autoplay --save /etc/hostname/x.json` once printed a traceback; --save /dev/null replaced the device as root."""
    from tests.helpers import private_null

    (tmp_path / "file").write_text("x")
    (tmp_path / "a-link.json").symlink_to(tmp_path / "file")
    path = str(tmp_path / target)
    if target == "dev-null":  # never the real /dev/null: a regression would replace it for everyone
        path = private_null(tmp_path)
        if path is None:
            pytest.skip("making a device node needs root (whom the bug hurt)")
    code, _, err = _run(capsys, "--turns", "1", "--save", path)
    assert code == 1 and "Traceback" not in err and len(err.splitlines()) == 1
    assert err.startswith(f"parley: {path}: ")
    assert (tmp_path / "file").read_text() == "x"
    if target == "dev-null":
        assert Path(path).is_char_device()


def test_saving_into_a_read_only_place_gives_one_clear_line(capsys, tmp_path, monkeypatch):
    import errno
    import os

    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(os, "mkdir", refuse)
    code, _, err = _run(capsys, "--turns", "1", "--save", str(tmp_path / "ro" / "x.json"))
    assert code == 1 and len(err.splitlines()) == 1 and os.strerror(errno.EROFS) in err


@pytest.mark.parametrize("field, value, words", [
    ("level", "godlike", "unknown computer level 'godlike'"),
    ("agent", "evil", "unknown computer actor 'evil'"),
])
def test_a_save_with_an_unknown_agent_or_level_is_refused_before_playing(capsys, tmp_path, field, value, words):
    """Such a save once loaded, then autoplay crashed."""
    from game import saves

    save = tmp_path / "g.parley.json"
    assert _run(capsys, "--seed", "2", "--turns", "1", "--save", str(save))[0] == 0
    doc = json.loads(save.read_bytes())
    doc["seats"]["russia"][field] = value
    save.write_bytes(saves.encode({k: v for k, v in doc.items() if k != "checksum"}))
    code, out, err = _run(capsys, "--load", str(save))
    assert code == 1 and out == "" and words in err and "Traceback" not in err


def test_a_closed_pipe_ends_the_command_quietly(tmp_path):
    """`parley validate FILE... | head -1`: the reader goes away early; no traceback reaches the
    terminal and the exit status says nothing failed."""
    import subprocess
    import sys

    from game.resources import default_scenario

    files = [str(default_scenario())] * 8  # each takes a while, so the later lines meet a closed pipe
    proc = subprocess.Popen([sys.executable, "main.py", "validate", *files], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=str(Path(__file__).resolve().parent.parent))
    proc.stdout.readline()
    proc.stdout.close()  # as `head -1` does
    _, err = proc.communicate(timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode == 0
