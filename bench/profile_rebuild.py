"""cProfile of `rebuild_index` on a kept benchmark folder, to see where indexing time goes.

`python -m bench.profile_rebuild FOLDER [--lines 40]` (FOLDER from `bench.run --keep`).
"""

import argparse
import cProfile
import io
import os
import pstats
from pathlib import Path


def main(argv: list[str] | None = None) -> None:
    """Profile one rebuild of the index in FOLDER and print the hot functions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--lines", type=int, default=40)
    args = parser.parse_args(argv)
    folder = args.folder.resolve()
    os.environ.update(
        DJANGO_SETTINGS_MODULE="sonla_kb.settings.dev",
        DEBUG="0",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        SEARCH_INDEX_DIR=str(folder / "index"),
        LOG_LEVEL="WARNING",
    )
    import django

    django.setup()
    from sonla_kb.search import rebuild

    profiler = cProfile.Profile()
    profiler.enable()
    result = rebuild()
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).strip_dirs()
    stats.sort_stats("cumulative").print_stats(args.lines)
    out.write("\n--- by own time ---\n")
    stats.sort_stats("tottime").print_stats(args.lines)
    print(f"Rebuilt {result.documents} documents into {result.generation}")
    print(out.getvalue())


if __name__ == "__main__":
    main()
