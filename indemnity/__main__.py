"""Command-line entry point: ``python -m indemnity`` or ``indemnity``; see `indemnity.cli`."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; with no arguments, print a worked example.

    Args:
        argv: The arguments after the program name; the process's by default.

    Returns:
        The exit status: 0 on success, 2 on bad input.
    """
    from indemnity.cli import main as run  # noqa: PLC0415 - keep `import indemnity` light

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    raise SystemExit(main())
