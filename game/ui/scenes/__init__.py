"""The window's screens, one module each (see ``game.ui.scene`` for how a scene works).

Scenes never import one another: they ask the app for a scene by name (``app.scene("brief",
actor)``), and this one table maps each name to its class. Modules load on first use, so the
title screen does not pay for the table's imports.
"""

from __future__ import annotations

import importlib

SCENES: dict[str, tuple[str, str]] = {
    "title": ("title", "TitleScene"),
    "setup": ("setup", "SetupScene"),
    "table": ("table", "TableScene"),
    "brief": ("brief", "BriefScene"),
    "handover": ("handover", "HandoverScene"),
    "builder": ("builder", "BuilderScene"),
    "incoming": ("incoming", "IncomingScene"),
    "speak": ("speak", "SpeakScene"),
    "actions": ("actions", "ActionsScene"),
    "resolution": ("resolution", "ResolutionScene"),
    "debrief": ("debrief", "DebriefScene"),
    "dossier": ("dossier", "DossierScene"),
    "menu": ("menu", "MenuScene"),
    "load": ("menu", "LoadScene"),
    "quit": ("menu", "QuitDialog"),
    "settings": ("settings", "SettingsScene"),
    "console": ("console", "ConsoleScene"),
    "inject": ("inject", "InjectScene"),
    "host": ("host", "HostScene"),
}


def scene_class(name: str) -> type:
    """The scene class registered under name; KeyError for a name not in the table."""
    module, cls = SCENES[name]
    return getattr(importlib.import_module(f"game.ui.scenes.{module}"), cls)
