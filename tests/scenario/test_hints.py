"""Messages that tell an author what to write: valid ids, the line to fix, the nearest passage.

Each case is a small change to the tutorial; the test checks the one line ``validate`` prints
for it: where (line and field) and what it says. None of these hints may suggest a fix that
does not fix the problem (quoting a number where an id is wanted, quoting a list).
"""

from __future__ import annotations

import pytest

from game.core.errors import ScenarioError
from game.resources import shipped_scenarios
from game.scenario import hints
from game.scenario.loader import load_scenario_bytes
from game.scenario.safe_yaml import load_yaml

TUTORIAL = next(p for p in shipped_scenarios() if p.stem == "tutorial_river").read_text(encoding="utf-8")
HIGHFORD_IDEAL = "        ideal: no_agreement\n        public: minimum_flow"


def _problems(old: str, new: str) -> list:
    assert TUTORIAL.count(old) == 1, old
    text = TUTORIAL.replace(old, new)
    with pytest.raises(ScenarioError) as info:
        load_scenario_bytes(text.encode(), "t.yaml")
    return info.value.problems


def _line_of(text: str, fragment: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if fragment in line)


# (old, new, field, fragments the message must hold, fragments it must not)
ID_CASES = [
    pytest.param(HIGHFORD_IDEAL, "        ideal: 2\n        public: minimum_flow", "actors[0].stances.water_sharing.ideal",
                 ["a variant of 'water_sharing'", "one of: no_agreement, minimum_flow, release_schedule",
                  "did you mean 'release_schedule' (level 2"], ["quotes"], id="ideal is a number"),
    pytest.param(HIGHFORD_IDEAL, "        ideal: [no_agreement, minimum_flow]\n        public: minimum_flow",
                 "actors[0].stances.water_sharing.ideal",
                 ["one of: no_agreement, minimum_flow, release_schedule", "give just one id"], ["quotes"],
                 id="ideal is a list"),
    pytest.param(HIGHFORD_IDEAL, '        ideal: "No agreement"\n        public: minimum_flow',
                 "actors[0].stances.water_sharing.ideal",
                 ["did you mean 'no_agreement' (the id of the variant labelled 'No agreement')"], ["quotes"],
                 id="ideal is a label"),
    pytest.param(HIGHFORD_IDEAL, "        ideal: 7\n        public: minimum_flow", "actors[0].stances.water_sharing.ideal",
                 ["one of: no_agreement, minimum_flow, release_schedule"], ["did you mean", "quotes"],
                 id="ideal is a level that does not exist"),
    pytest.param("consent: [highford, lowmere]\n", "consent: [highford, 3]\n", "joint_moves[1].consent[1]",
                 ["the id of an actor (one of: highford, lowmere, commission)"], ["quotes"], id="consent"),
    pytest.param("status_quo: no_agreement", "status_quo: 0", "joint_moves[0].status_quo",
                 ["a variant of 'water_sharing'", "did you mean 'no_agreement' (level 0"], ["quotes"],
                 id="status quo"),
    pytest.param("  flood_warning: phone_line", "  flood_warning: Telephone line", "in_force.flood_warning",
                 ["a variant of 'flood_warning'", "did you mean 'phone_line' (the id of the variant labelled"],
                 [], id="in force"),
    pytest.param("      - indicator: reservoir\n        want: high\n        weight: 1.5",
                 "      - indicator: Reservoir\n        want: high\n        weight: 1.5", "actors[0].goals[0].indicator",
                 ["the id of an indicator (one of: river_flow, reservoir, crop_damage, dispute_tension)",
                  "did you mean 'reservoir'"], [], id="goal indicator"),
    pytest.param('title: "Tutorial: the Vell river dam"', "title: [a, b]", "title",
                 ["expected text; found a list", "write the text itself"], ["quotes"], id="text is a list"),
    pytest.param('label: "Reservoir level"', "label: 2017", "indicators[1].label",
                 ["expected text; found 2017 (put it in quotes)"], [], id="text is a number: quotes do help"),
]


@pytest.mark.parametrize(("old", "new", "field", "has", "lacks"), ID_CASES)
def test_a_wrong_value_gets_a_hint_that_fixes_it(old: str, new: str, field: str, has: list, lacks: list) -> None:
    problems = _problems(old, new)
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == field
    text = TUTORIAL.replace(old, new)
    assert problem.line == _line_of(text, new.splitlines()[0].strip())
    for fragment in has:
        assert fragment in problem.message
    for fragment in lacks:
        assert fragment not in problem.message


