"""Reading the room (issue 15): the digest, the dossier's estimates, the standing and the stakes,
on small hand-made tables (tests/ai/kit.py), built from observations only."""

from __future__ import annotations

import json

import pytest

from game.core.actions import Accept, Message, Propose, Reject, Statement
from game.core.state import State
from game.present.debrief import estimate_accuracy
from game.present.digest import digest, split_reason
from game.present.dossier import dossier, dossiers, estimates
from game.present.stakes import stakes
from game.present.standing import standing
from tests.ai import kit


def _items(group: dict) -> list[dict]:
    return group["mine"] + group["rest"] + group["yours"]


def _a_offers_union_each_turn(turns: int = 3, b_public: str = "union", b_ideal: str = "truce"):
    """a offers union to b on every turn; b refuses each time."""
    sc = kit.table(actors=[kit.actor("a", {"deal": kit.stance("union")}),
                           kit.actor("b", {"deal": kit.stance(b_ideal, public=b_public)}), kit.actor("c")])
    state, rng = kit.start(sc)
    for turn in range(1, turns + 1):
        state = kit.until(state, rng, "a", turn=turn)
        state = kit.step(state, Propose("a", ("b",), (("deal", 4),)), rng)
        state = kit.until(state, rng, "b")
        state = kit.step(state, Reject("b", state.proposals[-1].id, "not that"), rng)
    return sc, state, rng


# ------------------------------------------------------------------------------------------ digest
def test_the_digest_says_a_deal_proposed_again_is_the_same_one_and_which_time():
    sc, state, _ = _a_offers_union_each_turn(3)
    d = digest(kit.seen_by(state, "b"), sc)
    turn3 = next(g for g in d if g["turn"] == 3)
    offer = next(i for i in _items(turn3) if i["kind"] == "proposal")
    assert offer["nth"] == 3
    assert offer["text"] == "Actor A proposes the same The Deal deal again — third time"
    first = next(i for i in _items(next(g for g in d if g["turn"] == 1)) if i["kind"] == "proposal")
    assert first["nth"] == 1 and "#1" in first["text"]  # the first time reads as the log says it
    json.dumps(d)  # plain data, for every renderer


def test_each_turn_of_the_digest_is_headed_by_its_date_as_people_write_it():
    sc, state, _ = _a_offers_union_each_turn(2)
    d = digest(kit.seen_by(state, "b"), sc)
    turn2 = next(g for g in d if g["turn"] == 2)
    day = sc.date_of_turn(2)
    assert turn2["when"] == f"{day:%a} {day.day} {day:%b %Y}"  # 'Wed 5 Jul 2017', not '2017-07-05'
    assert turn2["date"] == day.isoformat()  # the machine-readable date stays for renderers


