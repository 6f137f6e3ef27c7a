"""The game window's speed: start-up, frame times on the table screen, and CPU use when idle.

Run from the repository root (headless unless --display is given):
    python benchmarks/frame_time.py [--frames N] [--json] [--display]

Prints:
    startup_s         from starting `python main.py` to the first drawn title frame (median of 3;
                      the window exits after its first frame when PARLEY_EXIT_AFTER_FIRST_FRAME=1)
    frame_ms_p50/p99  one frame of the table screen at 1280x720 late in a game, with a long log,
                      the mouse moving over it
    idle_cpu_percent  CPU time over wall time while the table screen waits for the player
    autosave_ms_p50/p99  main-thread time of the autosave every player action makes, late in a game
    autosave_frame_ms_p99  the table's frame time while autosaves are written in the background
Targets: startup 1 s, p50 4 ms, p99 16 ms (while autosaving too), autosave p50 1 ms, idle a few
percent. (The first autosave of a loaded game encodes every action once; later ones only the new.)
Exits 1 if a target is missed.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse
import json
import math
import os
import statistics
import subprocess
import tempfile
import threading
import time

TARGETS = {"startup_s": 1.0, "frame_ms_p50": 4.0, "frame_ms_p99": 16.0, "idle_cpu_percent": 5.0,
           "autosave_ms_p50": 1.0, "autosave_frame_ms_p99": 16.0}


def measure_startup(env: dict[str, str], repeat: int = 3) -> float:
    """Seconds from spawning `python main.py` to its first drawn frame (median)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, str(ROOT / "main.py")], cwd=str(ROOT), env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("first-frame"):
                times.append(time.perf_counter() - t0)
                break
        proc.wait(timeout=30)
    return round(statistics.median(times), 3) if times else float("nan")


def _agent_factory():
    """The real computer actors when they exist, else a stand-in that answers and passes."""
    try:
        from game.ai import make_agent  # noqa: F401

        return None
    except ImportError:
        from game.core.actions import EndPhase, Reject

        class Stand:
            def decide(self, obs, rng):
                for p in obs.open_to_me():
                    return Reject(obs.actor, p.id, "benchmark stand-in")
                return EndPhase(obs.actor)

        return lambda seat: Stand()


def table_app(turns: int = 7):
    """A window showing the table late in a Syria game with a long log."""
    from game.present.match import Match
    from game.resources import default_scenario
    from game.scenario.loader import load_scenario
    from game.session import Seat
    from game.ui.app import App
    from game.ui.flow import start_match

    sc = load_scenario(default_scenario())
    seats = {a: Seat(a, "computer") for a in sc.actor_ids}
    seats["us"] = Seat("us", "human")
    app = App(size=(1280, 720), agent_factory=_agent_factory(), fps=0, save_settings=False)
    for seed in range(7, 100):  # the first seed whose game is still going at that turn: the table, not the debrief
        match = Match.new(sc, str(default_scenario()), seats, seed, app.agent_factory)
        if _play_to(match, sc, turns):
            break
    match.version += 1
    match.briefed.add("us")
    match.seen["us"] = match.resolved_turns()
    start_match(app, match)
    for _ in range(5):
        app.frame()
    assert type(app.top).__name__ == "TableScene", type(app.top).__name__
    return app


def _play_to(match, sc, turns: int) -> bool:
    """Play the game to the given turn, the United States stating and writing; whether it got there."""
    from game.core.actions import EndPhase, Message, Statement

    s = match.session
    moves = [jm.id for jm in sc.joint_moves]
    while not s.over and s.state.turn <= turns:
        if s.to_move == "us":
            obs = s.observe("us")
            if obs.phase == "diplomacy" and obs.budget > 0:
                k = (obs.turn + obs.budget) % len(moves)
                jm = sc.joint_move(moves[k])
                if obs.budget % 2:
                    s.submit(Statement("us", jm.id, obs.turn % len(jm.variants)))
                else:
                    s.submit(Message("us", "russia", jm.id, obs.budget % len(jm.variants)))
            else:
                s.submit(EndPhase("us"))
        else:
            s.step_computer()
    return not s.over


