"""The relevance harness: graded judgments, three engines on the same records, the metrics.

`make relevance` (or `python -m bench.relevance`) loads the shipped dataset into a fresh
temporary database and index, runs every judged query through the site's search, SQLite
FTS5 and plain Whoosh, and writes bench/out/relevance.md and .json and the README table.
"""
