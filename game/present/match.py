"""The game the window is playing: a session, whose view is shown, and the computers' worker.

Scenes call the session through this object only. It decides what must be shown next
(``next_step``: a handover between hot-seat players, a role brief, the resolution of a turn, the
debrief), runs computer seats in a worker thread (``poll``), and keeps the autosave: after every
human action and at every turn change, written in the background (``game.autosave``). Computer
actions between two human ones need no autosave: replaying the save recomputes them exactly.
When the autosave cannot be written the game goes on; ``notices`` says so once (and again
when it works again), and ``autosave_problem`` says why.

Privacy: everything shown comes from ``observe(viewer)``, the session's public helpers and the
scenario's public parts. ``why_unavailable`` asks the rules about the viewer's own moves.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

from game import autosave as autosave_mod
from game import paths, saves
from game.core import facilitator
from game.core.actions import FACILITATOR, FACILITATOR_ACTIONS, Action, Advance, EndPhase, Reject, Rollback
from game.core.errors import IllegalActionError
from game.core.model import Scenario
from game.core.observe import Observation
from game.core.rules import check
from game.session import Seat, Session

log = logging.getLogger(__name__)


class _Job:
    """One computer decision, computed in a worker thread."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.step = session.step
        self.actor = session.to_move
        self.action: Action | None = None
        self.error: str | None = None
        self.done = threading.Event()
        threading.Thread(target=self._run, name=f"parley-ai-{self.actor}", daemon=True).start()

    def _run(self) -> None:
        try:
            self.action = self.session.computer_action()
        except Exception as err:  # a broken computer actor must not stop the game
            log.exception("computer actor %s failed", self.actor)
            self.error = f"{type(err).__name__}: {err}"
        finally:
            self.done.set()