def measure_frames(frames: int) -> tuple[float, float, int]:
    import pygame

    app = table_app()
    entries = len(app.match.obs().log)
    w, h = app.screen.get_size()
    times = []
    for i in range(frames):
        pos = (int(w * (0.5 + 0.45 * math.sin(i / 23))), int(h * (0.5 + 0.4 * math.cos(i / 17))))
        pygame.mouse.set_pos(pos)
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))
        t0 = time.perf_counter()
        app.frame()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p50 = times[len(times) // 2]
    p99 = times[min(len(times) - 1, int(len(times) * 0.99))]
    app.match.stop()
    return round(p50, 2), round(p99, 2), entries


def measure_autosave(frames: int) -> tuple[float, float, float, int]:
    """The autosave a player's action makes: its main-thread time (encode the new actions, hand the
    bytes to the writer thread), and the table's frame times while the writer writes. Late in a
    game with a long log, the mouse moving; an autosave every 5th frame, as fast as a player
    could act."""
    from game import autosave

    app = table_app()
    match = app.match
    match.autosave()  # as in play: every earlier action was autosaved, so the encoder knows them
    w, h = app.screen.get_size()
    saves_ms, frame_ms = [], []
    for i in range(frames):
        pos = (int(w * (0.5 + 0.45 * math.sin(i / 23))), int(h * (0.5 + 0.4 * math.cos(i / 17))))
        pygame_post_motion(pos)
        if i % 5 == 0:
            t0 = time.perf_counter()
            match.autosave(wait=False)  # what every human action does
            saves_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        app.frame()
        frame_ms.append((time.perf_counter() - t0) * 1000)
    assert autosave.WRITER.flush()
    assert match.autosave_problem is None, match.autosave_problem
    actions = len(match.session.actions)
    match.stop()
    return _pct(saves_ms, 50), _pct(saves_ms, 99), _pct(frame_ms, 99), actions


def pygame_post_motion(pos: tuple[int, int]) -> None:
    import pygame

    pygame.mouse.set_pos(pos)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0)))


def _pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, len(ordered) * q // 100)], 2)


def measure_idle(seconds: float = 3.0) -> float:
    """CPU percent of the window's own loop while the table waits for the player."""
    import pygame

    from game.ui import app as app_mod

    app = table_app(turns=2)
    result = {}

    def watch() -> None:
        time.sleep(app_mod.IDLE_AFTER + 0.5)
        c0, w0 = time.process_time(), time.perf_counter()
        time.sleep(seconds)
        c1, w1 = time.process_time(), time.perf_counter()
        result["cpu"] = 100.0 * (c1 - c0) / (w1 - w0)
        app.running = False
        pygame.event.post(pygame.event.Event(pygame.USEREVENT))

    thread = threading.Thread(target=watch, daemon=True)
    app.fps = app_mod.FPS
    thread.start()
    app.run()
    thread.join()
    return round(result["cpu"], 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=600)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--display", action="store_true", help="use the real display, not the dummy driver")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="parley-bench-")
    os.environ["PARLEY_HOME"] = home
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if not args.display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    env = dict(os.environ, PARLEY_EXIT_AFTER_FIRST_FRAME="1", PYGAME_HIDE_SUPPORT_PROMPT="1")
    startup = measure_startup(env)
    p50, p99, entries = measure_frames(args.frames)
    a50, a99, af99, actions = measure_autosave(args.frames)
    idle = measure_idle()
    results = {"startup_s": startup, "frame_ms_p50": p50, "frame_ms_p99": p99, "idle_cpu_percent": idle,
               "autosave_ms_p50": a50, "autosave_ms_p99": a99, "autosave_frame_ms_p99": af99,
               "log_entries": entries, "frames": args.frames, "actions_in_game": actions}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            target = f"  (target {TARGETS[key]:g})" if key in TARGETS else ""
            print(f"{key:18} {value}{target}")
    return 0 if all(results[k] <= v for k, v in TARGETS.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
