"""``python -m indemnity``: the command line (see `indemnity.cli`)."""

from __future__ import annotations

import sys

from indemnity.cli import main

if __name__ == "__main__":
    sys.exit(main())
