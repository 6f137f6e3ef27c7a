"""The balance report as one HTML file: the report package's autoescaping templates, and SVG charts."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from game.balance import charts
from game.balance.text import KIND_WORDS, pct, random_note, replay_command


def balance_html(data: dict[str, Any]) -> str:
    """The self-contained page for balance data (no scripts, nothing loaded from anywhere)."""
    from game.report.render import render

    def shares(rows: list[dict[str, Any]], key: str = "title") -> Markup:
        return Markup(charts.share_chart([(r[key], r["share"], r["low"], r["high"]) for r in rows]))

    def boxes(rows: list[dict[str, Any]]) -> Markup:
        return Markup(charts.box_chart([(r["name"], r, r["colour"]) for r in rows]))

    def band(ind: dict[str, Any]) -> Markup:
        return Markup(charts.band_chart(ind["label"], ind["turns"], ind["min"], ind["max"], ind["good"]))

    return render("balance.html", b=data, title=f"Balance: {data['scenario']['title']}", shares=shares,
                  boxes=boxes, band=band, pct=pct, kind_words=KIND_WORDS,
                  replay=lambda seed: replay_command(data, seed),
                  note=lambda found, kind: random_note(found, data["random_games"], data["seats"], kind))
