"""`python -m bench.relevance`: see bench/relevance/run.py."""

from .run import main

if __name__ == "__main__":
    main()
