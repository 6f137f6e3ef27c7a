"""The transcript of a format-1.1 game (issue 14): signatures, who signed with whom, renewals,
lapses and red lines are in it, in the sections a reader looks for them."""

from __future__ import annotations

import json

from game.cli import main
from game.resources import example_scenarios

EXAMPLE = str(example_scenarios()[0])


def test_the_transcript_says_who_signed_with_whom(capsys):
    assert main(["autoplay", EXAMPLE, "--seed", "1", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    said = [line for turn in doc["turns"] for line in turn["agreements"]]
    assert any("signs Grain corridor" in line and "with The Strait Envoys" in line for line in said)
    assert any("in force, signed separately: by" in line for line in said)
    assert main(["autoplay", EXAMPLE, "--seed", "1"]) == 0
    text = capsys.readouterr().out
    assert "Agreements:" in text and "signed separately" in text and "renew" in text
