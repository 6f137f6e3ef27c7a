"""The window's screens, one module each (see ``game.ui.scene`` for how a scene works)."""
