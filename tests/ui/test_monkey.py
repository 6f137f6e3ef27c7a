"""Random mouse and keyboard input (odd Unicode included) must never raise.

The short form runs by default; the full one (20 seeds x 2000 frames) is marked slow:
``pytest -m slow tests/ui/test_monkey.py``. A failure names its seed, to replay it with
``MONKEY_SEED=N``.
"""

from __future__ import annotations

import os
import random
import traceback

import pygame
import pytest

KEYS = [pygame.K_TAB, pygame.K_RETURN, pygame.K_ESCAPE, pygame.K_SPACE, pygame.K_UP, pygame.K_DOWN,
        pygame.K_LEFT, pygame.K_RIGHT, pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_BACKSPACE, pygame.K_DELETE,
        pygame.K_HOME, pygame.K_END, pygame.K_F10, pygame.K_a, pygame.K_b, pygame.K_c, pygame.K_e, pygame.K_l,
        pygame.K_m, pygame.K_n, pygame.K_o, pygame.K_p, pygame.K_q, pygame.K_s, pygame.K_t, pygame.K_w, pygame.K_y,
        pygame.K_z, pygame.K_1, pygame.K_2, pygame.K_3, pygame.K_0, pygame.K_9]
MODS = [0, 0, 0, pygame.KMOD_SHIFT, pygame.KMOD_CTRL]
TEXTS = ["a", "7", "Ж", "中文", "مرحبا", "שלום", "ქართ", "🙂", "e\u0301", "\u200b", "\u202e", "x" * 40, "\t", " ",
         "\ufeff", "0" * 30, "-1", "9" * 25]


def _event(rng: random.Random, app) -> pygame.event.Event:
    w, h = app.screen.get_size()
    top = app.top
    roll = rng.random()
    if roll < 0.45:
        if top is not None and top.widgets and rng.random() < 0.8:
            widget = rng.choice(list(top.widgets.values()))
            pos = widget.rect.center
        else:
            pos = (rng.randrange(w), rng.randrange(h))
        pygame.mouse.set_pos(pos)
        kind = pygame.MOUSEBUTTONDOWN if rng.random() < 0.5 else pygame.MOUSEBUTTONUP
        return pygame.event.Event(kind, pos=pos, button=rng.choice([1, 1, 1, 3]))
    if roll < 0.55:
        pos = (rng.randrange(w), rng.randrange(h))
        pygame.mouse.set_pos(pos)
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if roll < 0.6:
        return pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rng.choice([-3, -1, 1, 3]), flipped=False)
    if roll < 0.88:
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=rng.choice(MODS), unicode="",
                                  scancode=0)
    return pygame.event.Event(pygame.TEXTINPUT, text=rng.choice(TEXTS))


def run_monkey(make_app, seed: int, frames: int) -> None:
    from game.ui.scenes.title import TitleScene

    rng = random.Random(seed)
    app = None
    for i in range(frames):
        try:
            if app is None or not app.running:
                if app is not None and app.match is not None:
                    app.match.stop()
                app = make_app()
                app.push(TitleScene(app))
            for _ in range(rng.choice([0, 1, 1, 2, 3])):
                pygame.event.post(_event(rng, app))
            if rng.random() < 0.3:  # a click is a press and a release
                pos = pygame.mouse.get_pos()
                pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1))
            app.frame()
        except Exception:  # noqa: BLE001 - any exception fails the test, with its seed
            pytest.fail(f"monkey seed {seed} failed at frame {i} on {type(app.top).__name__}:\n"
                        f"{traceback.format_exc()}")


SEEDS = [int(os.environ["MONKEY_SEED"])] if os.environ.get("MONKEY_SEED") else list(range(20))


@pytest.mark.parametrize("seed", SEEDS)
def test_monkey_short(make_app, seed):
    run_monkey(make_app, seed, 300)


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_monkey_full(make_app, seed):
    run_monkey(make_app, seed, 2000)
