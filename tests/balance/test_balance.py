"""`parley balance`: seeded games, the same results on any backend, a report that tells the author
what never happens, and one-line refusals of bad input."""

from __future__ import annotations

import io
import json
import math
import multiprocessing
import os
import shutil
import stat
from pathlib import Path

import pytest

from game.balance.cli import ProgressBar, run_balance
from game.balance.games import play_batch, seat_agents
from game.balance.runner import run_games, run_modes
from game.balance.stats import Z95, balance_data, wilson
from game.balance.text import report_text
from game.cli import main
from game.core.errors import ParleyError
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario

TUTORIAL = next(str(p) for p in shipped_scenarios() if p.stem == "tutorial_river")


def _data() -> bytes:
    return Path(TUTORIAL).read_bytes()


@pytest.fixture(scope="module")
def serial_records():
    return run_games(_data(), TUTORIAL, list(range(6)), "ours", workers=1)


# ---------------------------------------------------------------- statistics
@pytest.mark.parametrize(("hits", "n"), [(0, 20), (20, 20), (7, 20), (1, 1000), (500, 1000)])
def test_wilson_interval_holds_the_share_and_stays_within_0_and_1(hits, n):
    low, high = wilson(hits, n)
    assert 0.0 <= low <= hits / n <= high <= 1.0
    if hits == 0:  # no hits: the upper bound is z²/(n + z²), not zero
        assert high == pytest.approx(Z95**2 / (n + Z95**2))
    low4, high4 = wilson(4 * hits, 4 * n)  # four times the games: a narrower interval
    assert high4 - low4 < high - low
    if 0.2 <= hits / n <= 0.8:  # away from the ends, half as wide (it shrinks as 1/sqrt(n))
        assert (high4 - low4) == pytest.approx((high - low) / 2, rel=0.1)


def test_wilson_interval_is_symmetric_in_hits_and_misses():
    low, high = wilson(3, 40)
    low2, high2 = wilson(37, 40)
    assert math.isclose(low, 1 - high2) and math.isclose(high, 1 - low2)


# ---------------------------------------------------------------- determinism
def test_results_are_identical_on_one_worker_or_a_process_pool(serial_records):
    pooled = run_games(_data(), TUTORIAL, list(range(6)), "ours", workers=2)
    assert pooled == serial_records
    assert [r["seed"] for r in pooled] == list(range(6))


@pytest.mark.parametrize("pool", ["fork", "loky"])
def test_both_local_pools_give_the_serial_results_and_modes_played_together_as_apart(serial_records, pool):
    if pool == "fork" and "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("this system cannot fork")
    together = run_modes(_data(), TUTORIAL, list(range(6)), ("ours", "random"), workers=2, pool=pool)
    assert together["ours"] == serial_records
    assert together["random"] == run_games(_data(), TUTORIAL, list(range(6)), "random", workers=1)
    assert together["random"] != together["ours"]


def test_results_are_identical_on_a_dask_cluster(serial_records):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        on_cluster = run_games(_data(), TUTORIAL, list(range(6)), "ours", scheduler=cluster.scheduler_address)
    assert on_cluster == serial_records


def test_an_unreachable_scheduler_is_one_line_not_a_traceback(capsys, tmp_path):
    pytest.importorskip("distributed")
    assert main(["balance", TUTORIAL, "--games", "2", "--scheduler", "tcp://127.0.0.1:9"]) == 1
    err = capsys.readouterr().err
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "Traceback" not in err


