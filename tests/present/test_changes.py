"""One account of what moved the world (issue 10, items 16 and 19): the table's trend, the
resolution and "Why did the indicators change?" read the same report; good and bad are said for
the viewer."""

from __future__ import annotations

from game.core.actions import EndPhase
from game.core.model import Goal
from game.present import changes
from game.resources import default_scenario
from game.scenario.loader import load_scenario
from game.session import Seat, Session


class Passer:
    def decide(self, obs, rng):
        return EndPhase(obs.actor)


def _session_at(turn: int, seed: int = 3) -> Session:
    sc = load_scenario(default_scenario())
    s = Session(sc, seed, {a: Seat(a, "computer") for a in sc.actor_ids}, agent_factory=lambda seat: Passer())
    while s.turn < turn and not s.over:
        s.step_computer()
    return s


def test_every_change_falls_in_exactly_one_report():
    s = _session_at(4)
    obs = s.observe("us")
    counted = [sum(changes.in_report(c, k) for k in range(obs.turn + 1)) for c in obs.changes]
    assert counted and all(n == 1 for n in counted)


def test_the_latest_report_ends_at_the_values_the_table_shows_and_holds_the_news_since():
    """Turn 2: the table's arrow is the report's change, so the Trump–Putin news (−6 US–Russia
    tension, turn 2's opening news) is among the causes of what the table shows."""
    s = _session_at(2)
    obs = s.observe("us")
    sc = s.scenario
    rep = changes.report(sc, obs.changes, obs.log, changes.latest_report_turn(obs.turn, s.over), obs.turn)
    assert rep.turn == 1 and rep.news_turn == 2
    for m in rep.movements:
        assert abs(m.after - obs.values[m.indicator]) < 1e-9, m.label
        assert abs(sum(c.delta for c in m.causes) - m.delta) < 1e-6, m.label
    tension = rep.movement("us_russia_tension")
    assert tension is not None
    news = [c for c in tension.causes if c.text == "Trump and Putin meet in Hamburg"]
    assert news and news[0].delta == -6 and news[0].kind == "event"
    assert any(e.kind == "news" and e.turn == 2 for e in rep.events)
    # and the value before the report is where the previous report ended
    before = changes.report(sc, obs.changes, obs.log, 0, obs.turn)
    for m in rep.movements:
        prev = before.movement(m.indicator)
        start = prev.after if prev else sc.indicator(m.indicator).start
        assert abs(start - m.before) < 1e-9


def test_report_zero_is_the_opening_news():
    s = _session_at(1)
    obs = s.observe("us")
    rep = changes.report(s.scenario, obs.changes, obs.log, 0, obs.turn)
    assert rep.title == "The opening news"
    assert rep.movements  # the Astana talks stall on turn 1: civilian harm +2
    assert all(c.kind == "event" for m in rep.movements for c in m.causes)


def test_good_and_bad_are_for_the_viewer_and_fall_back_to_the_world():
    sc = load_scenario(default_scenario())
    territory = sc.indicator("gov_control")
    us_goals = (Goal("gov_control", "low", 1.0),)
    lean = changes.leaning(us_goals, territory)
    assert lean.mine and lean.want == "low"
    assert changes.verdict(lean, +3) == "bad"  # government territory +3 is bad for a viewer who wants it low
    assert changes.verdict(changes.leaning((Goal("gov_control", "high", 1.0),), territory), +3) == "good"
    world = changes.leaning((), territory)
    assert not world.mine and world.want == territory.good
    assert "Not one of your goals" in world.note and "Your goal" in lean.note
    assert changes.verdict(lean, 0.2) == "none"
    assert changes.goodness(lean, territory.max, territory) == 0.0


def test_the_united_states_sees_government_territory_as_its_own_goal():
    """Issue 10.19: "government territory +3" must not be green for the United States."""
    sc = load_scenario(default_scenario())
    us = sc.actor("us")
    assert sc.indicator("gov_control").good == "high"  # the indicator's own direction says +3 is good...
    lean = changes.leaning(us.goals, sc.indicator("gov_control"))
    assert lean.mine and changes.verdict(lean, 3) == "bad"  # ...but not for the United States
