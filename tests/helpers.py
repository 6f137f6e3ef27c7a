"""Shared test helpers: a seeded stand-in computer actor and loading shipped scenarios once."""

from __future__ import annotations

import functools
import os
import stat
import threading

from game.core.actions import EndPhase
from game.resources import shipped_scenarios
from game.scenario.loader import load_scenario


class RandomStandIn:
    """Picks a legal action at random with the generator it is given, ending phases often."""

    def decide(self, obs, rng):
        if rng.random() < 0.5:
            return EndPhase(obs.actor)
        return obs.legal[int(rng.integers(len(obs.legal)))]


def stand_in(seat):
    return RandomStandIn()


@functools.cache
def shipped(name: str = "syria_2017_07"):
    for path in shipped_scenarios():
        if path.stem == name:
            return load_scenario(path)
    raise KeyError(name)


def find_shipped(ref):
    """A save's scenario among the shipped ones, by id (``game.saves.ScenarioFinder``)."""
    try:
        return shipped(ref.id), None
    except KeyError:
        return None


def in_time(call, seconds: float = 10.0, fifo=None):
    """Run call in a thread: (finished in time, its result or the exception it raised). A reader
    left stuck on the FIFO given is set free afterwards by opening it for writing."""
    out: dict = {}

    def run() -> None:
        try:
            out["value"] = call()
        except BaseException as err:  # noqa: BLE001  (the caller inspects it)
            out["value"] = err

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        if fifo is not None and stat.S_ISFIFO(os.lstat(fifo).st_mode):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        return False, None
    return True, out.get("value")


def private_null(folder):
    """A character device like /dev/null made inside folder (needs root), or None. Tests of
    "never replace a device" write to this one: should the code regress, the real /dev/null
    (shared by every process on the machine) must not be the one replaced."""
    path = os.path.join(folder, "null-device")
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (AttributeError, OSError):
        return None
    return path
