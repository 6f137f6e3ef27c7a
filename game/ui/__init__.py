"""The game window: the only package that imports pygame and pygame_gui.

    run(scenario)       open the window (the title screen, or the setup of a scenario file)
    run(scenario, host=True)  host a class game: the lobby, then the projector
    game.ui.tour        play a scripted game without a display and save a PNG of every screen
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")


def run(scenario_file: str | None = None, host: bool = False, port: int = 8765) -> int:
    """Open the window and play until it is closed (host: host a class game); the exit status."""
    import pygame

    from game.ui.app import App
    from game.ui.flow import open_scenario

    try:
        app = App()
    except (pygame.error, OSError) as err:  # no display, no video driver: say so in one line
        print(f"parley: cannot open the game window: {err}", file=sys.stderr)
        return 1
    if pygame.display.get_driver() in ("offscreen", "dummy") and not os.environ.get("SDL_VIDEODRIVER"):
        pygame.quit()  # SDL fell back to drawing nowhere: there is no screen to play on
        print("parley: cannot open the game window: no display found (is this a terminal-only session?)",
              file=sys.stderr)
        return 1
    app.push(app.scene("title"))
    if host:
        app.push(app.scene("host", scenario_file, port))
    elif scenario_file:
        sc = open_scenario(app, scenario_file)
        if sc is not None:
            app.push(app.scene("setup", sc, scenario_file))
    return app.run()
