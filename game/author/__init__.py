"""The author's kit: start a scenario (``new``, a starter or a draft from an article) and find its
dead ends before anyone plays it (``lint``).

Nothing here is part of the rules: it reads the engine's model and the loader's positions, and
writes text for an author. ``game.core`` never imports it.
"""
