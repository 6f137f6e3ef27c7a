"""The join address as a QR code (segno): an SVG for the browser, a grid of modules for the window."""

from __future__ import annotations

import io

import segno

BORDER = 2


def _code(url: str):
    return segno.make(url, error="m", micro=False)


def modules(url: str) -> list[list[bool]]:
    """Rows of dark (True) and light modules, quiet border included."""
    return [[bool(v) for v in row] for row in _code(url).matrix_iter(border=BORDER)]


def svg(url: str, scale: int = 8) -> str:
    out = io.BytesIO()
    _code(url).save(out, kind="svg", scale=scale, border=BORDER, xmldecl=False, svgns=True, light="#fff")
    return out.getvalue().decode("utf-8")
