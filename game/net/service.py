"""``parley serve``: the host of a class game, in a process of its own.

It loads the scenario, opens the room and serves until interrupted. It prints the join address,
the room code and the teacher's link (the projector and lobby controls, in a browser tab); with
``--announce json`` it prints those as one JSON line instead, which is how the host window
(``parley host``) starts it and learns where to connect. The window is only a client of this
process, so the computers' thinking and the network never take frames from it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.core.errors import ScenarioError


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or 127.0.0.1."""
    import socket

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        s.connect(("10.254.254.254", 1))
        return s.getsockname()[0]
    except OSError:
        return "127.0.0.1"
    finally:
        s.close()


def add_parser(sub) -> None:
    p = sub.add_parser("serve", help="host a class game without a window: students join from a browser")
    p.add_argument("scenario", help="the scenario file (or the name of a built-in one)")
    add_host_options(p)
    p.add_argument("--announce", choices=("text", "json"), default="text",
                   help="how to print the join address (json: one line, for programs)")
    p.set_defaults(run=main_serve)


def add_window_parser(sub) -> None:
    p = sub.add_parser("host", help="host a class game in the window: the lobby, then the projector view")
    p.add_argument("scenario", nargs="?", help="the scenario file (default: the tutorial)")
    p.add_argument("--port", type=_port, default=8765, help="the port students connect to (default 8765)")
    p.set_defaults(run=main_host)


def main_host(args) -> int:
    from game.ui import run

    scenario = str(scenario_path(args.scenario)) if args.scenario else None
    return run(scenario, host=True, port=args.port)


def add_host_options(p) -> None:
    p.add_argument("--port", type=_port, default=8765, help="the port to serve on (0: any free one; default 8765)")
    p.add_argument("--bind", default="0.0.0.0", help="the address to listen on (default: every interface)")
    p.add_argument("--seed", type=int, default=None, help="the game's seed (default: a random one)")
    p.add_argument("--students", default=None,
                   help="the seats students may take, by id, comma-separated (default: every playable seat)")
    p.add_argument("--level", choices=("easy", "normal", "hard"), default="normal", help="the computer's level")


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("a port is a number from 0 to 65535")
    return value


def load(args):
    """The scenario and its file name as the arguments give them; ScenarioError otherwise."""
    from game.scenario.loader import load_scenario

    path = scenario_path(args.scenario)
    return load_scenario(path), str(path)


def scenario_path(name: str | None) -> Path:
    """A scenario file as given, else the shipped scenario of that name ('tutorial_river'), else the default."""
    from game.resources import default_scenario, shipped_scenarios

    if not name:
        return default_scenario()
    path = Path(name)
    if path.exists() or path.suffix:
        return path
    for shipped in shipped_scenarios():
        if shipped.stem == name:
            return shipped
    return path


def main_serve(args) -> int:
    # asyncio and the rest are imported here, not with the module: every command of the command
    # line imports this module for its parser, and most never serve
    import asyncio
    import random

    from game.net.room import Room
    from game.net.server import Host

    try:
        scenario, scenario_file = load(args)
    except ScenarioError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        return 1
    seats = [s.strip() for s in args.students.split(",") if s.strip()] if args.students else None
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    try:
        room = Room(scenario, scenario_file, seed, seats, args.level)
    except ValueError as err:
        print(f"parley: {err}", file=sys.stderr)
        return 2
    address = "127.0.0.1" if args.bind in ("127.0.0.1", "localhost") else lan_address()

    def ready(port: int) -> None:
        url = f"http://{address}:{port}/"
        host.join_url = url
        info = {"url": url, "port": port, "code": room.code, "teacher_key": room.teacher_key,
                "teacher_url": f"http://127.0.0.1:{port}/#teacher={room.teacher_key}", "seed": seed}
        if args.announce == "json":
            print(json.dumps(info), flush=True)
        else:
            print(f"Students open {url} and type the room code {room.code}.\n"
                  f"Teacher (projector and lobby): {info['teacher_url']}\n"
                  f"Press Ctrl+C to stop.", flush=True)

    host = Host(room)
    try:
        asyncio.run(_serve(host, args.bind, args.port, ready, args.announce == "json"))
    except OSError as err:
        print(f"parley: cannot serve on port {args.port}: {err.strerror or err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    return 0


async def _serve(host, bind: str, port: int, ready, watch_stdin: bool = False) -> None:
    import asyncio
    import signal
    import threading

    from game.net.server import run

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):
            pass
    if watch_stdin:  # started by the host window: stop when it closes our standard input (or dies)
        def watch() -> None:
            try:
                while sys.stdin.readline():
                    pass
            except (OSError, ValueError):
                pass
            loop.call_soon_threadsafe(stop.set)

        threading.Thread(target=watch, name="parley-stdin", daemon=True).start()
    await run(host, bind, port, ready, stop)
