"""The command line: ``indemnity`` (or ``python -m indemnity``).

Run with no arguments it prints a worked example about a built-in person.
The commands ask questions of a built-in example person (``--person``) or
of a portfolio file (``--portfolio``), list and explain the built-in schemes
and the words questions may use, and validate files::

    indemnity check KIND (--person NAME | --portfolio FILE) --on DATE --in PLACE
    indemnity ask KIND (--person NAME | --portfolio FILE) --in PLACE [--on DATE]
    indemnity gaps KIND (--person NAME | --portfolio FILE) --in PLACE --from DATE --to DATE
    indemnity timeline KIND (--person NAME | --portfolio FILE) --in PLACE --from DATE --to DATE
    indemnity schemes | explain SCHEME | words | validate FILE | people
    indemnity lint FILE... [--allow FILE | --no-allow]
    indemnity sweep QUESTIONS --careers FILE --out FILE [--workers N | --dask ADDRESS]

Every command takes ``--json`` for output that tools read (the shapes are
the codec's, documented in ``docs/cli.md``). Bad input prints one line on
stderr, ``indemnity: error: ...``, and exits with status 2; a traceback is a
bug. Characters that could take over a terminal (control characters, lone
surrogates, noncharacters) are escaped on their way out. argparse from the
standard library is enough for this: no command-line library earns a
dependency here. Each command lives in a module of its own.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, TextIO, cast

from indemnity import __version__
from indemnity._validate import escape_unsafe
from indemnity.cli import ask, catalogue, check, lint, sweep, timeline
from indemnity.cli._common import PROG, Handler, Parser, UsageError
from indemnity.errors import IndemnityError

__all__ = ["EXIT_USAGE", "main"]

EXIT_USAGE = 2
"""The exit status for bad input."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with `argv` (the process's arguments by default).

    Args:
        argv: The arguments after the program name, such as
            ``["check", "private-practice", "--person", "consultant", ...]``.

    Returns:
        The exit status: 0 on success, 2 on bad input (after one line on stderr).
    """
    args_list = sys.argv[1:] if argv is None else list(argv)
    out = cast("TextIO", _Escaped(sys.stdout))
    try:
        args = _parser().parse_args(args_list)
        handler: Handler = args.handler
        return handler(args, out)
    except UsageError as err:
        return _fail(str(err))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except IndemnityError as err:
        return _fail(str(err))
    except BrokenPipeError:
        # the reader went away (`indemnity people | head`): stop quietly, as cat does
        _silence_stdout()
        return 1
    except OSError as err:
        return _fail(_os_message(err))
    except UnicodeDecodeError as err:  # answers piped in that are not UTF-8
        return _fail(f"<stdin>: not UTF-8 text: invalid byte at byte {err.start}")


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {' '.join(escape_unsafe(message).split())}\n")
    return EXIT_USAGE


class _Escaped:
    r"""Standard output, with the characters that could take over a terminal escaped.

    Files holding control characters, lone surrogates or noncharacters are
    refused on loading; text from elsewhere (the arguments, objects built in
    code) is shown with them escaped (``\x1b``), never obeyed.
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(escape_unsafe(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _silence_stdout() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _os_message(err: OSError) -> str:
    if err.filename is not None:
        return f"{err.filename}: {err.strerror or err}"
    return str(err)


def _parser() -> Parser:
    parser = Parser(
        prog=PROG,
        description=(
            "Who stands behind this activity, on this date, in this jurisdiction? "
            "UK medical indemnity as explained, cited rules. With no command, "
            "print a worked example about a built-in person."
        ),
        epilog="Every command takes --json for output tools read. Bad input exits with status 2.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.set_defaults(handler=check.demo)
    common = Parser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="print JSON instead of text"
    )
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in (check, ask, timeline, catalogue, lint, sweep):
        module.add(sub, common)
    return parser
