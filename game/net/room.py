"""One hosted game: the lobby, the students and their seats, and the one Session that decides.

The room knows nothing of sockets. The server hands it each checked message with the member
who sent it; the room applies it (a game action through the same ``check``/``apply`` as local
play, via ``Match``, which also autosaves), or raises ``ProtocolError`` for that client alone.
What each connection is sent is made here, per seat, from ``observe`` (``seat_message``), or
from the public table only for the teacher's projector (``projector_message``).

Seams: every intent is a method here taking the member who asked. The facilitator's intents
(issue 12) are ``facilitate`` (any action of rules 10.x, via ``game.net.console``) and ``tick``
(the deadline running out); seats handed over mid-game are recorded as the facilitator's ``HandSeat``,
so the autosave replays them.
"""

from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field
from typing import Any

from game.core.actions import action_from_json
from game.core.errors import IllegalActionError
from game.core.model import Scenario
from game.net import console
from game.net.protocol import MAX_CHAT, MAX_NAME, ProtocolError, clean_text, message
from game.present import answers, projector, seat_view, words
from game.present.entries import entry_text
from game.present.match import Match
from game.present.room import room_view
from game.session import Seat

CODE_LETTERS = "ACDEFHJKMNPRTUVWXY3479"  # no look-alikes (0/O, 1/I/L, 5/S, 8/B, 2/Z)
CODE_LENGTH = 5
MAX_CHAT_LINES = 100
MAX_FEED_LINES = 100
MAX_MEMBERS = 250
DIGEST_TURNS = 2  # the digest a page is sent: this turn and the one before (the full log is the view's)


@dataclass
class Member:
    id: int
    name: str
    seat: str
    token: str
    last_n: int = 0  # the highest message number seen from this member (replays are refused)
    online: bool = True


@dataclass
class Team:
    """What the students of one seat share besides the seat's view: their chat and who did what."""

    chat: list[dict[str, Any]] = field(default_factory=list)
    feed: list[dict[str, Any]] = field(default_factory=list)


def room_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))