def test_repeats_within_a_turn_fold_into_one_item_with_a_count():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 3),)), rng)
    state = kit.step(state, Propose("a", ("b",), (("deal", 3),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Reject("b", 1), rng)
    state = kit.step(state, Reject("b", 2), rng)
    turn1 = digest(kit.seen_by(state, "a"), sc)[0]
    offers = [i for i in _items(turn1) if i["kind"] == "proposal"]
    refusals = [i for i in _items(turn1) if i["kind"] == "reject"]
    assert len(offers) == 1 and offers[0]["count"] == 2 and "twice this turn" in offers[0]["text"]
    assert len(refusals) == 1 and refusals[0]["text"] == "Actor B rejects 2 proposals: #1 and #2"
    assert turn1["entries"] == len(kit.seen_by(state, "a").log)  # nothing is lost, only folded


def test_the_digest_puts_the_newest_turn_first_and_what_concerns_you_first():
    sc, state, rng = _a_offers_union_each_turn(1)
    state = kit.until(state, rng, "a", turn=2)
    state = kit.step(state, Statement("a", "deal", 3), rng)  # public, about nobody in particular
    state = kit.until(state, rng, "b")
    state = kit.step(state, Message("b", "c", "deal", 2), rng)  # to c alone
    d = digest(kit.seen_by(state, "c"), sc)
    assert [g["turn"] for g in d] == sorted((g["turn"] for g in d), reverse=True)
    now = d[0]
    assert now["turn"] == 2
    assert [i["kind"] for i in now["mine"]] == ["message"]
    assert [i["kind"] for i in now["rest"]] == ["statement"]
    of_a = digest(kit.seen_by(state, "a"), sc)[0]
    assert [i["kind"] for i in of_a["yours"]] == ["statement"]  # one's own doing comes last, "by you"
    assert not of_a["mine"]  # b's word to c is not a's business (and a never saw it)
    for g in d:  # each part in the order things happened
        for part in (g["mine"], g["rest"], g["yours"]):
            log = kit.seen_by(state, "c").log
            order = [next(k for k, e in enumerate(log) if e.turn == i["turn"] and e.kind == i["kind"]) for i in part]
            assert order == sorted(order)


def test_filters_keep_only_their_kinds_and_still_count_repeats_over_the_whole_log():
    sc, state, rng = _a_offers_union_each_turn(2)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Message("b", "a", "deal", 2), rng)
    obs = kit.seen_by(state, "a")
    talks = [i for g in digest(obs, sc, "talks") for i in _items(g)]
    assert talks and {i["kind"] for i in talks} <= {"proposal", "reject", "counter", "accept", "statement",
                                                    "agreement", "expired"}
    assert any(i["kind"] == "proposal" and i["nth"] == 2 for i in talks)
    private = [i for g in digest(obs, sc, "private") for i in _items(g)]
    assert private and all(i["private"] for i in private)
    assert any(i["kind"] == "message" for i in private)
    assert not [i for g in digest(obs, sc, "news") for i in _items(g) if i["kind"] not in ("news", "ending")]


def test_a_reason_in_brackets_is_kept_apart_from_what_happened():
    assert split_reason("B rejects #3 (it wants (much) more)") == ("B rejects #3", "it wants (much) more")
    assert split_reason("B rejects #3") == ("B rejects #3", "")


# ------------------------------------------------------------------------------------------ dossier
def _b_estimate(sc, state):
    row = {w["move"]: w for w in dossier(kit.seen_by(state, "a"), sc, "b")["estimate"]}
    return row["deal"]


def test_the_estimate_moves_toward_the_truth_as_an_actor_reveals_itself():
    """b says in public it wants union but wants truce: a's estimate starts at union and comes
    nearer truce as b refuses union and then tells a privately it could live with truce."""
    truth = kit.LEVELS.index("truce")
    sc, state, rng = _a_offers_union_each_turn(0)
    state = kit.until(state, rng, "a")
    at_first = _b_estimate(sc, state)
    assert at_first["wants"] == "Union"
    sc, state, rng = _a_offers_union_each_turn(2)
    after_refusals = _b_estimate(sc, kit.until(state, rng, "a", turn=3))
    assert abs(after_refusals["level"] - truth) < abs(at_first["level"] - truth)
    state = kit.until(state, rng, "b", turn=3)
    state = kit.step(state, Message("b", "a", "deal", truth), rng)
    told = _b_estimate(sc, kit.until(state, rng, "a", turn=4))
    assert abs(told["level"] - truth) <= abs(after_refusals["level"] - truth)
    assert told["salience"] >= at_first["salience"]  # it keeps raising the move: it cares


def test_the_dossier_reads_the_observation_only():
    """Two tables that differ only in b's private wish, played alike, give a the same dossier;
    and it is built with every State attribute out of reach."""
    sc1, s1, _ = _a_offers_union_each_turn(2, b_ideal="truce")
    sc2, s2, _ = _a_offers_union_each_turn(2, b_ideal="talks")
    assert dossiers(kit.seen_by(s1, "a"), sc1) == dossiers(kit.seen_by(s2, "a"), sc2)
    obs = kit.seen_by(s1, "a")

    def refuse(self, name):
        raise AssertionError(f"the dossier read State.{name}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(State, "__getattribute__", refuse)
        built = dossiers(obs, sc1)
    assert set(built) == {"b", "c"}


def test_the_dossier_lists_what_an_actor_said_did_and_owes():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Accept("b", 1, "close enough"), rng)
    d = dossier(kit.seen_by(kit.until(state, rng, "a", turn=2), "a"), sc, "b")
    assert [r["label"] for r in d["record"]] == ["ACCEPTED"] and d["record"][0]["why"] == "close enough"
    assert [x["variant"] for x in d["duties"]] == ["Truce"]
    assert any(t["way"] == "them → you" for t in d["trust_history"])  # kept its word: trust moved, with why
    json.dumps(d)


def test_the_debrief_says_how_close_each_estimate_came():
    sc, state, _ = _a_offers_union_each_turn(2)
    guesses = estimates(kit.seen_by(state, "a"))
    acc = {r["actor"]: r for r in estimate_accuracy(guesses, state.stances, sc)}
    b = acc["b"]["moves"][0]
    assert b["true"] == "Truce" and b["off_by"] == abs(guesses["b"]["deal"]["level"] - 2)
    assert acc["b"]["mean_error"] == pytest.approx(b["off_by"] / 4, abs=1e-3)
    assert "a" not in acc  # the viewer made no estimate of itself


# ------------------------------------------------------------------------------------------ standing
def test_standing_tells_the_score_its_trend_and_what_moved_it():
    """a wants union; a truce agreed on turn 1 takes its score from 0 to 50 (stances only)."""
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Accept("b", 1), rng)
    obs = kit.seen_by(kit.until(state, rng, "a", turn=2), "a")
    st = standing(obs, sc)
    assert st["score"] == pytest.approx(obs.score, abs=0.1) == pytest.approx(50, abs=0.1)
    assert [p["score"] for p in st["points"]] == [0.0, 50.0, 50.0]
    assert st["change"] == pytest.approx(50, abs=0.1) and st["change_text"] == "+50 since turn 1"
    assert st["moved"][0]["text"] == "The Deal now Truce" and st["moved"][0]["points"] == pytest.approx(50)
    json.dumps(st)


