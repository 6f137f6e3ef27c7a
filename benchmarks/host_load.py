"""A class on loopback: 30 simulated students play a whole hosted game.

Run from the repository root:
    python benchmarks/host_load.py [--students 30] [--scenario scenarios/syria_2017_07.yaml] [--json]
    python benchmarks/host_load.py --port P --code C --key K   (load a host that is already running)

It starts the host process (`python -m game.net`, the same as `parley serve`) with every playable
seat open to students, joins 30 students spread over the seats (teams of five in the six-seat
scenario), starts the game as the teacher and plays it to the end: the first student of each team
acts for it (a public statement in the first round of each turn, then the end of its turn), the
others watch. Every client runs in this one process on one asyncio loop.

Prints:
    latency_ms_p50/p99  from a student sending an action to the moment the last of the 31 clients
                        (30 students and the teacher's projector) has a view that includes it
    host_rss_mb         the host process's peak resident memory (Linux: VmHWM in /proc)
    actions, seconds    how many student actions were measured, and how long the game took
    frame_kb_p50/max    the size of one student's state frames (its seat view and its room view)
Targets: p50 50 ms, p99 200 ms, memory 300 MB. Exits 1 if a target is missed (when it started the host).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import argparse
import asyncio
import json
import os
import re
import statistics
import subprocess
import tempfile
import time

from websockets.asyncio.client import connect

TARGETS = {"latency_ms_p50": 50.0, "latency_ms_p99": 200.0, "host_rss_mb": 300.0}
STEP = re.compile(r'"step":(\d+)')


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Seen:
    """When each client first saw each step of the game."""

    def __init__(self, clients: int) -> None:
        self.first: list[dict[int, float]] = [{} for _ in range(clients)]
        self.sent: list[tuple[float, int]] = []  # (time sent, step it was meant for)
        self.frame_bytes: list[int] = []  # the size of every state frame one student got

    def latencies(self) -> list[float]:
        out = []
        for t0, at in self.sent:
            arrivals = []
            for seen in self.first:
                later = [t for step, t in seen.items() if step > at and t >= t0]
                if later:
                    arrivals.append(min(later))
            if len(arrivals) == len(self.first):
                out.append((max(arrivals) - t0) * 1000)
        return out


async def student(i: int, url: str, code: str, seen: Seen, actor: bool, done: asyncio.Event) -> None:
    async with connect(url, max_size=None, ping_interval=None) as ws:
        await ws.send(json.dumps({"type": "hello", "v": 1, "room": code, "name": f"Student {i + 1}"}))
        n = 0
        acted: set[int] = set()
        stated: set[int] = set()
        last: tuple[int, dict] | None = None
        async for raw in ws:
            now = time.perf_counter()
            if raw.startswith('{"type":"error"') and actor and last is not None and last[1]["kind"] != "end":
                n += 1  # the host refused the statement: end the turn instead
                last = (last[0], {"kind": "end"})
                await ws.send(json.dumps({"type": "act", "n": n, "at": last[0], "action": last[1]}))
                continue
            m = STEP.search(raw[:200]) if raw.startswith('{"type":"state"') else None
            if m is None:
                continue
            step = int(m.group(1))
            seen.first[i].setdefault(step, now)
            if i == 0:
                seen.frame_bytes.append(len(raw.encode("utf-8")))
            if not actor:
                if '"over":true' in raw:
                    break
                continue
            data = json.loads(raw)
            view = data.get("view")
            if view is None:
                continue
            if view["over"]:
                break
            if view["my_turn"] and step not in acted:
                acted.add(step)
                n += 1
                action = {"kind": "end"}
                if view["phase"] == "diplomacy" and view["turn"] not in stated and view["can"]["statement"]:
                    stated.add(view["turn"])
                    j = view["joint_moves"][view["turn"] % len(view["joint_moves"])]
                    action = {"kind": "statement", "move": j["id"], "level": j["variants"][0]["level"]}
                seen.sent.append((time.perf_counter(), step))
                last = (step, action)
                await ws.send(json.dumps({"type": "act", "n": n, "at": step, "action": action}))
    done.set()


async def teacher(url: str, key: str, seen: Seen, index: int, joined: asyncio.Event, over: asyncio.Event) -> None:
    async with connect(url, max_size=None, ping_interval=None) as ws:
        await ws.send(json.dumps({"type": "teacher", "v": 1, "key": key}))
        await joined.wait()
        await ws.send(json.dumps({"type": "start", "n": 1}))
        async for raw in ws:
            now = time.perf_counter()
            m = STEP.search(raw[:200])
            if m is not None:
                seen.first[index].setdefault(int(m.group(1)), now)
            if '"debrief"' in raw:
                break
    over.set()


async def play(port: int, code: str, key: str, students: int, seats: int, timeout: float) -> tuple[Seen, float]:
    url = f"ws://127.0.0.1:{port}/ws"
    seen = Seen(students + 1)
    joined, over = asyncio.Event(), asyncio.Event()
    dones = [asyncio.Event() for _ in range(students)]
    # joining fills the emptiest seat, so the first `seats` students are one per seat: they act
    tasks = []
    for i in range(students):
        tasks.append(asyncio.create_task(student(i, url, code, seen, i < seats, dones[i])))
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.5)
    joined.set()
    t0 = time.perf_counter()
    tasks.append(asyncio.create_task(teacher(url, key, seen, students, joined, over)))
    await asyncio.wait_for(asyncio.gather(*tasks), timeout)
    return seen, time.perf_counter() - t0


def start_host(scenario: str, home: str) -> tuple[subprocess.Popen, dict]:
    env = dict(os.environ, PARLEY_HOME=home, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "game.net", scenario, "--port", "0", "--bind", "127.0.0.1",
                             "--announce", "json", "--seed", "7"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, env=env, cwd=str(ROOT))
    info = json.loads(proc.stdout.readline())
    return proc, info


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=30)
    p.add_argument("--scenario", default=str(ROOT / "scenarios" / "syria_2017_07.yaml"))
    p.add_argument("--port", type=int, help="load a host already running on this port (with --code and --key)")
    p.add_argument("--code")
    p.add_argument("--key")
    p.add_argument("--seats", type=int, default=6, help="how many seats the host has (with --port)")
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--json", action="store_true")
    p.add_argument("--nice", type=int, default=0, help="run the students at a lower priority")
    args = p.parse_args()
    if args.nice and hasattr(os, "nice"):
        os.nice(args.nice)
    proc = None
    if args.port:
        port, code, key, seats = args.port, args.code, args.key, args.seats
    else:
        from game.scenario.loader import load_scenario

        seats = sum(a.playable for a in load_scenario(args.scenario).actors)
        proc, info = start_host(args.scenario, tempfile.mkdtemp(prefix="parley-load-"))
        port, code, key = info["port"], info["code"], info["teacher_key"]
    try:
        seen, seconds = asyncio.run(play(port, code, key, args.students, seats, args.timeout))
        rss = peak_rss_mb(proc.pid) if proc else None
    finally:
        if proc is not None:
            proc.stdin.close()
            proc.wait(10)
    lat = seen.latencies()
    result = {"students": args.students, "actions": len(lat), "seconds": round(seconds, 1),
              "latency_ms_p50": round(statistics.median(lat), 1) if lat else None,
              "latency_ms_p99": round(_pct(lat, 99), 1) if lat else None,
              "host_rss_mb": round(rss, 1) if rss else None,
              "frame_kb_p50": round(statistics.median(seen.frame_bytes) / 1024, 1) if seen.frame_bytes else None,
              "frame_kb_max": round(max(seen.frame_bytes) / 1024, 1) if seen.frame_bytes else None}
    if args.json:
        print(json.dumps(result))
    else:
        for k, v in result.items():
            print(f"{k:16} {v}")
    if proc is None:
        return 0
    missed = [k for k, limit in TARGETS.items() if result[k] is None or result[k] > limit]
    if missed:
        print("missed: " + ", ".join(missed), file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