class Room:
    def __init__(self, scenario: Scenario, scenario_file: str | None, seed: int,
                 student_seats: list[str] | None = None, level: str = "normal", code: str | None = None,
                 agent_factory=None) -> None:
        self.scenario = scenario
        self.scenario_file = scenario_file
        self.seed = seed
        self.level = level
        playable = [a.id for a in scenario.actors if a.playable]
        seats = playable if student_seats is None else student_seats
        for s in seats:
            if s not in playable:
                raise ValueError(f"{s!r} is not a playable seat of {scenario.id}")
        self.student_seats: list[str] = list(seats)
        self.code = code or room_code()
        self.teacher_key = secrets.token_urlsafe(24)
        self.members: dict[int, Member] = {}
        self._tokens: dict[str, int] = {}
        self._ids = itertools.count(1)
        self.teams: dict[str, Team] = {a: Team() for a in scenario.actor_ids}
        self.match: Match | None = None
        self._agent_factory = agent_factory
        self.version = 0  # bumped by every change anyone may see
        self._cache: dict[tuple[str, int], str] = {}

    # ------------------------------------------------------------------ reading
    @property
    def started(self) -> bool:
        return self.match is not None

    def is_student_seat(self, seat: str) -> bool:
        if self.match is not None:
            return self.match.session.is_human(seat)
        return seat in self.student_seats

    def seat_members(self, seat: str) -> list[Member]:
        return [m for m in self.members.values() if m.seat == seat]

    # ------------------------------------------------------------------ joining
    def join(self, code: str, name: str, seat: str | None) -> Member:
        """A new student; ProtocolError for a wrong room code, a bad name or a seat not open to students."""
        if not secrets.compare_digest(code.strip().upper().encode(), self.code.encode()):
            raise ProtocolError("bad_room", "That room code is not this game's. Check the code on the projector.")
        name = clean_text(name, MAX_NAME)
        if not name:
            raise ProtocolError("bad_name", "Type a display name first.")
        if len(self.members) >= MAX_MEMBERS:
            raise ProtocolError("full", "This game is full.")
        open_seats = [s for s in self.scenario.actor_ids if self.is_student_seat(s)]
        if seat is None:
            if not open_seats:
                raise ProtocolError("no_seat", "No seat is open to students in this game.")
            seat = min(open_seats, key=lambda s: (len(self.seat_members(s)), open_seats.index(s)))
        elif seat not in open_seats:
            raise ProtocolError("bad_seat", "That seat is not open to students.")
        taken = {m.name for m in self.seat_members(seat)}
        base, k = name, 2
        while name in taken:
            name = f"{base[:MAX_NAME - 4]} ({k})"
            k += 1
        member = Member(next(self._ids), name, seat, secrets.token_urlsafe(24))
        self.members[member.id] = member
        self._tokens[member.token] = member.id
        self._changed()
        return member

    def resume(self, token: str) -> Member:
        """The member a reconnect token belongs to; ProtocolError if none does or it is in use."""
        member_id = self._tokens.get(token)
        if member_id is None:
            raise ProtocolError("bad_token", "This browser's place in the game is not known here: join again.")
        member = self.members[member_id]
        if member.online:
            raise ProtocolError("token_in_use", "This place is already open on another connection.")
        member.online = True
        self._changed()
        return member

    def leave(self, member: Member) -> None:
        """The member's connection closed: it keeps its seat and may resume."""
        member.online = False
        self._changed()

    def check_order(self, member: Member, n: int) -> None:
        """Refuse a message whose number is not above the member's last (a replay)."""
        if n <= member.last_n:
            raise ProtocolError("replayed", "That message was already received.", n)
        member.last_n = n

    # ------------------------------------------------------------------ students' intents
    def choose_seat(self, member: Member, seat: str, n: int) -> None:
        if self.started:
            raise ProtocolError("started", "The game has started: ask the teacher to move you.", n)
        if seat not in self.student_seats:
            raise ProtocolError("bad_seat", "That seat is not open to students.", n)
        member.seat = seat
        self._changed()

    def act(self, member: Member, action_data: dict, at: int, n: int) -> None:
        """A game action for the member's seat, applied through the session; ProtocolError if not legal."""
        match = self.match
        if match is None:
            raise ProtocolError("not_started", "The game has not started yet.", n)
        if "actor" in action_data and action_data["actor"] != member.seat:
            raise ProtocolError("not_your_seat", "You can only act for your own seat.", n)
        if not match.session.is_human(member.seat):
            raise ProtocolError("computer_seat", "The computer plays this seat now.", n)
        if at != match.session.step:
            raise ProtocolError("stale", "The game moved on before that arrived: look again and retry.", n)
        try:
            action = action_from_json({**action_data, "actor": member.seat}, "action")
        except IllegalActionError as err:
            raise ProtocolError("bad_action", str(err), n) from None
        logged = len(match.session.state.log)
        problem = match.submit(action)
        if problem is not None:
            raise ProtocolError("illegal", problem, n)
        self._feed(member, action, match.session.state.log[logged:])
        self._changed()

    def refuse(self, member: Member, group: str, proposals: list, at: int, n: int) -> None:
        """Refuse a group of the proposals waiting for the member's seat in one go ("repeats" or
        "rest", as ``game.present.answers`` makes them from that seat's observation): one Reject
        each, all or none. ``proposals`` must be the group's ids exactly as the page showed them;
        a proposal that is not waiting for this seat, or a group that changed, is refused and
        nothing changes."""
        match = self.match
        if match is None:
            raise ProtocolError("not_started", "The game has not started yet.", n)
        if not match.session.is_human(member.seat):
            raise ProtocolError("computer_seat", "The computer plays this seat now.", n)
        if group not in answers.GROUPS:
            raise ProtocolError("bad_message", "'group' is 'repeats' or 'rest'.", n)
        if not proposals or any(isinstance(i, bool) or not isinstance(i, int) for i in proposals):
            raise ProtocolError("bad_message", "'proposals' is a list of proposal numbers.", n)
        if at != match.session.step:
            raise ProtocolError("stale", "The game moved on before that arrived: look again and retry.", n)
        obs = match.obs(member.seat)
        waiting = {p.id for p in obs.open_to_me()}
        foreign = [i for i in proposals if i not in waiting]
        if foreign:
            raise ProtocolError("not_waiting", f"Proposal #{foreign[0]} is not waiting for your answer.", n)
        actions = answers.refusals(obs, group)
        if sorted(proposals) != [a.proposal for a in actions] or len(set(proposals)) != len(proposals):
            raise ProtocolError("stale", "The proposals waiting for you changed: look again and retry.", n)
        problem = match.submit_all(actions)
        if problem is not None:
            raise ProtocolError("illegal", problem, n)
        what = "repeated proposal" if group == "repeats" else "proposal"
        feed = self.teams[member.seat].feed
        refs = words.join([f"#{a.proposal}" for a in actions])
        feed.append({"who": member.name, "text": f"refused {words.plural_s(len(actions), what)}: {refs}"})
        del feed[:-MAX_FEED_LINES]
        self._changed()

    def _feed(self, member: Member, action, entries) -> None:
        """'Ana: Highford proposes …' in the team's feed: the log names who did it."""
        sc = self.scenario
        mine = [e for e in entries if e.actor == member.seat]
        text = entry_text(mine[-1], sc) if mine else seat_view.action_text(action, sc)
        feed = self.teams[member.seat].feed
        feed.append({"who": member.name, "text": text})
        del feed[:-MAX_FEED_LINES]

    def chat(self, member: Member, text: str, n: int) -> None:
        text = clean_text(text, MAX_CHAT)
        if not text:
            raise ProtocolError("empty", "Nothing to send.", n)
        chat = self.teams[member.seat].chat
        chat.append({"who": member.name, "text": text})
        del chat[:-MAX_CHAT_LINES]
        self._changed()

    # ------------------------------------------------------------------ the teacher's intents
    def start(self) -> None:
        if self.started:
            raise ProtocolError("started", "The game has already started.")
        staffed = {m.seat for m in self.members.values()}
        seats = {a: Seat(a, "human") if a in self.student_seats and a in staffed else Seat(a, "computer", self.level)
                 for a in self.scenario.actor_ids}
        kwargs = {"agent_factory": self._agent_factory} if self._agent_factory else {}
        self.match = Match.new(self.scenario, self.scenario_file, seats, self.seed, **kwargs)
        self._changed()

    def assign(self, member_id: int, seat: str) -> None:
        member = self.members.get(member_id)
        if member is None:
            raise ProtocolError("no_member", "No such student.")
        if seat not in self.scenario.actor_ids:
            raise ProtocolError("bad_seat", "No such seat.")
        if self.match is not None and self.match.session.seats[seat].kind != "human":
            self._hand(seat, "human")
        elif self.match is None and seat not in self.student_seats:
            self.student_seats.append(seat)
        member.seat = seat
        self._changed()

    def to_computer(self, seat: str) -> None:
        """Hand a seat to the computer (a student left): the game does not wait for them."""
        if seat not in self.scenario.actor_ids:
            raise ProtocolError("bad_seat", "No such seat.")
        if self.match is None:
            if seat in self.student_seats:
                self.student_seats.remove(seat)
        elif self.match.session.seats[seat].kind == "human":  # (is_human is false for a stand-in)
            self._hand(seat, "computer")
        self._changed()

    def _hand(self, seat: str, player: str) -> None:
        """A seat handed over mid-game, recorded in the game (rule 10.5) so a replay does it too."""
        console.facilitate(self.match, {"kind": "seat", "seat": seat, "player": player, "skill": self.level})

    def facilitate(self, action_data: dict, n: int | None = None) -> None:
        """One of the facilitator's actions, from the teacher (rules 10.x); ProtocolError if refused."""
        console.facilitate(self.match, action_data, n)
        self._changed()

    def tick(self) -> bool:
        """Advance the phase when its deadline has run out (recorded as the facilitator's action)."""
        if self.match is None or self.match.stopped or not self.match.tick():
            return False
        self._changed()
        return True

    def open_seat(self, seat: str) -> None:
        """Open a seat to students again (in the lobby; once started, moving a student there does it)."""
        if seat not in self.scenario.actor_ids or not self.scenario.actor(seat).playable:
            raise ProtocolError("bad_seat", "That seat cannot be played by students.")
        if self.match is not None:
            raise ProtocolError("started", "The game has started: move a student to the seat instead.")
        if seat not in self.student_seats:
            self.student_seats.append(seat)
        self._changed()

    # ------------------------------------------------------------------ the computers
    def poll(self, budget: float = 0.002) -> bool:
        """Let computer seats act (their decisions run in a worker thread); whether anything changed."""
        if self.match is None or self.match.session.over:
            return False
        changed = self.match.poll(budget)
        if changed:
            self._changed()
        return changed

    # ------------------------------------------------------------------ what is sent
    def _changed(self) -> None:
        self.version += 1
        self._cache.clear()

    def lobby(self) -> dict[str, Any]:
        seats = []
        for a in self.scenario.actors:
            kind = "student" if self.is_student_seat(a.id) else "computer"
            seats.append({"id": a.id, "name": a.name, "colour": a.colour, "kind": kind, "playable": a.playable,
                          "members": [{"id": m.id, "name": m.name, "online": m.online} for m in self.seat_members(a.id)]})
        return {"title": self.scenario.title, "summary": self.scenario.summary, "seats": seats,
                "started": self.started, "code": self.code}

    def seat_message(self, seat: str) -> str:
        """The message every member of a seat gets now (one text, shared by the team)."""
        key = (seat, self.version)
        if key not in self._cache:
            team = self.teams[seat]
            out: dict[str, Any] = {"version": self.version}  # the step first: a client may read it alone
            if self.match is not None:
                out["step"] = self.match.session.step
            out.update({"seat": seat, "computer": not self.is_student_seat(seat), "lobby": self.lobby(),
                        "team": [m.name for m in self.seat_members(seat)], "chat": team.chat[-30:],
                        "feed": team.feed[-20:]})
            if self.match is not None:
                out["clock"] = console.clock(self.match)
                obs = self.match.obs(seat)  # that seat's observation only: its view and its reading of the room
                out["view"] = seat_view.seat_view(obs, self.scenario)
                out["room"] = room_view(obs, self.scenario, last_turns=DIGEST_TURNS)
                if self.match.session.over:
                    out["debrief"] = self.debrief()
            self._cache[key] = message("state", **out)
        return self._cache[key]

    def projector_message(self) -> str:
        key = ("", self.version)
        if key not in self._cache:
            out = {"version": self.version}
            if self.match is not None:
                out["step"] = self.match.session.step
            out["lobby"] = self.lobby()
            if self.match is not None:
                session = self.match.session
                out["projector"] = projector.projector_view(self.match.obs(session.scenario.actor_ids[0]),
                                                            self.scenario)
                out["thinking"] = self.scenario.actor(self.match.thinking).name if self.match.thinking else None
                out["clock"] = console.clock(self.match)
                if session.over:
                    out["debrief"] = self.debrief()
            self._cache[key] = message("projector", **out)
        return self._cache[key]

    def console_message(self) -> str:
        """The facilitator's console (every seat's secrets): for teacher connections only."""
        key = ("@console", self.version)
        if key not in self._cache:
            self._cache[key] = message("console", version=self.version, console=console.console(self.match))
        return self._cache[key]

    def debrief(self) -> dict[str, Any]:
        s = self.match.session
        out = projector.debrief_view(self.scenario, s.scores(), s.shared_outcome(), s.ending())
        out["revealed"] = console.revealed(self.match)  # only what the teacher chose to reveal (rule 10.7)
        return out
