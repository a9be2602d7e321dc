"""Jobs for the extraction child process that break its limits (no Django imports here:
the child runs them without settings)."""

import time

from sonla_kb.attachments.extraction import Extraction


def sleep(*, seconds: float) -> Extraction:
    """Take far longer than allowed."""
    time.sleep(seconds)
    return Extraction(pages=["too late"])


def allocate(*, megabytes: int) -> Extraction:
    """Ask for more memory than allowed."""
    block = bytearray(megabytes * 1024 * 1024)
    return Extraction(pages=[str(len(block))])


def crash() -> Extraction:
    """Die without answering (as a parser that crashes in C would)."""
    import os

    os._exit(3)
