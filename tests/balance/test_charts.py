"""The balance report's charts, tested on their numbers: bar lengths, whiskers, boxes and bands."""

from __future__ import annotations

import re

import pytest

from game.balance import charts


def _attrs(svg: str, cls: str) -> list[dict[str, float]]:
    out = []
    for tag in re.findall(rf'<\w+ class="{cls}"[^>]*>', svg):
        out.append({k: float(v) for k, v in re.findall(r'(\w+)="(-?[\d.]+)"', tag)})
    return out


def test_share_bars_are_as_long_as_their_shares_and_whiskers_span_the_interval():
    svg = charts.share_chart([("a", 0.5, 0.3, 0.7), ("b", 1.0, 0.9, 1.0), ("c", 0.0, 0.0, 0.2)])
    bars = _attrs(svg, "bar")
    full = bars[1]["width"]
    assert bars[0]["width"] == full / 2 and bars[2]["width"] == 0
    ci = _attrs(svg, "ci")
    left = bars[0]["x"]
    assert ci[0]["x1"] - left == pytest.approx(0.3 * full, abs=0.1)
    assert ci[0]["x2"] - left == pytest.approx(0.7 * full, abs=0.1)
    assert "100.0 %" in svg and "50.0 %" in svg


def test_labels_are_escaped_and_long_ones_shortened_with_the_whole_as_a_tooltip():
    label = "<b>an ending with a very long title that goes on</b>"
    svg = charts.share_chart([(label, 0.1, 0.0, 0.2)])
    assert "<b>" not in svg and "&lt;b&gt;" in svg and "…" in svg


def test_boxes_place_quartiles_and_median_on_a_0_to_100_scale():
    spread = {"min": 10.0, "q1": 25.0, "median": 50.0, "q3": 75.0, "max": 90.0}
    svg = charts.box_chart([("x", spread, "#112233")])
    box = _attrs(svg, "box")[0]
    median = _attrs(svg, "median")[0]
    assert median["x1"] - box["x"] == pytest.approx(box["width"] / 2, abs=0.1)  # the median halfway between the quartiles
    assert 'fill="#112233"' in charts.box_chart([("x", spread, "#112233")])
    assert "javascript" not in charts.box_chart([("x", spread, "javascript:alert(1)")])


def test_a_band_has_one_median_point_per_turn_and_encloses_it():
    points = [{"turn": t, "p10": 10.0 + t, "median": 20.0 + t, "p90": 30.0 + t} for t in range(5)]
    svg = charts.band_chart("Tension", points, 0, 100, "low")
    median = re.search(r'class="median" points="([^"]+)"', svg).group(1).split()
    band = re.search(r'class="band" points="([^"]+)"', svg).group(1).split()
    assert len(median) == 5 and len(band) == 10
    for i, point in enumerate(median):
        y = float(point.split(",")[1])
        upper, lower = float(band[i].split(",")[1]), float(band[-1 - i].split(",")[1])
        assert upper < y < lower  # higher values are drawn higher up
