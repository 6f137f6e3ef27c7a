"""Answering several proposals in one go (issue 16's click grind): which waiting proposals are
repeats, on hand-made tables (tests/ai/kit.py) with known answers, and the refusals made of them."""

from __future__ import annotations

import json

import pytest

from game.core.actions import Counter, Propose, Reject
from game.present import answers
from tests.ai import kit


def _table():
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance("truce")}), kit.actor("c")],
                   rules={"diplomatic_actions": 4})
    return sc, *kit.start(sc)


def _offer(state, rng, actor, level, to=("b",), turn=None):
    state = kit.until(state, rng, actor, turn=turn, phase="diplomacy")
    return kit.step(state, Propose(actor, to, (("deal", level),)), rng)


def _answer(state, rng, action):
    return kit.step(kit.until(state, rng, "b"), action, rng)


def _second_turn():
    """Turn 1: a offers union (4) and treaty (3) to b; b refuses union and counters treaty.
    Turn 2: a sends union again (#3), c sends union too (#4, another sender), a sends truce
    (#5, the same move at another level), then union once more (#6) and truce again (#7)."""
    sc, state, rng = _table()
    state = _offer(state, rng, "a", 4, turn=1)
    state = kit.step(state, Propose("a", ("b",), (("deal", 3),)), rng)
    state = _answer(state, rng, Reject("b", 1, "no"))
    state = kit.step(state, Counter("b", 2, (("deal", 2),)), rng)  # #3 is b's counter
    state = _offer(state, rng, "a", 4, turn=2)                     # #4
    for level in (2, 4, 2):                                        # #5, #6, #7
        state = kit.step(state, Propose("a", ("b",), (("deal", level),)), rng)
    state = _offer(state, rng, "c", 4, to=("a", "b"))              # #8
    state = kit.until(state, rng, "b")
    return sc, state


def test_a_deal_sent_again_after_a_refusal_is_a_repeat_and_says_when_it_was_refused():
    _sc, state = _second_turn()
    obs = kit.seen_by(state, "b")
    assert [p.id for p in obs.open_to_me()] == [4, 5, 6, 7, 8]
    m = answers.marks(obs)
    assert m[4]["kind"] == "refused" and m[4]["turns"] == [1] and m[4]["sent"] == 2
    assert m[4]["reason"] == "same as the deal I refused on turn 1"
    assert m[6]["kind"] == "refused" and m[6]["sent"] == 3       # union a third time
    assert m[7] == {"kind": "waiting", "of": 5, "sent": 2, "reason": "same as #5, which I am still weighing"}
    # not repeats: the first truce (b countered treaty, not truce), and c's union (another sender)
    assert 5 not in m and 8 not in m


def test_the_panel_offers_the_repeats_then_the_rest_with_a_line_and_a_count_per_deal():
    sc, state = _second_turn()
    b = answers.batch(kit.seen_by(state, "b"), sc)
    json.dumps(b)  # plain data, for the browser too
    assert b["waiting"] == 5
    assert b["repeats"]["ids"] == [4, 6, 7] and b["repeats"]["label"] == "Refuse the 3 repeats"
    assert b["rest"]["ids"] == [5, 8] and b["rest"]["label"] == "Refuse the other 2"
    union, truce = b["repeats"]["lines"]
    assert union["ids"] == [4, 6] and union["count"] == 2
    assert union["text"].startswith("Actor A ×2, third time (refused on turn 1), ")
    assert union["text"].endswith(": The Deal: Union")
    assert truce["ids"] == [7] and truce["text"].startswith("Actor A, same as #5, also waiting, ")
    # what each deal is worth to the viewer now, so refusing in bulk is an informed choice: truce is b's ideal
    assert truce["gain"] > 0 and f", {round(truce['gain']):+d} for you now: The Deal: Truce" in truce["text"]
    assert b["marks"]["4"]["text"] == "Sent for the second time: you refused it on turn 1"


def test_refusals_are_one_ordinary_reject_each_with_its_reason():
    _sc, state = _second_turn()
    obs = kit.seen_by(state, "b")
    assert answers.refusals(obs, "repeats") == [
        Reject("b", 4, "same as the deal I refused on turn 1"), Reject("b", 6, "same as the deal I refused on turn 1"),
        Reject("b", 7, "same as #5, which I am still weighing")]
    assert answers.refusals(obs, "rest") == [Reject("b", 5, ""), Reject("b", 8, "")]
    with pytest.raises(ValueError):
        answers.refusals(obs, "everything")


def test_nothing_is_offered_in_bulk_for_a_single_proposal_or_when_none_repeats():
    sc, state, rng = _table()
    state = _offer(state, rng, "a", 4, turn=1)
    state = kit.until(state, rng, "b")
    b = answers.batch(kit.seen_by(state, "b"), sc)
    assert b["waiting"] == 1 and b["repeats"]["label"] == "" and b["rest"]["label"] == ""
    state = _offer(state, rng, "c", 3, to=("a", "b"))
    state = kit.until(state, rng, "b")
    b = answers.batch(kit.seen_by(state, "b"), sc)
    assert b["repeats"]["ids"] == [] and b["repeats"]["label"] == ""
    assert b["rest"]["label"] == "Refuse all 2"


def test_a_refusal_by_someone_else_does_not_make_a_repeat_for_the_viewer():
    """c refused a's treaty; when a sends it to b, it is news to b."""
    _sc, state, rng = _table()
    state = _offer(state, rng, "a", 3, to=("b", "c"), turn=1)
    state = kit.step(kit.until(state, rng, "c"), Reject("c", 1), rng)
    state = _offer(state, rng, "a", 3, turn=2)
    state = kit.until(state, rng, "b")
    obs = kit.seen_by(state, "b")
    assert [p.id for p in obs.open_to_me()] == [2] and answers.marks(obs) == {}
