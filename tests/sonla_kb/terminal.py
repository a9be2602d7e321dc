"""A stream that says it is a terminal, for tests of what a terminal shows."""

import io


class Terminal(io.StringIO):
    """Collects what is written, and says it is a terminal, as sys.stderr does in a shell."""

    def isatty(self) -> bool:
        """Always: this stream stands for an interactive terminal."""
        return True
