"""`factcheck bench`: a seeded synthetic corpus, and how long each phase of a check takes on it.

`generate.py` writes the corpus (a registry, the bundled rules and vocabulary, N claims
over N/20 claims files, about 5% of subject/predicate groups in conflict), `timing.py`
times the phases in one process, the whole check in a fresh process (cold, warm, after
editing one file, a day later, without the cache) and the bare PyYAML floor, and `report.py` prints the table
or the JSON figures.
"""
