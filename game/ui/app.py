"""The window: one loop, a stack of scenes, events turned into intents.

The loop runs at up to 60 frames a second while anything happens (input, a computer actor
thinking, an animation) and otherwise sleeps in ``pygame.event.wait`` for up to a quarter of
a second at a time, so an idle window costs almost nothing. Computer actors think in a worker
thread (``game.present.match``), so the window always answers.
"""

from __future__ import annotations

import logging
import os
import time
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import pygame
import pygame_gui

from game.ui import settings as settings_mod
from game.ui.live import LiveReload
from game.ui.scene import Intent, Scene
from game.ui.text import Fonts, register_fonts
from game.ui.theme import Palette, font_sizes, palette, theme_dict

log = logging.getLogger(__name__)

BASE_SIZE = (1280, 720)  # the layout's size at a UI scale of 1
MIN_SIZE = (800, 450)
MAX_SIZE = (3840, 2160)  # larger windows draw at this size: every surface and dialog stays bounded
FPS = 60
IDLE_AFTER = 1.0  # seconds without input before the loop sleeps between frames
IDLE_WAIT_MS = 250
FIRST_FRAME_ENV = "PARLEY_EXIT_AFTER_FIRST_FRAME"  # benchmarks: exit once the first frame is shown

warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")


@dataclass(frozen=True)
class Geometry:
    scale: float
    width: float  # the window's size at a scale of 1
    height: float


def effective_scale(setting: float, size: tuple[int, int]) -> float:
    """The UI scale in use: the setting, or less if the layout would not fit (0: fit the window)."""
    fit = min(size[0] / BASE_SIZE[0], size[1] / BASE_SIZE[1])
    scale = fit if setting <= 0 else min(setting, fit)
    return round(max(0.5, min(4.0, scale)), 3)


def clamp_size(size: tuple[int, int]) -> tuple[int, int]:
    """A window size within MIN_SIZE and MAX_SIZE (whatever the OS, a test or a fuzzer asks for)."""
    return (min(MAX_SIZE[0], max(MIN_SIZE[0], int(size[0]))), min(MAX_SIZE[1], max(MIN_SIZE[1], int(size[1]))))


def scale_note(setting: float, size: tuple[int, int]) -> str | None:
    """Why the chosen UI scale is not the one in use, or None when it is (for the settings screen)."""
    used = effective_scale(setting, size)
    if setting <= 0 or abs(used - setting) < 0.01:
        return None
    need = (round(BASE_SIZE[0] * setting), round(BASE_SIZE[1] * setting))
    return (f"{setting:g}× needs a window of at least {need[0]}×{need[1]}; at {size[0]}×{size[1]} the most that "
            f"fits is {used:g}×, so that is used. Enlarge the window or go full screen (F11).")


