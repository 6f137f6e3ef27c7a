"""Charts are small functions from numbers to SVG: tested on the numbers they draw."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from game.report import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def _points(markup: str) -> list[list[tuple[float, float]]]:
    root = ET.fromstring(markup)
    return [[tuple(float(v) for v in p.split(",")) for p in line.get("points").split()]
            for line in root.iterfind(".//s:polyline", NS)]


def test_line_chart_puts_each_value_at_its_turn_and_height():
    out = svg.line_chart("Tension", [svg.Series("a", (0, 50, 100), "#112233")], 0, 100, width=340, height=170)
    (points,) = _points(out)
    left, right, top, bottom = 34.0, 328.0, 26.0, 146.0
    assert points == [(left, bottom), ((left + right) / 2, (top + bottom) / 2), (right, top)]


def test_line_chart_clamps_values_outside_the_range_and_draws_one_line_per_series():
    out = svg.line_chart("X", [svg.Series("a", (-20, 120), "#000000"), svg.Series("b", (10, 10), "#ffffff")], 0, 100)
    a, b = _points(out)
    assert a[0][1] == 146.0 and a[1][1] == 26.0  # at the bottom and the top, not beyond
    assert b[0][1] == b[1][1] == 134.0  # 10 % of the way up from 146 to 26


def test_line_chart_shades_the_better_half_and_marks_agreement_turns():
    high = ET.fromstring(svg.line_chart("X", [svg.Series("a", (1, 2, 3), "#000000")], 0, 10, good="high",
                                        marks=(2,)))
    low = ET.fromstring(svg.line_chart("X", [svg.Series("a", (1, 2, 3), "#000000")], 0, 10, good="low"))
    good_high = high.find(".//s:rect[@class='good']", NS)
    good_low = low.find(".//s:rect[@class='good']", NS)
    assert float(good_high.get("y")) == 26.0 and float(good_high.get("height")) == 60.0  # the upper half
    assert float(good_low.get("y")) == 86.0 and float(good_low.get("height")) == 60.0  # the lower half
    (mark,) = high.findall(".//s:line[@class='mark']", NS)
    assert float(mark.get("x1")) == 328.0  # turn 2 of points 0..2 is the last point


def test_chart_text_is_escaped_and_bad_colours_are_replaced():
    out = svg.line_chart('<script>alert(1)</script>"', [svg.Series("</title><b>", (1, 2), 'red" onload="x')], 0, 5)
    root = ET.fromstring(out)  # still well-formed XML: nothing broke out of its element
    assert root.find(".//s:script", NS) is None and "<script>" not in out
    assert root.find("s:title", NS).text == '<script>alert(1)</script>"'
    assert root.find(".//s:polyline", NS).get("stroke") == svg.DIM
    assert svg.safe_colour("#A1b2C3") == "#A1b2C3" and svg.safe_colour("url(http://x)") == svg.DIM


def test_bar_chart_bars_are_proportional_to_the_values():
    root = ET.fromstring(svg.bar_chart([("A", 100, "#000000"), ("B", 25, "#000000"), ("C", 150, "#000000")]))
    widths = [float(r.get("width")) for r in root.iterfind(".//s:rect[@class='bar']", NS)]
    full = widths[0]
    assert widths == [full, full / 4, full]  # capped at the maximum


def test_values_read_as_a_person_writes_them():
    assert [svg.value_text(v) for v in (3, 3.04, 44.13, 72.96)] == ["3", "3", "44.1", "73"]
    assert svg.game_colour(0) != svg.game_colour(1) and svg.game_colour(len(svg.GAME_COLOURS)) == svg.game_colour(0)