def test_standing_shows_the_score_as_the_table_does():
    """One figure on every screen: 39.46 reads 39 in the standing as in the table's header (rounding
    the standing's one-decimal 39.5 again gave 40)."""
    import dataclasses

    from game.present import words

    sc = kit.table()
    state, rng = kit.start(sc)
    obs = dataclasses.replace(kit.seen_by(kit.until(state, rng, "a"), "a"), score=39.46)
    st = standing(obs, sc)
    assert st["score_text"] == words.value(obs.score) == "39"


def test_standing_follows_an_agreement_that_collapses():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Accept("b", 1), rng)
    state = kit.until(state, rng, "a", turn=2)
    state = kit.step(state, Propose("a", ("b",), (("deal", 0),)), rng)
    state = kit.until(state, rng, "b")
    state = kit.step(state, Accept("b", 2), rng)
    obs = kit.seen_by(kit.until(state, rng, "a", turn=3), "a")
    assert [p["score"] for p in standing(obs, sc)["points"]] == [0.0, 50.0, 0.0, 0.0]


# ------------------------------------------------------------------------------------------ stakes
def _ending_table(tension_start: float):
    return kit.table(
        indicators=[{"id": "stock", "label": "Stock", "start": 50, "good": "high"},
                    {"id": "tension", "label": "Tension", "start": tension_start, "good": "low"}],
        endings=[{"id": "war", "title": "War", "condition": "tension >= 30", "text": "It ends badly."},
                 {"id": "end", "title": "The end", "text": "Time is up."}])


def test_an_ending_near_its_threshold_is_at_stake_with_the_distance():
    sc = _ending_table(20)
    state, _ = kit.start(sc)
    items = stakes(kit.seen_by(state, "a"), sc)
    ending = [i for i in items if i["kind"] == "ending"]
    assert [i["text"] for i in ending] == ["Tension 20: 10 points from the ending “War”"]
    assert ending[0]["act"] == {"to": "why", "ref": "tension"}
    far = _ending_table(0)
    assert not [i for i in stakes(kit.seen_by(kit.start(far)[0], "a"), far) if i["kind"] == "ending"]


def test_a_proposal_waiting_for_you_is_at_stake_and_links_to_the_answer():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    state = kit.until(state, rng, "b")
    items = stakes(kit.seen_by(state, "b"), sc)
    assert items[0]["kind"] == "proposal" and items[0]["act"] == {"to": "answer", "ref": 1}
    assert "Proposal #1 from Actor A" in items[0]["text"]
    mine = [i for i in stakes(kit.seen_by(state, "a"), sc) if i["kind"] in ("proposal", "waiting")]
    assert [(i["kind"], i["act"]) for i in mine] == [("waiting", {"to": "dossier", "ref": "b"})]
    assert all(i["short"] for i in items + mine)  # every stake has its few words for the table