def typeable(text: str) -> str:
    """Text input without the characters that draw nothing on their own (controls, format marks,
    combining marks): pygame_gui's text entry cannot lay out a zero-width line."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "CM")


def _mmss(seconds: float) -> str:
    whole = int(seconds + 0.999)  # 0:01 until the very end
    return f"{whole // 60}:{whole % 60:02d}"


class App:
    """The game window. ``frame()`` runs one frame; ``run()`` runs until the window closes."""

    def __init__(self, size: tuple[int, int] = BASE_SIZE, settings: settings_mod.Settings | None = None,
                 agent_factory: Callable | None = None, save_settings: bool = True, fps: int = FPS) -> None:
        pygame.display.init()
        pygame.font.init()
        pygame.key.set_repeat(400, 40)
        self.settings = settings or settings_mod.load()
        self.save_settings = save_settings
        self.agent_factory = agent_factory
        self.fps = fps  # 0: as fast as possible (tests)
        self.windowed_size = clamp_size(size)
        pygame.display.set_caption("Parley")
        self.screen = self._open_window()
        self.stack: list[Scene] = []
        self.match = None  # the game being played (game.present.match.Match)
        self.live = LiveReload()  # reloads the game's scenario file when it is saved
        self.running = True
        self.show_focus = False
        self.toasts: list[tuple[str, float]] = []
        self.clock = pygame.time.Clock()
        self._last_input = time.monotonic()
        self._layout_key: tuple | None = None
        self.frames = 0
        self.relayout()

    # ------------------------------------------------------------------ window and layout
    def _open_window(self) -> pygame.Surface:
        if self.settings.fullscreen:
            desktop = (pygame.display.get_desktop_sizes() or [BASE_SIZE])[0]
            if clamp_size(desktop) == tuple(desktop):
                return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            # a screen larger than MAX_SIZE: draw at MAX_SIZE and let SDL scale it up
            return pygame.display.set_mode(clamp_size(desktop), pygame.FULLSCREEN | pygame.SCALED)
        screen = pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        try:  # below the minimum the layout cannot fit, even scaled down; above the maximum it costs too much
            with warnings.catch_warnings():  # pygame-ce deprecates this bridge, but has no other yet
                warnings.simplefilter("ignore", DeprecationWarning)
                window = pygame.Window.from_display_module()
                window.minimum_size = MIN_SIZE
                window.maximum_size = MAX_SIZE
        except (AttributeError, pygame.error):
            pass
        return screen

    def relayout(self) -> None:
        """Fit everything to the window size and settings; rebuild the scenes' widgets."""
        size = self.screen.get_size()
        scale = effective_scale(self.settings.ui_scale, size)
        key = (scale, self.settings.text_size)
        self.palette: Palette = palette(self.settings.palette)
        self.geometry = Geometry(scale, size[0] / scale, size[1] / scale)
        if key != self._layout_key:
            self._layout_key = key
            self.fonts = Fonts(scale, self.settings.text_size)
            theme = theme_dict(scale, self.settings.text_size)
            warnings.filterwarnings("ignore", category=UserWarning, module=r"pygame_gui\..*")
            self.manager = pygame_gui.UIManager(size, theme, enable_live_theme_updates=False)
            register_fonts(self.manager)
            self.manager.preload_fonts([{"name": "noto_sans", "point_size": size_, "style": style}
                                        for size_, _ in sorted(font_sizes(theme))
                                        for style in ("regular", "bold", "italic")])
        else:
            self.manager.set_window_resolution(size)
            self.manager.clear_and_reset()
        for scene in self.stack:
            scene.built = False
            scene.dirty = True
        # the scenes under the top one are rebuilt and frozen, so a dialog shows them as they are
        for scene in self.stack[:-1]:
            scene.rebuild()
            scene.covered()
        if self.stack:
            self.stack[-1].rebuild()

    def apply_settings(self, new: settings_mod.Settings) -> str | None:
        """Use new settings at once and keep them; the problem if they could not be written."""
        old = self.settings
        self.settings = new
        if new.fullscreen != old.fullscreen:
            self.screen = self._open_window()
        self.relayout()
        return settings_mod.store(new) if self.save_settings else None

    # ------------------------------------------------------------------ the stack
    @property
    def top(self) -> Scene | None:
        return self.stack[-1] if self.stack else None

    def push(self, scene: Scene) -> None:
        if self.stack:
            self.stack[-1].covered()
        self.stack.append(scene)
        scene.enter()

    def pop(self, scene: Scene | None = None) -> None:
        """Close the top scene (only if it is ``scene``, when given)."""
        if not self.stack or (scene is not None and self.stack[-1] is not scene):
            return
        self.stack.pop().teardown()
        if self.stack:
            self.stack[-1].uncovered()

    def replace(self, scene: Scene) -> None:
        if self.stack:
            self.stack.pop().teardown()
        self.stack.append(scene)
        scene.enter()

    def reset(self, scene: Scene) -> None:
        """Make scene the only one on the stack."""
        while self.stack:
            self.stack.pop().teardown()
        self.stack.append(scene)
        scene.enter()

    def scene(self, name: str, *args, **kwargs) -> Scene:
        """A new scene of the kind registered under name (``game.ui.scenes.SCENES``)."""
        from game.ui.scenes import scene_class

        return scene_class(name)(self, *args, **kwargs)

    def toast(self, text: str, seconds: float = 4.0) -> None:
        self.toasts = [(text, time.monotonic() + seconds)]

    def quit(self) -> None:
        self.running = False

    # ------------------------------------------------------------------ events
    def _intent(self, event: pygame.event.Event) -> Intent | None:
        """The intent an event carries for the top scene, or None (also handles focus keys)."""
        top = self.top
        et = event.type
        if et == pygame.QUIT:
            return Intent("quit")
        if top is None:
            return None
        if et == pygame_gui.UI_BUTTON_PRESSED:
            name = top.name_of(event.ui_element) if top else None
            return Intent("press", name) if name else None
        if et == pygame_gui.UI_TEXT_ENTRY_FINISHED:
            return Intent("submit", top.name_of(event.ui_element) or "", event.text)
        if et == pygame_gui.UI_TEXT_ENTRY_CHANGED:
            return Intent("edit", top.name_of(event.ui_element) or "", event.text)
        if et == pygame_gui.UI_FILE_DIALOG_PATH_PICKED:
            return Intent("picked", "", event.text)
        if et == pygame_gui.UI_WINDOW_CLOSE:
            return Intent("dialog_closed", top.name_of(event.ui_element) or "")
        if et == pygame.MOUSEBUTTONDOWN and event.button == 1:
            return Intent("click", "", event.pos)
        if et == pygame.MOUSEWHEEL:
            return Intent("wheel", "", event.y)
        return None

    def _key(self, event: pygame.event.Event) -> Intent | None:
        """Keys that act before pygame_gui sees them; None lets pygame_gui have the key."""
        top = self.top
        key, mod = event.key, event.mod
        typing = self._typing()
        if key == pygame.K_TAB:
            self.show_focus = True
            return Intent("focus", "", -1 if mod & pygame.KMOD_SHIFT else 1)
        if key == pygame.K_F11:
            return Intent("fullscreen")
        if key == pygame.K_ESCAPE:
            return Intent("back")
        focused = top.focused_widget() if top else None
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE) and not mod & pygame.KMOD_CTRL and \
                isinstance(focused, pygame_gui.elements.UIButton):
            return Intent("press", top.focus)
        if typing:
            return None
        if key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            return Intent("confirm")
        if key in (pygame.K_DOWN, pygame.K_RIGHT, pygame.K_UP, pygame.K_LEFT) and not mod & pygame.KMOD_CTRL:
            self.show_focus = True
            return Intent("focus", "", 1 if key in (pygame.K_DOWN, pygame.K_RIGHT) else -1)
        if key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            return Intent("page", "", -1 if key == pygame.K_PAGEUP else 1)
        if top:
            masks = mod & (pygame.KMOD_CTRL | pygame.KMOD_SHIFT | pygame.KMOD_ALT)
            for (k, m), name in top.keys.items():
                if k == key and ((m == 0 and not masks & pygame.KMOD_CTRL) or (m and masks & m)):
                    return Intent("press", name)
        return None

    def _typing(self) -> bool:
        focused = self.manager.get_focus_set() or ()
        return any(isinstance(f, pygame_gui.elements.UITextEntryLine) and f.visible for f in focused)

    def handle_event(self, event: pygame.event.Event) -> None:
        et = event.type
        if et in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            size = pygame.display.get_surface().get_size()
            if clamp_size(size) != size and not self.settings.fullscreen:
                # a window outside the bounds (a fuzzer, an OS that ignores them): set it back within
                pygame.display.set_mode(clamp_size(size), pygame.RESIZABLE)
                size = pygame.display.get_surface().get_size()
            if size != self.screen.get_size() or et == pygame.WINDOWSIZECHANGED:
                self.screen = pygame.display.get_surface()
                if not self.settings.fullscreen:
                    self.windowed_size = size
                if (self.geometry.width * self.geometry.scale, self.geometry.height * self.geometry.scale) != size:
                    self.relayout()
            return
        if et == pygame.MOUSEBUTTONDOWN:
            self.show_focus = False
        if et == pygame.TEXTINPUT:
            text = typeable(getattr(event, "text", ""))
            if not text:
                return
            event = pygame.event.Event(pygame.TEXTINPUT, text=text)
        intent = None
        if et == pygame.KEYDOWN:
            intent = self._key(event)
            if intent is None:
                self.manager.process_events(event)
        else:
            consumed = self.manager.process_events(event)
            if not (consumed and et in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEWHEEL)):
                intent = self._intent(event)
        if intent is None:
            return
        if not self.stack:
            if intent.kind == "quit":
                self.quit()
            return
        if intent.kind == "fullscreen":
            self.apply_settings(self.settings.with_(fullscreen=not self.settings.fullscreen))
            return
        if intent.kind == "quit" and not getattr(self.top, "handles_quit", False):
            self.request_quit()
            return
        self.top.dispatch(intent)

    def request_quit(self) -> None:
        """The window is being closed: offer to save a game in progress first."""
        from game.ui.scenes import scene_class

        if self.match is not None and self.match.unsaved and not self.match.session.over:
            if not isinstance(self.top, scene_class("quit")):
                self.push(self.scene("quit"))
        else:
            self.quit()

    # ------------------------------------------------------------------ the loop
    def busy(self) -> bool:
        top = self.top
        if top is None:
            return bool(self.toasts)
        thinking = top.runs_game and self.match is not None and self.match.thinking is not None
        return bool(self.toasts) or thinking or top.busy()

    def frame(self, events: list[pygame.event.Event] | None = None) -> None:
        """Handle input, advance and draw one frame."""
        if events is None:
            events = pygame.event.get()
        if events:
            self._last_input = time.monotonic()
        dt = min(0.25, self.clock.tick(self.fps) / 1000.0)
        for event in events:
            self.handle_event(event)
            if not self.running:
                return
        self.manager.update(dt)
        top = self.top
        if top is not None:
            if not top.built:
                top.rebuild()
            self.live.tick(self)  # follows the game in play (and stops watching when there is none)
            if top.runs_game and self.match is not None:
                self.match.poll()
            if self.match is not None and not self.match.stopped and self.match.tick():
                self.toast("Time is up: the computer finishes this phase for the seats still to act.")
            top.update(dt)
            top.update_hover()
        self.draw()
        self.frames += 1

    def draw(self) -> None:
        screen = self.screen
        base = len(self.stack) - 1
        while base > 0 and self.stack[base].overlay:
            base -= 1
        if not self.stack or self.stack[max(0, base)].overlay:
            screen.fill(self.palette.bg)
        for i in range(max(0, base), len(self.stack)):
            scene = self.stack[i]
            scene.draw(screen)
            if i < len(self.stack) - 1 and self.stack[i + 1].overlay:
                screen.blit(self._shade(screen.get_size()), (0, 0))
        self.manager.draw_ui(screen)
        if self.top is not None:
            if self.show_focus:
                self.top.draw_focus(screen)
            self.top.draw_over(screen)
        self._draw_clock(screen)
        self._draw_toasts(screen)
        pygame.display.flip()

    def clock_text(self) -> str | None:
        """What every player sees of the facilitator's pause and deadline (rules 10.2, 8.3), or None."""
        m = self.match
        if m is None or m.stopped or m.session.over:
            return None
        left = m.deadline_left()
        if m.session.paused:
            return "Paused by the facilitator" + (f"  ·  {_mmss(left)} left" if left is not None else "")
        return None if left is None else f"{_mmss(left)} left in this phase"

    def _draw_clock(self, screen: pygame.Surface) -> None:
        text = self.clock_text()
        if text is None:
            return
        f, s, pal = self.fonts, self.geometry.scale, self.palette
        m = self.match
        left = m.deadline_left()
        urgent = m.session.paused or (left is not None and left <= 30)
        img = f.render(text, 14, pal.bg_deep if urgent else pal.ink, bold=True)
        box = img.get_rect().inflate(round(24 * s), round(10 * s))
        x, y, anchor = self.top.clock_pos() if self.top is not None else (self.geometry.width / 2, 12, "midtop")
        setattr(box, anchor, (round(x * s), round(y * s)))
        pygame.draw.rect(screen, pal.warn if urgent else pal.bg_deep, box, border_radius=round(box.height / 2))
        pygame.draw.rect(screen, pal.warn, box, width=max(1, round(2 * s)), border_radius=round(box.height / 2))
        screen.blit(img, img.get_rect(center=box.center))

    def _shade(self, size: tuple[int, int]) -> pygame.Surface:
        """The veil over the screens below a dialog (made once per window size)."""
        shade = getattr(self, "_shade_surface", None)
        if shade is None or shade.get_size() != size:
            shade = pygame.Surface(size, pygame.SRCALPHA).convert_alpha()
            shade.fill((6, 10, 16, 170))
            self._shade_surface = shade
        return shade

    def toast_boxes(self) -> list[tuple[pygame.Rect, str]]:
        """Where the toasts showing now go, and their text: where the top scene says they cover no
        control (``Scene.toast_anchor``: a band x to x + width, stacked from y), wrapped to the band."""
        s = self.geometry.scale
        if self.top is not None:
            x, y, band, side = self.top.toast_anchor()
        else:
            x, y, band, side = 0.0, 12.0, self.geometry.width, "top"
        y = round(y * s)
        centre = round((x + band / 2) * s)
        width = max(round(120 * s), min(round(900 * s), round(band * s) - round(28 * s)))
        out = []
        for text, _ in (reversed(self.toasts) if side == "bottom" else self.toasts):
            lines = self.fonts.wrap(text, 15, width)[:3]
            lh = self.fonts.line_height(15)
            w = max(self.fonts.width(line, 15) for line in lines)
            box = pygame.Rect(0, 0, w + round(28 * s), lh * len(lines) + round(14 * s))
            box.centerx = centre
            if side == "bottom":
                box.bottom = y
                y = box.top - round(8 * s)
            else:
                box.top = y
                y = box.bottom + round(8 * s)
            out.append((box, "\n".join(lines)))
        return out

    def _draw_toasts(self, screen: pygame.Surface) -> None:
        now = time.monotonic()
        self.toasts = [(t, end) for t, end in self.toasts if end > now]
        s = self.geometry.scale
        for box, text in self.toast_boxes():
            pygame.draw.rect(screen, self.palette.bg_deep, box, border_radius=round(8 * s))
            pygame.draw.rect(screen, self.palette.accent, box, width=max(1, round(s)), border_radius=round(8 * s))
            lh = self.fonts.line_height(15)
            for i, line in enumerate(text.split("\n")):
                surf = self.fonts.render(line, 15, self.palette.ink)
                screen.blit(surf, surf.get_rect(midtop=(box.centerx, box.y + round(7 * s) + i * lh)))

    def run(self) -> int:
        """Run until the window is closed; the exit status."""
        first_frame_exit = os.environ.get(FIRST_FRAME_ENV) == "1"
        while self.running:
            idle = time.monotonic() - self._last_input > IDLE_AFTER and not self.busy()
            if idle:
                first = pygame.event.wait(IDLE_WAIT_MS)
                events = ([] if first.type == pygame.NOEVENT else [first]) + pygame.event.get()
            else:
                events = pygame.event.get()
            self.frame(events)
            if first_frame_exit and self.frames >= 1:
                print(f"first-frame {time.perf_counter():.6f}", flush=True)
                break
        if self.match is not None:
            self.match.stop()
        self.live.stop()
        pygame.quit()
        return 0
