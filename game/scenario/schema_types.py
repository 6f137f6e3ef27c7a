"""The value types and the base model of the scenario format (see ``schema``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$"),
    Field(
        description="An id: lower-case letters, digits and _, starting with a letter "
        "(at most 40 characters). Ids are also the names used in expressions."
    ),
]
ScenarioId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$"),
    Field(description="The scenario's id: lower-case letters, digits, - and _."),
]
IsoDate = Annotated[
    str,
    StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$"),
    Field(description='A date written YYYY-MM-DD in quotes, e.g. "2017-07-05".'),
]
Colour = Annotated[
    str,
    StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$"),
    Field(description='A colour as "#rrggbb", e.g. "#3b6fb6".'),
]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
ExprText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="An expression, e.g. `tension > 60 and turn >= 3`."),
]
EffectText = Annotated[
    str,
    StringConstraints(min_length=1, max_length=500),
    Field(description="An effect on an indicator, e.g. `humanitarian_access += 10`."),
]
Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class Model(BaseModel):
    """Base of every scenario model: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
