r"""A coverage-guided fuzz target for the loaders, with atheris (the `fuzz` extra).

The Hypothesis tests in ``tests/test_fuzz_files.py`` throw generated hostile
documents at the loaders on every run of the test suite; this target lets
libFuzzer, guided by the coverage of the parser and the codec, search for
minutes or hours for a document that makes a loader raise anything but the
library's `IndemnityError`, crash, hang, or grow past a memory limit.
Run it from a checkout::

    .venv/bin/pip install -e '.[fuzz,yaml]'
    .venv/bin/python fuzz/fuzz_loaders.py --seeds fuzz/corpus
    .venv/bin/python fuzz/fuzz_loaders.py fuzz/corpus -max_total_time=600 \\
        -rss_limit_mb=1024 -timeout=10

The first command writes the seed corpus (the built-in people and a scheme,
in every format) into ``fuzz/corpus``, which is not committed; the second
fuzzes for ten minutes, reporting any input that raises another exception,
takes more than 10 s or more than 1 GB, and saving it as ``crash-*``,
``timeout-*`` or ``oom-*`` to replay with ``python fuzz/fuzz_loaders.py
crash-...``. Every other libFuzzer option (``-jobs``, ``-workers``,
``-dict``) works as usual.

Each input's first byte picks the format; the rest is the file's bytes,
given to `indemnity.io.documents.loads`, which parses them within the
limits and builds the document's objects.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from indemnity import uk
from indemnity.errors import IndemnityError
from indemnity.io.documents import dumps, loads

FORMATS = ("json", "toml", "yaml")


def one_input(data: bytes) -> None:
    """Load `data` as a document: refused with `IndemnityError`, or read; anything else escapes."""
    if not data:
        return
    fmt = FORMATS[data[0] % len(FORMATS)]
    with contextlib.suppress(IndemnityError):
        loads(data[1:], fmt)  # type: ignore[arg-type]


def seeds() -> dict[str, bytes]:
    """The seed corpus: the built-in people and a scheme, in every format, by file name."""
    objects = {**{name: uk.person(name) for name in uk.PEOPLE}, "cnst": uk.scheme("cnst")}
    return {
        f"{name}.{fmt}": bytes([index]) + dumps(obj, fmt).encode()
        for name, obj in objects.items()
        for index, fmt in enumerate(FORMATS)
    }


def main(argv: list[str]) -> None:
    """Write the seeds (``--seeds FOLDER``), or fuzz with libFuzzer's arguments."""
    if argv[1:2] == ["--seeds"]:
        folder = Path(argv[2] if len(argv) > 2 else "fuzz/corpus")  # noqa: PLR2004 - the folder
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in seeds().items():
            (folder / name).write_bytes(data)
        print(f"wrote {len(seeds())} seeds into {folder}")
        return
    import atheris  # the optional `fuzz` extra

    uk.catalogue()  # the built-in data, loaded before the coverage is instrumented
    atheris.instrument_all()
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
