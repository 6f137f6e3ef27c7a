"""Plain data to HTML: Jinja2 templates (package data) with autoescaping, and SVG charts.

Every string in the data is escaped by the template engine: scenario text, actors' names and the
reasons recorded in saves are untrusted. The only markup inserted as it is comes from
``game.report.svg``, which escapes what it embeds. A Content-Security-Policy in every page lets
it load nothing at all (no scripts, fonts, images or styles from anywhere but the page itself).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jinja2
from markupsafe import Markup

from game.report import svg

# text-direction controls can make a line read differently from what it holds (the scenario loader
# refuses them; reasons in a save may still carry them): every value shown loses them
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")


def _shown(value: Any) -> Any:
    """What a template prints for a value: strings without text-direction controls."""
    if isinstance(value, Markup):  # made here and escaped already: dropping characters keeps it so
        return Markup(_BIDI.sub("", str(value)))
    return _BIDI.sub("", value) if isinstance(value, str) else value


def indicator_chart(ind: dict[str, Any], marks: list[int] | tuple[int, ...] = ()) -> Markup:
    """The chart of one indicator: one game's values, or (in a comparison) one line per game."""
    if "series" in ind:
        series = [svg.Series(s["label"], tuple(s["values"]), svg.game_colour(i)) for i, s in enumerate(ind["series"])]
    else:
        series = [svg.Series(ind["label"], tuple(ind["values"]), svg.game_colour(0))]
    return Markup(svg.line_chart(ind["label"], series, ind["min"], ind["max"], ind["good"], marks))


def score_chart(actors: list[dict[str, Any]], shared: float | None = None) -> Markup:
    """Bars of every actor's score (and the shared outcome), in the actors' colours."""
    items = [(a["name"], a["score"], a["colour"]) for a in actors]
    if shared is not None:
        items.append(("Shared outcome", shared, svg.INK))
    return Markup(svg.bar_chart(items))


def swatch(colour: str) -> Markup:
    """A small square of an actor's or a game's colour (checked: it goes into an attribute)."""
    return Markup('<span class="swatch" style="background:{}"></span>').format(svg.safe_colour(colour))


@functools.cache
def environment() -> jinja2.Environment:
    """The template environment: templates from the package, every value escaped."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("game.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_shown,
    )
    env.globals.update(indicator_chart=indicator_chart, score_chart=score_chart, swatch=swatch,
                       game_colour=svg.game_colour, safe_colour=svg.safe_colour, value_text=svg.value_text, csp=CSP)
    return env


def render(template: str, **data: Any) -> str:
    """A page from one of the package's templates."""
    return environment().get_template(template).render(**data)


def report_html(data: dict[str, Any]) -> str:
    """The self-contained debrief report page for report data."""
    return render("report.html", report=data, scenario=data["scenario"], title=f"Debrief: {data['scenario']['title']}")


def brief_pages(data: dict[str, Any]) -> dict[str, str]:
    """File name -> page: the background, one brief per actor, and all of them in one file to print."""
    pages = {"background.html": render("background.html", briefs=data, title=f"Background: {data['scenario']['title']}")}
    for actor in data["actors"]:
        pages[f"brief-{actor['id']}.html"] = render("brief.html", briefs=data, actor=actor,
                                                    title=f"Confidential brief: {actor['name']}")
    pages["all.html"] = render("all_briefs.html", briefs=data, title=f"Briefs: {data['scenario']['title']}")
    return pages
