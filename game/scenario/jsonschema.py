"""The JSON Schema editors use to autocomplete scenario files, exported from the models."""

from __future__ import annotations

import json
from typing import Any

from game.scenario.schema import Scenario


def scenario_json_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format."""
    schema = Scenario.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Parley scenario", **schema}


def scenario_json_schema_text() -> str:
    """The schema as the text committed in scenarios/scenario.schema.json."""
    return json.dumps(scenario_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
