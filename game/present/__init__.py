"""What a player is shown, computed once from observations, with no pygame and no network.

The pygame scenes, the browser client (through the host, as JSON view data), the transcript and
the reports all read this package: words and numbers (``words``) and the controller of a game
being played (``match``: whose view is shown, what comes next, the computers' worker, autosave).
"""
