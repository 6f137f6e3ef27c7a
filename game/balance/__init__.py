"""`parley balance`: many seeded games of one scenario, and what they say about it.

    games.py    one game as a small record; a batch of them for one worker
    runner.py   run the batches here, on the local cores (joblib) or on a Dask cluster
    stats.py    the report's data from the records (shares with Wilson intervals, ranges)
    text.py     the report as advice in the terminal
    html.py     the report as one HTML file with inline SVG charts
    cli.py      the command line
"""
