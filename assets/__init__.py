"""Assets of the game window, installed as the package ``game.assets`` (see ``game/ui/theme.py``)."""
