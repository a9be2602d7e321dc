"""`python -m bench.relevance`: see bench/relevance/run.py."""

from .run import main

main()
