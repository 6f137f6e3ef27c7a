"""The host's network side: one port serves the student page and the game's WebSocket.

``websockets`` does the HTTP and the WebSocket framing. A plain GET gets one of the page's few
files (a fixed table of names: no path from a request ever reaches the file system); ``/ws``
opens the game connection. Each connection is a loop: read a message, check it
(``protocol.parse``), apply it (``Room``), answer a problem to that client only, and after any
change send every connection its own view. A flood from one client is cut by a token bucket;
too many connections are refused at the door.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from http import HTTPStatus
from importlib import resources
from urllib.parse import urlsplit

from websockets.asyncio.server import ServerConnection, broadcast, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from game.net import qr
from game.net.protocol import MAX_MESSAGE, VERSION, ProtocolError, error, message, parse
from game.net.room import Member, Room

log = logging.getLogger(__name__)

MAX_CONNECTIONS = 400
RATE = 15.0  # messages a second one connection may send, on average
BURST = 30.0
MAX_DROPPED = 300  # a connection that keeps flooding after being told is closed
MAX_BAD_CODES = 8  # wrong room codes on one connection before it is closed
POLL = 0.01  # seconds between looks at the computers

PAGES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/app.css": ("app.css", "text/css; charset=utf-8"),
}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")


def _static(name: str) -> bytes:
    return resources.files("game.web").joinpath("static", name).read_bytes()


class Bucket:
    """A token bucket: ``take`` says whether one more message is allowed now."""

    def __init__(self, rate: float = RATE, burst: float = BURST, clock: Callable[[], float] = time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens = burst
        self.stamp = clock()

    def take(self) -> bool:
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class Outbox:
    """The newest view of each kind for one connection: a slow reader gets fewer views, never an
    old one last (the teacher's projector and console are two kinds)."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.ready = asyncio.Event()

    def put(self, text: str, kind: str = "view") -> None:
        self.texts.pop(kind, None)
        self.texts[kind] = text
        self.ready.set()

    async def run(self, ws: ServerConnection) -> None:
        while True:
            await self.ready.wait()
            self.ready.clear()
            texts, self.texts = list(self.texts.values()), {}
            for text in texts:
                try:
                    await ws.send(text)
                except ConnectionClosed:
                    return


class Host:
    """The room behind a WebSocket server (run it with ``serve``)."""

    def __init__(self, room: Room, join_url: str = "") -> None:
        self.room = room
        self.join_url = join_url
        self.students: dict[ServerConnection, Member] = {}
        self.teachers: set[ServerConnection] = set()
        self.outboxes: dict[ServerConnection, Outbox] = {}
        self.connections = 0
        self._sent_version = -1
        self._files = {path: _static(name) for path, (name, _) in PAGES.items()}
        self._wake = asyncio.Event()
        self._qr: bytes | None = None
        self.stopping = False

    # ------------------------------------------------------------------ HTTP
    def process_request(self, connection: ServerConnection, request: Request) -> Response | None:
        if self.connections >= MAX_CONNECTIONS:
            return connection.respond(HTTPStatus.SERVICE_UNAVAILABLE, "Too many connections.\n")
        path = request.path.split("?", 1)[0]
        if path == "/ws":
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.headers.get("Host"):
                return connection.respond(HTTPStatus.FORBIDDEN, "This page may only be opened from its host.\n")
            return None
        if path == "/qr.svg" and self.join_url:
            if self._qr is None:
                self._qr = qr.svg(f"{self.join_url}#room={self.room.code}").encode()
            return self._response(self._qr, "image/svg+xml")
        if path in PAGES:
            return self._response(self._files[path], PAGES[path][1])
        return self._response(b"Not found.\n", "text/plain; charset=utf-8", HTTPStatus.NOT_FOUND)

    @staticmethod
    def _response(body: bytes, kind: str, status: HTTPStatus = HTTPStatus.OK) -> Response:
        headers = Headers([("Content-Type", kind), ("Content-Length", str(len(body))),
                           ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff"),
                           ("Referrer-Policy", "no-referrer"), ("Content-Security-Policy", CSP)])
        return Response(status.value, status.phrase, headers, body)

    # ------------------------------------------------------------------ a connection
    async def handler(self, ws: ServerConnection) -> None:
        self.connections += 1
        bucket = Bucket()
        dropped = bad_codes = 0
        outbox = self.outboxes[ws] = Outbox()
        sender = asyncio.create_task(outbox.run(ws))
        try:
            async for raw in ws:
                if not bucket.take():
                    dropped += 1
                    if dropped == 1 or dropped % 50 == 0:
                        await self._send(ws, error(ProtocolError("rate_limited", "Too many messages: slow down.")))
                    if dropped >= MAX_DROPPED:
                        await ws.close(1008, "too many messages")
                        return
                    continue
                try:
                    data = parse(raw)
                    self._dispatch(ws, data)
                except ProtocolError as err:
                    if err.code == "bad_room":
                        bad_codes += 1
                    await self._send(ws, error(err))
                    if bad_codes >= MAX_BAD_CODES:
                        await ws.close(1008, "too many wrong room codes")
                        return
                    continue
                except Exception:  # a bug must cost one message, not the game
                    log.exception("message from %s failed", ws.remote_address)
                    await self._send(ws, error(ProtocolError("internal", "The host could not do that.")))
                    continue
                self.wake()
        except ConnectionClosed:
            pass
        finally:
            sender.cancel()
            del self.outboxes[ws]
            self.connections -= 1
            self.teachers.discard(ws)
            member = self.students.pop(ws, None)
            if member is not None:
                self.room.leave(member)
                self.wake()

    async def _send(self, ws: ServerConnection, text: str) -> None:
        try:
            await ws.send(text)
        except ConnectionClosed:
            pass

    def _dispatch(self, ws: ServerConnection, data: dict) -> None:
        kind = data["type"]
        room = self.room
        if kind in ("hello", "resume", "teacher"):
            if ws in self.students or ws in self.teachers:
                raise ProtocolError("already", "This connection has already joined.")
            if kind == "teacher":
                if not _same(data["key"], room.teacher_key):
                    raise ProtocolError("bad_key", "That is not this game's teacher key.")
                self.teachers.add(ws)
                self._sent_version = -1
                return
            member = (room.join(data["room"], data["name"], data["seat"]) if kind == "hello"
                      else room.resume(data["token"]))
            self.students[ws] = member
            broadcast([ws], message("welcome", v=VERSION, token=member.token, member=member.id, name=member.name,
                                    seat=member.seat, last_n=member.last_n))
            self._sent_version = -1
            return
        n = data["n"]
        if ws in self.teachers:
            self._teacher(kind, data)
            return
        member = self.students.get(ws)
        if member is None:
            raise ProtocolError("not_joined", "Join the game first.", n)
        room.check_order(member, n)
        if kind == "act":
            room.act(member, data["action"], data["at"], n)
        elif kind == "refuse":
            room.refuse(member, data["group"], data["proposals"], data["at"], n)
        elif kind == "chat":
            room.chat(member, data["text"], n)
        elif kind == "seat":
            room.choose_seat(member, data["seat"], n)
        else:
            raise ProtocolError("teacher_only", "Only the teacher can do that.", n)
        broadcast([ws], message("done", ref=n))

    def _teacher(self, kind: str, data: dict) -> None:
        room = self.room
        if kind == "start":
            room.start()
        elif kind == "assign":
            room.assign(data["member"], data["seat"])
        elif kind == "computer":
            room.to_computer(data["seat"])
        elif kind == "open":
            room.open_seat(data["seat"])
        elif kind == "facilitate":
            room.facilitate(data["action"], data["n"])
        else:
            raise ProtocolError("students_only", "That message is for a student's connection.", data["n"])

    # ------------------------------------------------------------------ sending views
    def wake(self) -> None:
        self._wake.set()

    def send_views(self) -> None:
        room = self.room
        if room.version == self._sent_version:
            return
        self._sent_version = room.version
        by_seat: dict[str, list[ServerConnection]] = {}
        for ws, member in self.students.items():
            by_seat.setdefault(member.seat, []).append(ws)
        for seat, conns in by_seat.items():
            text = room.seat_message(seat)
            for ws in conns:
                self.outboxes[ws].put(text)
        if self.teachers:
            text = room.projector_message()
            for ws in self.teachers:
                self.outboxes[ws].put(text)
            if room.started:  # the console holds every seat's secrets: teacher connections only
                text = room.console_message()
                for ws in self.teachers:
                    self.outboxes[ws].put(text, "console")

    async def drive(self) -> None:
        """Send views after changes and let the computers play, until stopped."""
        while not self.stopping:
            self.send_views()
            try:
                await asyncio.wait_for(self._wake.wait(), POLL)
            except TimeoutError:
                pass
            self._wake.clear()
            self.room.poll(0.001)
            self.room.tick()


def _same(a: str, b: str) -> bool:
    import secrets

    return secrets.compare_digest(a.encode(), b.encode())


async def run(host: Host, bind: str, port: int, ready: Callable[[int], None] | None = None,
              stop: asyncio.Event | None = None) -> None:
    """Serve until ``stop`` is set (or forever); ``ready`` hears the port actually bound."""
    stop = stop or asyncio.Event()
    async with serve(host.handler, bind, port, process_request=host.process_request, max_size=4 * MAX_MESSAGE,
                     max_queue=32, ping_interval=10, ping_timeout=10, server_header=None,
                     compression=None) as server:
        bound = next(iter(server.sockets)).getsockname()[1]
        if ready is not None:
            ready(bound)
        driver = asyncio.create_task(host.drive())
        try:
            await stop.wait()
        finally:
            host.stopping = True
            await driver
            if host.room.match is not None:
                await asyncio.to_thread(host.room.match.stop)