def test_copies_of_one_deal_waiting_for_you_make_one_stake_that_names_each():
    sc = kit.table()
    state, rng = kit.start(sc)
    state = kit.until(state, rng, "a")
    for _ in range(2):
        state = kit.step(state, Propose("a", ("b",), (("deal", 2),)), rng)
    state = kit.step(state, Propose("a", ("b",), (("deal", 3),)), rng)  # another deal: a stake of its own
    state = kit.until(state, rng, "b")
    offers = [i for i in stakes(kit.seen_by(state, "b"), sc) if i["kind"] == "proposal"]
    assert len(offers) == 2
    assert offers[0]["text"].startswith("Proposals #1 and #2 from Actor A, the same deal twice, wait")
    assert offers[0]["act"] == {"to": "answer", "ref": 1}
    assert offers[1]["text"].startswith("Proposal #3 from Actor A waits for your answer")


def test_the_last_turn_is_a_deadline():
    sc = kit.table()
    state, rng = kit.start(sc)
    assert not [i for i in stakes(kit.seen_by(state, "a"), sc) if i["text"].startswith("Last turn")]
    state = kit.until(state, rng, "a", turn=4)
    assert any(i["text"].startswith("Last turn") for i in stakes(kit.seen_by(state, "a"), sc))


def test_the_debrief_names_each_move_guessed_wrong():
    from game.present.debrief import estimate_lines

    sc, state, _ = _a_offers_union_each_turn(0)
    guesses = {"b": {"deal": {"level": 4, "chance": 0.6, "salience": 0.5, "probs": []}}}
    (row,) = estimate_accuracy(guesses, state.stances, sc)
    assert estimate_lines(row) == ["Your estimate of what it wanted: 0 of 1 right; off by 50% of a range on average",
                                   "The Deal: you thought Union, it wanted Truce (2 steps off)"]


def test_a_repeat_names_its_terms_when_the_actor_offered_other_deals_on_the_same_moves():
    sc = kit.table()
    state, rng = kit.start(sc)
    for turn, level in ((1, 3), (2, 4), (3, 3)):
        state = kit.until(state, rng, "a", turn=turn)
        state = kit.step(state, Propose("a", ("b",), (("deal", level),)), rng)
        state = kit.until(state, rng, "b")
        state = kit.step(state, Reject("b", state.proposals[-1].id), rng)
    turn3 = next(g for g in digest(kit.seen_by(state, "b"), sc) if g["turn"] == 3)
    offer = next(i for i in _items(turn3) if i["kind"] == "proposal")
    assert offer["text"] == "Actor A proposes The Deal: Treaty again — second time"


def test_one_call_gives_a_renderer_everything_as_plain_data():
    from game.present.room import room_view

    sc, state, _ = _a_offers_union_each_turn(2)
    view = room_view(kit.seen_by(state, "a"), sc, "talks")
    assert json.loads(json.dumps(view)) == view  # nothing but dicts, lists, strings and numbers
    assert set(view["dossiers"]) == {"b", "c"} and view["filter"] == "talks"
    assert room_view(kit.seen_by(state, "a"), sc, "<script>")["filter"] == "all"  # an unknown filter is ignored


def test_a_page_of_the_digest_is_the_same_as_its_turns_in_the_whole():
    from game.present.digest import digest_turns

    sc, state, _ = _a_offers_union_each_turn(3)
    obs = kit.seen_by(state, "b")
    whole = digest(obs, sc)
    assert digest_turns(obs) == [g["turn"] for g in whole]
    assert digest(obs, sc, turns={2}) == [g for g in whole if g["turn"] == 2]  # "third time" still counts from turn 1


def test_the_served_room_view_holds_the_newest_turns_and_says_which_filters_show_each_item():
    from game.present.digest import filtered
    from game.present.room import room_view

    sc, state, _ = _a_offers_union_each_turn(3)
    obs = kit.seen_by(state, "b")
    view = room_view(obs, sc, last_turns=2)
    assert [g["turn"] for g in view["digest"]] == [3, 2]
    items = [i for g in view["digest"] for i in _items(g)]
    for key in ("talks", "news", "results", "private"):
        shown = [i for i in items if key in i["filters"]]
        kinds = {e.kind for e in filtered(obs.log, key) if e.turn >= 2}
        assert {i["kind"] for i in shown} == kinds  # the client's filter shows what the table's does
    assert all("all" in i["filters"] for i in items)
    assert any("talks" in i["filters"] for i in items)
