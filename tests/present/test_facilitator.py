"""The console's view data: everything about every seat, as plain JSON-able data."""

from __future__ import annotations

import json

from game.core.actions import Inject, Message, Reveal, SetDeadline
from game.present.facilitator import console_view, revealed_view
from game.session import Seat, Session
from tests.helpers import shipped, stand_in


def _session():
    return Session(shipped(), 2, {"us": Seat("us", "human")}, agent_factory=stand_in)


def test_the_console_sees_every_seats_secrets_and_is_json():
    s = _session()
    s.submit(Message("us", "russia", "no_fly_zone", 1))
    s.submit(SetDeadline(120))
    s.submit(Inject(headline="A convoy is shelled", effects=("civilian_harm += 5",)))
    view = console_view(s)
    assert json.loads(json.dumps(view)) == view
    assert view["deadline"] == 120 and view["pending"] == ["A convoy is shelled"]
    seats = {seat["id"]: seat for seat in view["seats"]}
    russia = seats["russia"]
    sc = shipped()
    assert russia["brief"]["objectives"] == list(sc.actor("russia").objectives)
    assert {st["move"] for st in russia["stances"]} == {sc.joint_move(m).name for m in sc.actor("russia").stances}
    assert len(russia["messages"]) == 1 and "could live with" in russia["messages"][0]
    assert seats["turkey"]["messages"] == []
    assert seats["us"]["human"] and not russia["human"]
    assert view["rollback_turns"] == [1]


def test_computer_reasons_are_shown_and_reveals_reach_the_debrief():
    s = Session(shipped(), 2)  # the real computer actors, which give their reasons
    s.run_computers(max_steps=12)
    view = console_view(s)
    assert any(seat["reasons"] for seat in view["seats"])
    s.submit(Reveal("russia", "reasons"))
    s.submit(Reveal("us", "brief"))
    shown = revealed_view(s)
    assert [(r["seat"], r["part"]) for r in shown] == [("Russia", "reasons"), ("United States", "brief")]
    assert shown[0]["lines"] == console_view(s)["seats"][1]["reasons"]
