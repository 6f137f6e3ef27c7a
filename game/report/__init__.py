"""Handouts: the debrief report of saved games and the printable role briefs.

``data`` and ``briefs`` turn games and scenarios into plain dictionaries (the ``--json`` output);
``render`` lays them out with Jinja2 templates (``templates/``, package data) and ``svg`` charts;
``files`` reads saves and writes the pages; ``cli`` holds the two subcommands.
"""
