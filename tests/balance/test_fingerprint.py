"""The fixed-seed fingerprint: the same games give the same hash on any number of workers and any
backend, and a changed decision changes it."""

from __future__ import annotations

import pytest

from benchmarks import fingerprint as fp
from game.balance.games import actions_hash
from game.core.actions import EndPhase
from game.resources import shipped_scenarios

TUTORIAL = str(next(p for p in shipped_scenarios() if p.stem == "tutorial_river"))


@pytest.fixture(scope="module")
def serial():
    return fp.games_fingerprint(TUTORIAL, games=5, workers=1)


def test_the_fingerprint_is_the_same_on_a_process_pool(serial):
    assert fp.games_fingerprint(TUTORIAL, games=5, workers=2)["total"] == serial["total"]


def test_the_fingerprint_is_the_same_on_a_dask_cluster(serial):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None) as c:
        assert fp.games_fingerprint(TUTORIAL, games=5, scheduler=c.scheduler_address)["total"] == serial["total"]


def test_every_game_has_its_own_hash_and_a_changed_reason_changes_it(serial):
    assert len({g["hash"] for g in serial["games"]}) == 5
    assert actions_hash([EndPhase("a", "waits")]) != actions_hash([EndPhase("a", "waits a little")])


def test_expect_fails_on_a_different_total(capsys):
    assert fp.main(["--scenario", TUTORIAL, "--games", "2", "--expect", "0" * 64]) == 1
    assert "fingerprint differs" in capsys.readouterr().err
