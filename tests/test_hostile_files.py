"""Every reader of an outside file (scenario, save, settings, `play FILE`, `validate`, `--load`)
refuses pipes, devices and links to them at once, with one line and no traceback."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from game import saves
from game.cli import main
from game.core.errors import SaveError, ScenarioError
from game.scenario.loader import load_scenario
from tests.helpers import in_time

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and device files")

KINDS = ["fifo", "/dev/zero", "/dev/urandom", "link to /dev/zero", "link to /dev/urandom"]


def _hostile(tmp_path: Path, kind: str, name: str) -> Path:
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind.startswith("link to "):
        path.symlink_to(kind.removeprefix("link to "))
    else:
        return Path(kind)
    return path


@pytest.mark.parametrize("kind", KINDS)
def test_a_scenario_that_is_a_pipe_or_device_is_refused(tmp_path, kind):
    path = _hostile(tmp_path, kind, "s.yaml")
    done, result = in_time(lambda: load_scenario(path), fifo=path)
    assert done, "the loader hung"
    assert isinstance(result, ScenarioError)
    assert "not a regular file" in str(result) and str(path) in str(result) and "\n" not in str(result)


@pytest.mark.parametrize("command", ["validate", "play"])
@pytest.mark.parametrize("kind", KINDS)
def test_validate_and_play_refuse_a_pipe_or_device(tmp_path, kind, command, capsys):
    path = _hostile(tmp_path, kind, "s.yaml")
    done, code = in_time(lambda: main([command, str(path)]), fifo=path)
    assert done, f"{command} hung"
    assert code == 1
    out, err = capsys.readouterr()
    text = out + err
    assert "not a regular file" in text and "Traceback" not in text and len(text.splitlines()) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_save_that_is_a_pipe_or_device_is_refused(tmp_path, kind, capsys):
    path = _hostile(tmp_path, kind, "g.parley.json")
    done, result = in_time(lambda: saves.load(path), fifo=path)
    assert done and isinstance(result, SaveError) and "not a regular file" in str(result)
    done, summary = in_time(lambda: saves.summary(path), fifo=path)
    assert done and summary is None
    done, code = in_time(lambda: main(["autoplay", "--load", str(path)]), fifo=path)
    assert done and code == 1
    _, err = capsys.readouterr()
    assert "not a regular file" in err and "Traceback" not in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_settings_file_that_is_a_pipe_or_device_gives_the_defaults(tmp_path, kind, caplog):
    from game.ui import settings as sm

    path = _hostile(tmp_path, kind, "settings.json")
    with caplog.at_level(logging.WARNING):
        done, result = in_time(lambda: sm.load(path), fifo=path)
    assert done and result == sm.Settings()
    assert "not a regular file" in caplog.text