class Match:
    def __init__(self, session: Session, scenario_file: str | None, save_path: Path | None = None) -> None:
        self.session = session
        self.scenario_file = scenario_file
        self.save_path = save_path
        self.version = 0
        # with several people at one computer, even the first brief waits behind a handover screen
        self.viewer: str | None = session.humans[0] if len(session.humans) == 1 else None
        self.briefed: set[str] = set()
        self.seen: dict[str, int] = {}
        self.errors: list[str] = []
        self._job: _Job | None = None
        self._obs: tuple[int, str, Observation] | None = None
        self._saved_count = len(session.actions)
        self._autosaved_turn: int | None = None
        self._encoder = saves.Encoder()
        self._autosave_results: list[str | None] = []  # appended to by the writer's thread
        self.autosave_problem: str | None = None
        self.notices: list[str] = []  # for the player, once each (e.g. that autosave is off)
        self.stopped = False
        self._batch = (0, 0)  # the actions [start, end) of the last batch of refusals (undone as one)
        # the deadline's countdown (rule 10.3) is the shell's: counted here, never in the rules
        self.clock: Callable[[], float] = time.monotonic
        self._timer_key: tuple | None = None
        self._timer_used = 0.0
        self._timer_last = 0.0

    # ------------------------------------------------------------------ making one
    @classmethod
    def new(cls, scenario: Scenario, scenario_file: str | None, seats: dict[str, Seat], seed: int,
            agent_factory: Callable | None = None) -> Match:
        kwargs = {"agent_factory": agent_factory} if agent_factory else {}
        match = cls(Session(scenario, seed, seats, **kwargs), scenario_file)
        match._saved_count = -1  # a new game is unsaved until saved
        match.autosave()
        return match

    @classmethod
    def load(cls, path: str | Path, agent_factory: Callable | None = None) -> Match:
        """The game saved in path; SaveError (with the file's name and the problem) otherwise."""
        session, scenario_file = saves.load(path, saves.find_scenario, agent_factory)
        facilitated = any(a.actor == FACILITATOR for a in session.actions)
        if not session.humans and not facilitated:  # the computer played alone: hand its first playable seat over
            first = next((a.id for a in session.scenario.actors if a.playable), session.scenario.actor_ids[0])
            old = session.seats[first]
            session.set_seat(Seat(first, "human", old.level, old.agent))
        match = cls(session, scenario_file, Path(path))
        match.viewer = None
        match.briefed = set(session.humans) if session.actions else set()
        resolved = match.resolved_turns()
        match.seen = {a: resolved for a in session.humans}
        return match

    # ------------------------------------------------------------------ reading
    @property
    def scenario(self) -> Scenario:
        return self.session.scenario

    @property
    def humans(self) -> list[str]:
        return self.session.humans

    def obs(self, actor: str | None = None) -> Observation:
        """What the viewer (or another human seat) may see now."""
        actor = actor or self.viewer or (self.humans[0] if self.humans else self.scenario.actor_ids[0])
        if self._obs is None or self._obs[0] != self.version or self._obs[1] != actor:
            self._obs = (self.version, actor, self.session.observe(actor))
        return self._obs[2]

    def resolved_turns(self) -> int:
        turn = self.session.turn
        return turn if self.session.over else turn - 1

    @property
    def thinking(self) -> str | None:
        """The computer seat to move, while it decides."""
        actor = self.session.to_move
        if actor is None or self.session.is_human(actor) or self.session.over or self.session.paused:
            return None
        return actor

    @property
    def unsaved(self) -> bool:
        return len(self.session.actions) != self._saved_count

    def my_turn(self) -> bool:
        return self.viewer is not None and self.session.to_move == self.viewer

    def why_unavailable(self, move_id: str) -> str | None:
        """Why one of the viewer's own unilateral moves cannot be made now (None: it can)."""
        return self.session.why_unavailable(self.viewer, move_id)

    def next_step(self) -> tuple[str, str | None]:
        """What the window must show next: (step, actor).

        Steps: seat (the viewer becomes the actor with no handover), handover, brief,
        resolution, debrief, play (the viewer is to move), wait (a computer is to move), console
        (nobody plays: the facilitator watches the computers from the console).
        """
        v = self.viewer
        if not self.humans and not self.session.over:
            return "console", None
        if v is None and self.humans:  # a loaded game: someone must take a seat first
            actor = self.session.to_move
            target = actor if self.session.is_human(actor) else self.humans[0]
            return ("handover" if len(self.humans) > 1 else "seat"), target
        if v is not None and v not in self.briefed:
            return "brief", v
        if v is not None and self.seen.get(v, 0) < self.resolved_turns():
            return "resolution", v
        if self.session.over:
            return "debrief", v
        actor = self.session.to_move
        if self.session.is_human(actor):
            if v != actor:
                return ("handover" if v is not None and len(self.humans) > 1 else "seat"), actor
            return "play", actor
        return "wait", actor

    # ------------------------------------------------------------------ acting
    def _changed(self, human: bool = False) -> None:
        self.version += 1
        if human or self.session.turn != self._autosaved_turn or self.session.over:
            self.autosave(wait=False)

    def submit(self, action: Action) -> str | None:
        """Apply a human's action; the reason it is not legal, or None."""
        try:
            self.session.submit(action)
        except IllegalActionError as err:
            return str(err)
        self._changed(human=True)
        return None

    def submit_all(self, actions: list[Reject]) -> str | None:
        """Refuse several proposals as one answer (``game.present.answers``): all of them, or none
        (the reason the first illegal one is not legal). They are recorded as ordinary actions, one
        each; ``undo`` takes the whole batch back, as it takes back one answer."""
        if not actions:
            return "There is nothing to refuse."
        ids = [a.proposal for a in actions]
        if len(set(ids)) != len(ids) or not all(isinstance(a, Reject) for a in actions):
            return "Each proposal can be refused once."
        for a in actions:  # refusals are independent: legal now means legal after the others
            try:
                check(self.session.state, a)
            except IllegalActionError as err:
                return f"#{a.proposal}: {err}"
        start = len(self.session.actions)
        for done, a in enumerate(actions):
            try:
                self.session.submit(a)
            except IllegalActionError as err:  # not expected (checked above): take back what was done
                for _ in range(done):
                    self.session.undo()
                self._changed(human=True)
                return f"#{a.proposal}: {err}"
        self._batch = (start, len(self.session.actions))
        self._changed(human=True)
        return None

    def swap_session(self, session: Session) -> None:
        """Carry on with another session of this game: the same game replayed on a new version of its
        scenario file (``game.reload``). A decision being computed for the old one is dropped."""
        self._job = None
        self._obs = None
        self._batch = (0, 0)
        self.session = session
        if self.viewer is not None and not session.is_human(self.viewer):
            self.viewer = None
        self.briefed &= set(session.humans)
        self.seen = {a: n for a, n in self.seen.items() if a in session.seats}
        self._changed(human=True)

    def facilitate(self, action: Action) -> str | None:
        """Apply one of the facilitator's actions (rules 10.x); the reason it is not legal, or None."""
        assert isinstance(action, FACILITATOR_ACTIONS)
        try:
            self.session.submit(action)
        except IllegalActionError as err:
            return str(err)
        if isinstance(action, Rollback):  # the turns after it were never played in this branch
            resolved = self.resolved_turns()
            self.seen = {a: min(n, resolved) for a, n in self.seen.items()}
        self._job = None
        self._batch = (0, 0)
        self._changed(human=True)
        return None

    # ------------------------------------------------------------------ the deadline (shell time)
    def _count(self) -> None:
        st = self.session.state
        key = (facilitator.stage(st), st.console.branch, st.console.deadline)
        now = self.clock()
        if key != self._timer_key:  # a new phase, branch or deadline: the countdown starts again
            self._timer_key, self._timer_used = key, 0.0
        elif not st.console.paused:
            self._timer_used += max(0.0, now - self._timer_last)
        self._timer_last = now

    def deadline_left(self) -> float | None:
        """Seconds left in this phase (None: no deadline); the clock stops while the game is paused."""
        self._count()
        st = self.session.state
        if not st.console.deadline or self.session.over:
            return None
        return max(0.0, st.console.deadline - self._timer_used)

    def tick(self) -> bool:
        """When the deadline runs out, advance the phase (recorded as the facilitator's action).
        Whether it did."""
        left = self.deadline_left()
        st = self.session.state
        if left is None or left > 0 or st.console.paused or not st.queue or facilitator.stand_in(st):
            return False
        return self.facilitate(Advance(reason="the deadline ran out")) is None

    def undo(self) -> bool:
        """Take back the viewer's last action this phase (a batch of refusals as a whole)."""
        s = self.session
        if not (s.can_undo() and s.actions[-1].actor == self.viewer):
            return False
        start, end = self._batch
        count = end - start if end == len(s.actions) and end - start > 1 else 1
        for _ in range(count):
            if not s.can_undo():
                break
            s.undo()
        self._batch = (0, 0)
        self._changed(human=True)
        return True

    def can_undo(self) -> bool:
        s = self.session
        return s.can_undo() and bool(s.actions) and s.actions[-1].actor == self.viewer and self.my_turn()

    def poll(self, budget: float = 0.006) -> bool:
        """Let computer seats act: start a decision in the worker, apply finished ones. Whether
        anything changed. Waits up to ``budget`` seconds for quick decisions."""
        changed = False
        self._take_autosave_results()
        deadline = time.perf_counter() + budget
        while not self.stopped:
            s = self.session
            actor = s.to_move
            if s.over or actor is None or s.is_human(actor) or s.paused:
                self._job = None
                return changed
            job = self._job
            if job is None or job.session is not s or job.step != s.step:
                job = self._job = _Job(s)
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or not job.done.wait(remaining):
                return changed
            self._job = None
            action = job.action
            if job.error is not None or action is None:
                self.errors.append(f"{self.scenario.actor(actor).name}: {job.error}")
                action = EndPhase(actor, "could not decide")
            try:
                s.submit(action)
            except IllegalActionError:
                s.submit(EndPhase(actor, "has nothing more to say"))
            self._changed()
            changed = True
        return changed

    def stop(self) -> None:
        """Ignore any decision still being computed (the window closes or another game starts);
        wait for the autosave to be written."""
        self.stopped = True
        self._job = None
        autosave_mod.WRITER.flush()

    # ------------------------------------------------------------------ saving
    def save(self, path: str | Path | None = None) -> Path:
        """Save the game to path (a file, or a folder to save in), else to its own file, else to a
        new file in the saves folder; the file written, or SaveError."""
        target = Path(path) if path else self.save_path
        if target is None or target == paths.autosave_path():
            target = paths.saves_dir() / self._new_name()
        elif path:
            try:
                if target.is_dir():
                    target = target / self._new_name()
                elif not target.name.endswith(".json"):
                    target = target.with_name(target.name + saves.SUFFIX)
            except (OSError, ValueError):
                pass  # the writer says what is wrong with the path
        saves.save(self.session, target, self.scenario_file, self._encoder)
        self.save_path = target
        self._saved_count = len(self.session.actions)
        return target

    def _new_name(self) -> str:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        return f"{self.scenario.id}-{stamp}{saves.SUFFIX}"

    def autosave(self, wait: bool = True) -> None:
        """Rewrite the autosave (after every human action, at every turn change and at the end);
        wait: until it is written."""
        self._autosaved_turn = self.session.turn
        data = self._encoder.dumps(self.session, self.scenario_file)
        autosave_mod.WRITER.put(paths.autosave_path(), data, self._autosave_results.append)
        if wait:
            autosave_mod.WRITER.flush()
            self._take_autosave_results()

    @property
    def autosave_note(self) -> str | None:
        """Why autosave is off, short enough for one line (None while it works)."""
        return _short_paths(self.autosave_problem) if self.autosave_problem else None

    def _take_autosave_results(self) -> None:
        """Say once that autosave is off (and why), and once that it works again."""
        while self._autosave_results:
            problem = self._autosave_results.pop(0)
            if problem:  # short, but naming the place: "/home/x is a file, not a folder"
                problem = problem.removeprefix("cannot be written: ")
                if str(paths.saves_dir().anchor) not in problem:
                    problem = f"{paths.saves_dir()}: {problem}"
            if problem and self.autosave_problem is None:
                log.warning("autosave is off: %s", problem)
                self.notices.append(f"Autosave is off: {_short_paths(problem)}. Use Menu → Save as…")
            elif problem is None and self.autosave_problem is not None:
                self.notices.append("Autosave works again.")
            self.autosave_problem = problem


def _short_paths(text: str) -> str:
    """Text with each long absolute path cut to its last part, to fit a one-line notice."""
    def cut(m: re.Match) -> str:
        parts = Path(m.group(0)).parts
        return "…/" + parts[-1] if len(parts) > 2 else m.group(0)

    return re.sub(r"/[^\s()]+", cut, text)