def test_every_reported_seed_replays_to_its_ending_with_autoplay(capsys):
    data, _, _ = run_balance(TUTORIAL, games=8, seats="mixed", workers=1)
    reached = [e for e in data["endings"] if e["seed"] is not None]
    assert reached
    for e in reached:
        assert main(["autoplay", TUTORIAL, "--seed", str(e["seed"]), "--agent", "mixed", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["ending"]["id"] == e["id"]


def test_mixed_seats_are_drawn_from_the_seed():
    sc = load_scenario(TUTORIAL)
    draws = [tuple(seat_agents(sc, seed, "mixed").values()) for seed in range(12)]
    assert draws == [tuple(seat_agents(sc, seed, "mixed").values()) for seed in range(12)]
    assert len(set(draws)) > 1 and {"ours", "random"} <= {k for d in draws for k in d}


# ---------------------------------------------------------------- the report
def test_the_report_counts_every_game_and_names_what_never_happens(serial_records):
    sc = load_scenario(TUTORIAL)
    randoms = play_batch(_data(), TUTORIAL, list(range(6)), "random")
    data = balance_data(sc, TUTORIAL, serial_records, "ours", randoms)
    assert sum(e["count"] for e in data["endings"]) == 6
    never = {e["id"] for e in data["never"]["endings"]}
    reached = {r["ending"] for r in serial_records}
    assert never == {e.id for e in sc.endings} - reached
    for item in data["never"]["endings"]:  # how often random play gets there, counted from its games
        assert item["random"] == sum(r["ending"] == item["id"] for r in randoms)
    made = {m for r in serial_records for m in r["moves"]}
    assert {u["id"] for u in data["never"]["unilateral_moves"]} == {u.id for u in sc.unilateral_moves} - made
    for move in data["moves"]:
        assert move["count"] == sum(move["id"] in r["agreed"] for r in serial_records) == sum(move["turns"])
    for row in data["scores"]:
        assert row["min"] <= row["q1"] <= row["median"] <= row["q3"] <= row["max"]
    start = data["indicators"][0]["turns"][0]
    assert start["min"] == start["max"] == sc.indicators[0].start


def test_text_report_reads_as_advice(serial_records):
    sc = load_scenario(TUTORIAL)
    randoms = play_batch(_data(), TUTORIAL, list(range(6)), "random")
    data = balance_data(sc, TUTORIAL, serial_records, "ours", randoms)
    text = report_text(data)
    for e in data["endings"]:
        assert e["title"] in text
    first = next(e for e in data["endings"] if e["seed"] is not None)
    assert f"autoplay {TUTORIAL} --seed {first['seed']}" in text
    if data["never"]["endings"]:
        assert "random play" in text


def test_the_command_prints_the_report_and_json(capsys):
    assert main(["balance", TUTORIAL, "--games", "3", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "3 games, seeds 0–2" in out and "Endings" in out and "Never reached" in out
    assert main(["balance", TUTORIAL, "--games", "3", "--workers", "1", "--json", "--seats", "random"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["games"] == 3 and data["seats"] == "random" and len(data["fingerprint"]) == 64


def test_html_report_is_one_escaped_file_with_charts(tmp_path, capsys):
    hostile = tmp_path / "hostile.yaml"
    text = _data().decode("utf-8").replace("title: \"Tutorial", "title: \"<script>alert(1)</script> Tutorial", 1)
    assert text != _data().decode("utf-8")
    hostile.write_text(text, encoding="utf-8")
    out = tmp_path / "balance.html"
    assert main(["balance", str(hostile), "--games", "2", "--workers", "1", "--html", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("<svg") >= 4 and "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_progress_bar_is_quiet_off_a_terminal_and_moves_on_one():
    quiet = io.StringIO()
    bar = ProgressBar(4, quiet)
    bar(2), bar(2), bar.close()
    assert quiet.getvalue() == ""

    class Tty(io.StringIO):
        def isatty(self):
            return True

    loud = Tty()
    bar = ProgressBar(4, loud)
    bar(4)
    assert "4/4 games" in loud.getvalue()


# ---------------------------------------------------------------- hostile input
@pytest.mark.parametrize("args", [["--games", "0"], ["--games", "-3"], ["--games", "10000000"], ["--games", "many"],
                                  ["--workers", "0"], ["--workers", "abc"], ["--workers", "100000"],
                                  ["--seats", "nobody"], ["--seed", "-1"]])
def test_bad_arguments_are_refused_in_one_line(args, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["balance", TUTORIAL, *args])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "error:" in err and "Traceback" not in err


def test_bad_files_are_refused_with_file_and_line(tmp_path, capsys):
    assert main(["balance", str(tmp_path / "missing.yaml")]) == 1
    assert "missing.yaml" in capsys.readouterr().err
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [unclosed\n", encoding="utf-8")
    assert main(["balance", str(bad)]) == 1
    assert "bad.yaml:" in capsys.readouterr().err
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(bytes(range(256)) * 4)
    assert main(["balance", str(binary)]) == 1
    assert "binary.yaml" in capsys.readouterr().err


def test_outputs_are_checked_before_any_game_is_played(tmp_path, capsys):
    existing = tmp_path / "old.html"
    existing.write_text("keep me", encoding="utf-8")
    assert main(["balance", TUTORIAL, "--games", "50000", "--html", str(existing)]) == 1
    assert "already exists; give --force" in capsys.readouterr().err
    assert existing.read_text(encoding="utf-8") == "keep me"
    assert main(["balance", TUTORIAL, "--games", "50000", "--html", str(tmp_path / "no" / "such" / "r.html")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["balance", TUTORIAL, "--games", "50000", "--html", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert main(["balance", TUTORIAL, "--games", "1", "--workers", "1", "--html", str(existing), "--force"]) == 0
    assert "<svg" in existing.read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root can write anywhere")
def test_an_unwritable_folder_is_refused_before_playing(tmp_path, capsys):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        assert main(["balance", TUTORIAL, "--games", "50000", "--html", str(locked / "r.html")]) == 1
        assert "cannot be written" in capsys.readouterr().err
    finally:
        locked.chmod(stat.S_IRWXU)
        shutil.rmtree(locked)


def test_a_game_that_breaks_is_one_line_with_its_seed(monkeypatch, capsys):
    from game.balance import games

    def broken(scenario, seed, mode):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(games, "play_record", broken)
    assert main(["balance", TUTORIAL, "--games", "2", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "the game with seed 0 stopped with an error (ZeroDivisionError" in err and "Traceback" not in err


def test_a_game_that_breaks_in_a_forked_worker_is_one_line_too(monkeypatch, capsys):
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("this system cannot fork")
    from game.balance import games

    def broken(scenario, seed, mode):  # the forks inherit it
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(games, "play_record", broken)
    with pytest.raises(ParleyError, match="the game with seed 0 stopped with an error"):
        run_modes(_data(), TUTORIAL, list(range(4)), ("ours",), workers=2, pool="fork")


def test_a_batch_collects_cycles_rarely_and_gives_the_collector_back_as_it_was(monkeypatch):
    """While a batch plays, the cyclic collector waits for many more new objects (a game's objects
    are freed by their counts); afterwards, and after a game that breaks, its thresholds are the caller's."""
    import gc

    from game.balance import games

    during = []
    real = games.play_record

    def watched(scenario, seed, mode):
        during.append(gc.get_threshold()[0])
        return real(scenario, seed, mode)

    before = gc.get_threshold()
    monkeypatch.setattr(games, "play_record", watched)
    records = play_batch(_data(), TUTORIAL, [0, 1], "random")
    assert len(records) == 2 and during == [games.BATCH_GC_THRESHOLD] * 2 and before[0] < games.BATCH_GC_THRESHOLD
    assert gc.get_threshold() == before

    def broken(scenario, seed, mode):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(games, "play_record", broken)
    with pytest.raises(ParleyError):
        play_batch(_data(), TUTORIAL, [0], "random")
    assert gc.get_threshold() == before


def test_batches_playing_at_once_in_threads_give_the_collector_back_as_it_was(monkeypatch):
    """Dask's threaded workers play batches at once in one process: the threshold is the caller's
    again only after the last batch, whichever order they finish in."""
    import gc
    import threading

    from game.balance import games

    before = gc.get_threshold()
    started, release = threading.Barrier(3), threading.Event()
    real = games.play_record

    def slow(scenario, seed, mode):
        if seed == 0:
            started.wait(5)
            release.wait(5)
        return real(scenario, seed, mode)

    monkeypatch.setattr(games, "play_record", slow)
    threads = [threading.Thread(target=play_batch, args=(_data(), TUTORIAL, [0, 1], "random")) for _ in range(2)]
    for t in threads:
        t.start()
    started.wait(5)  # both batches are playing
    assert gc.get_threshold()[0] == games.BATCH_GC_THRESHOLD
    release.set()
    for t in threads:
        t.join(10)
    assert gc.get_threshold() == before
