"""Command-line entry point: ``python -m indemnity`` or ``indemnity``."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from indemnity._demo import demo_text


def main(argv: Sequence[str] | None = None) -> int:
    """Print a worked example of decisions with their reasons and sources."""
    del argv
    sys.stdout.write(demo_text() + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