# (old lines, new lines, the line the author must fix: a fragment of it)
INDENT_CASES = [
    pytest.param('      objectives:\n        - "Keep the reservoir',
                 '      objectives:\n       - "Keep the reservoir', '- "Keep the reservoir', id="first list item under"),
    pytest.param("    colour: \"#4477AA\"\n    description: \"The upstream town.",
                 "    colour: \"#4477AA\"\n   description: \"The upstream town.", 'description: "The upstream town.',
                 id="key under"),
    pytest.param("        ideal: shared_gauge\n        salience: 0.8", "        ideal: shared_gauge\n         salience: 0.8",
                 "salience: 0.8", id="key over"),
    pytest.param("  start: \"2025-06-02\"\n  turn_days: 7", "   start: \"2025-06-02\"\n  turn_days: 7",
                 'start: "2025-06-02"', id="first key over"),
    pytest.param("  start: \"2025-06-02\"\n  turn_days: 7", " start: \"2025-06-02\"\n  turn_days: 7",
                 'start: "2025-06-02"', id="first key under"),
]


@pytest.mark.parametrize(("old", "new", "culprit"), INDENT_CASES)
def test_an_indentation_error_names_the_line_to_fix(old: str, new: str, culprit: str) -> None:
    """The line reported is the one out of step with its list or mapping, not the parser's next line."""
    problems = _problems(old, new)
    assert len(problems) == 1
    text = TUTORIAL.replace(old, new)
    line = _line_of(text, culprit)
    assert problems[0].line == line
    assert problems[0].column == len(text.splitlines()[line - 1]) - len(text.splitlines()[line - 1].lstrip()) + 1
    assert "indent" in problems[0].message


@pytest.mark.parametrize(("data", "line"), [
    (b"a:\n  b:\n   c: 1\n    d: 2\n    e: 3\n", 3),  # under, first of three
    (b"a:\n  b:\n    c: 1\n     d: 2\n    e: 3\n", 4),  # over, in the middle
    (b"a:\n  b:\n    c: 1\n   d: 2\n    e: 3\n", 4),  # under, in the middle
    (b"a:\n  b: 1\n   c: 2\n", 3),  # over, two keys only: off the file's step of 2
    (b"actors:\n  - id: a\n    name: b\n   colour: c\n    x: 1\n", 4),  # a key of an item's mapping
    (b'brief:\n  objectives:\n    - "a"\n     - "b"\n    - "c"\n', 4),  # a list item over
])
def test_misaligned_entries_on_small_documents(data: bytes, line: int) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(data, "f.yaml")
    assert info.value.first.line == line and "indent" in info.value.first.message


@pytest.mark.parametrize("data", [
    b"a:\n  b: 1\nc: Note: this\n",  # a colon in a value after a legitimate dedent
    b"a:\n  b: 1\n  c: Note: this\n",
])
def test_a_colon_in_a_value_is_not_called_an_indentation_error(data: bytes) -> None:
    with pytest.raises(ScenarioError) as info:
        load_yaml(data, "f.yaml")
    assert "quote a value" in info.value.first.message


# (quote as written, fragment of the nearest passage shown, the difference named)
QUOTE_CASES = [
    pytest.param("We want a release schedule we can check, not a promise",
                 "We want a release schedule we can see and check, not a promise",
                 "the source has 'see and' here, which the quote leaves out", id="words left out"),
    pytest.param("Without water in July, all our orchards die.", "Without water in July, our orchards die.",
                 "the quote has 'all', which the source does not", id="a word added"),
    pytest.param("without water in July, our orchards die.", "Without water in July, our orchards die.",
                 "the quote has 'without' where the source has 'Without'", id="case"),
    pytest.param("the town would keep the reservoirs full for its turbines",
                 "said the town would keep the reservoir full for its turbines and its taps",
                 "the quote has 'reservoirs' where the source has 'reservoir'", id="inside a long sentence"),
]


@pytest.mark.parametrize(("quote", "passage", "difference"), QUOTE_CASES)
def test_a_misquote_names_the_nearest_passage_and_the_difference(quote: str, passage: str, difference: str) -> None:
    problems = _problems('text: "Without water in July, our orchards die."', f'text: "{quote}"')
    assert len(problems) == 1 and problems[0].path == "events[2].quote.text"
    message = problems[0].message
    assert message.startswith("this quote is not found word for word in source 'courier'; the nearest passage is")
    assert passage in message and difference in message


def test_a_quote_like_nothing_in_the_source_gets_no_passage() -> None:
    problems = _problems('text: "Without water in July, our orchards die."', 'text: "Elephants dance at noon."')
    assert problems[0].message == "this quote is not found word for word in source 'courier'"


def test_only_the_first_misquotes_of_a_file_get_a_passage() -> None:
    """The search is bounded per file (a hostile file may misquote hundreds of times): after
    MAX_NEAREST misquotes the rest are reported without a passage."""
    events = "".join(
        f"  - id: extra_{i}\n    headline: \"Extra {i}\"\n    turn: 1\n"
        f"    quote:\n      source: courier\n      text: \"Weather forecasters expect a heatwave from the end of month {i}.\"\n"
        for i in range(hints.MAX_NEAREST + 3))
    problems = _problems("events:\n", "events:\n" + events)
    assert len(problems) == hints.MAX_NEAREST + 3
    with_passage = [p for p in problems if "the nearest passage is" in p.message]
    assert len(with_passage) == hints.MAX_NEAREST
    assert all("Weather forecasters expect a heatwave from the middle of the month." in p.message
               for p in with_passage)
