"""Schemes, portfolios and decisions as files: JSON, TOML, and YAML as an extra.

A file holds one **document**: a table with the document's ``kind``
(``"scheme"``, ``"portfolio"`` or ``"decision"``), the format ``version``
(`FORMAT_VERSION`), and the object itself under a key named after its kind::

    kind = "portfolio"
    version = 1

    [portfolio]
    holder = "Dr Jane Smith"

    [[portfolio.memberships]]
    scheme = "cnst"                 # a scheme of the built-in catalogue, by key
    period = { start = "2019-08-07" }

    [[portfolio.memberships]]
    scheme = "my-mdo"               # a scheme this file defines, below
    period = { start = "2019-08-07", end = "2026-08-07" }

    [[schemes]]
    key = "my-mdo"
    ...

A portfolio's memberships name their scheme by key: one of the file's own
``schemes`` (a list of schemes, which may use the shared ``exclusions``
table by name), else one of the built-in catalogue's (``"cnst"``, ``"mdu"``).
A scheme document may have a shared ``exclusions`` table too. The object's
own shape is the one `indemnity.codec` reads and writes; the JSON Schemas in
``indemnity/schemas/`` describe every document kind.

**Decisions** are saved as `Decision.to_dict` writes them; loading one gives
that data back (a dict, checked and with every key present), not a
`Decision`: a decision's grounds and reasons name covers and memberships
rather than holding them, so a decision file is a record of an answer, to be
read by people and tools, not a question to be asked again.

**Formats** follow the file's suffix: ``.json``, ``.toml``, ``.yaml`` or
``.yml``. JSON and TOML need nothing beyond the standard library: TOML is
read with `tomllib` and written by a small writer of our own for this data
shape (`indemnity._toml_writer`), tested against `tomllib`, rather than by
adding a dependency. YAML needs PyYAML (``pip install 'indemnity[yaml]'``),
imported only when a YAML file is read or written.

**Untrusted files are safe to load.** Nothing in a file is evaluated; YAML
is read with PyYAML's safe loader, with aliases refused (they can blow a
small file up into a huge document). A file over `MAX_BYTES` is refused
before it is read whole, and one nested more than `MAX_DEPTH` deep before it
is parsed (a scan of its brackets and indentation) or structured; duplicate
keys are refused in every format, as are JSON's ``NaN`` and ``Infinity``.
Whatever the bytes, a loader raises `FileFormatError` (an `IndemnityError`)
and nothing else; only a file that cannot be opened raises `OSError`.

**Why hand-written structuring, not cattrs**: the objects are built by
`indemnity.codec`, written by hand so that every error names the path inside
the data (``portfolio.memberships[2].period.end``), what was expected and what
was found, and so that conditions, a tagged union, read as the files write
them. This module adds the document around it, and the file's name to every
error.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import math
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast, get_args

from indemnity import _toml_writer
from indemnity.citation import Citation
from indemnity.codec import from_data, to_data
from indemnity.decision import Decision, Outcome, ReasonCode
from indemnity.errors import (
    DataError,
    FileFormatError,
    IndemnityError,
    InvalidFieldError,
    UnknownNameError,
)
from indemnity.portfolio import Portfolio
from indemnity.question import Question
from indemnity.rules import Exclusion
from indemnity.scheme import Scheme

if TYPE_CHECKING:
    from types import ModuleType

__all__ = [
    "FORMAT_VERSION",
    "MAX_BYTES",
    "MAX_DEPTH",
    "SUFFIXES",
    "DecisionData",
    "DocumentKind",
    "FileFormat",
    "Loaded",
    "builtin_schemes",
    "dumps",
    "format_of",
    "from_document",
    "json_schema",
    "load",
    "load_decision",
    "load_portfolio",
    "load_scheme",
    "loads",
    "parse_document",
    "read_document",
    "save",
    "to_document",
]

FORMAT_VERSION = 1
"""The version of the file format this library writes and reads (no other)."""

MAX_BYTES = 5_000_000
"""The largest file the loaders read, in bytes: a bigger one is refused unread."""

MAX_DEPTH = 64
"""The deepest nesting of tables and lists a document may have."""

FileFormat: TypeAlias = Literal["json", "toml", "yaml"]
"""The formats documents are written in."""

DocumentKind: TypeAlias = Literal["scheme", "portfolio", "decision"]
"""The kinds of document, as the ``kind`` key of a file names them."""

DecisionData: TypeAlias = dict[str, Any]
"""A decision as `Decision.to_dict` writes it: what loading a decision file gives."""

Loaded: TypeAlias = Scheme | Portfolio | DecisionData
"""What a loader gives: a `Scheme`, a `Portfolio`, or a decision's data."""

SUFFIXES: Mapping[str, FileFormat] = {
    ".json": "json",
    ".toml": "toml",
    ".yaml": "yaml",
    ".yml": "yaml",
}
"""The file name suffixes the format is told by."""

_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
_FORMATS: tuple[FileFormat, ...] = get_args(FileFormat)
_EXTRA_KEYS: Mapping[str, tuple[str, ...]] = {
    "scheme": ("exclusions",),
    "portfolio": ("schemes", "exclusions"),
    "decision": (),
}
_NAMES = {"json": "JSON", "toml": "TOML", "yaml": "YAML"}
_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")

# ---------------------------------------------------------------------------
# The public functions


def format_of(name: str | os.PathLike[str], given: str | None = None) -> FileFormat:
    """The format of a file: `given` if set, else the one its suffix names.

    Args:
        name: The file's name or path.
        given: A format to use whatever the suffix: ``"json"``, ``"toml"`` or ``"yaml"``.

    Returns:
        The format.

    Raises:
        FileFormatError: `given` is no format, or the suffix names none.
    """
    shown = os.fspath(name)
    if given is not None:
        if given not in _FORMATS:
            raise FileFormatError("", "a format: " + ", ".join(_FORMATS), given, file=shown)
        return given
    suffix = Path(shown).suffix.lower()
    found = SUFFIXES.get(suffix)
    if found is None:
        expected = "a file name ending " + ", ".join(SUFFIXES)
        raise FileFormatError("", expected, suffix or shown, file=shown)
    return found


def builtin_schemes() -> Mapping[str, Scheme]:
    """The built-in UK catalogue's schemes by key: what portfolio files name by default.

    The catalogue is imported on first use, so that ``import indemnity`` stays light.

    Returns:
        A read-only mapping from key (``"cnst"``) to `Scheme`.
    """
    from indemnity.uk import schemes  # noqa: PLC0415 - loaded on first use only

    return schemes()


def json_schema(kind: DocumentKind) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a document of `kind`, as shipped in the package.

    The schema describes the canonical form `save` writes; the loaders also
    accept the loose spellings of names that the model accepts.

    Args:
        kind: ``"scheme"``, ``"portfolio"`` or ``"decision"``.

    Returns:
        The schema, read from ``indemnity/schemas/<kind>.schema.json``.

    Raises:
        UnknownNameError: `kind` is no document kind.
    """
    if kind not in _KINDS:
        raise UnknownNameError.for_choices("kind", kind, _KINDS)
    folder = resources.files("indemnity").joinpath("schemas")
    schema: dict[str, Any] = json.loads(folder.joinpath(f"{kind}.schema.json").read_text("utf-8"))
    return schema


def to_document(
    obj: Scheme | Portfolio | Decision, *, schemes: Mapping[str, Scheme] | None = None
) -> dict[str, Any]:
    """The document that saving `obj` writes: ``kind``, ``version`` and the object's data.

    A portfolio's memberships name their schemes by key: a scheme of
    `schemes` by its key alone, any other scheme by its key with the scheme
    written once in the document's ``schemes`` list (a second, different
    scheme with a key already used is written inline in its membership).

    Args:
        obj: A `Scheme`, a `Portfolio` or a `Decision`.
        schemes: The catalogue a reader will look keys up in; None for the
            built-in UK catalogue.

    Returns:
        The document as JSON-ready data.

    Raises:
        InvalidFieldError: `obj` is not a scheme, a portfolio or a decision.
    """
    head: dict[str, Any] = {"version": FORMAT_VERSION}
    if isinstance(obj, Scheme):
        return {"kind": "scheme", **head, "scheme": to_data(obj)}
    if isinstance(obj, Decision):
        return {"kind": "decision", **head, "decision": obj.to_dict()}
    if not isinstance(obj, Portfolio):
        raise InvalidFieldError("obj", "a Scheme, a Portfolio or a Decision", obj)
    catalogue = builtin_schemes() if schemes is None else schemes
    named: dict[str, Scheme] = {}
    own: list[Scheme] = []
    for membership in obj:
        held = membership.scheme
        if held.key in named:
            continue
        named[held.key] = held
        if catalogue.get(held.key) != held:
            own.append(held)
    document = {"kind": "portfolio", **head, "portfolio": to_data(obj, schemes=named)}
    if own:
        document["schemes"] = [to_data(s) for s in own]
    return document


def dumps(
    obj: Scheme | Portfolio | Decision,
    format: FileFormat = "json",  # noqa: A002 - the word users know, as json.dumps has `indent`
    *,
    schemes: Mapping[str, Scheme] | None = None,
) -> str:
    """Write `obj` as the text of a document file.

    Args:
        obj: A `Scheme`, a `Portfolio` or a `Decision`.
        format: ``"json"``, ``"toml"`` or ``"yaml"`` (YAML needs PyYAML).
        schemes: The catalogue portfolios name schemes from; None for the
            built-in UK catalogue (see `to_document`).

    Returns:
        The text, ending with a newline.

    Raises:
        InvalidFieldError: `obj` is not a scheme, a portfolio or a decision.
        FileFormatError: `format` is no format.
        IndemnityError: YAML was asked for and PyYAML is not installed.
    """
    fmt = format_of("<string>", format)
    document = to_document(obj, schemes=schemes)
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return _toml_writer.dumps(document)
    text: str = _yaml().dump(
        document,
        Dumper=_yaml_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


def save(
    obj: Scheme | Portfolio | Decision,
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
    schemes: Mapping[str, Scheme] | None = None,
) -> Path:
    """Save `obj` to a file, in the format its suffix names unless `format` is given.

    Args:
        obj: A `Scheme`, a `Portfolio` or a `Decision`.
        path: Where to write (overwritten if it exists).
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.
        schemes: The catalogue portfolios name schemes from; None for the
            built-in UK catalogue (see `to_document`).

    Returns:
        The path written.

    Raises:
        FileFormatError: the suffix names no format (and none was given).
        InvalidFieldError: `obj` is not a scheme, a portfolio or a decision.
        IndemnityError: YAML was asked for and PyYAML is not installed.
        OSError: the file cannot be written.
    """
    target = Path(path)
    text = dumps(obj, format_of(target, format), schemes=schemes)
    target.write_text(text, encoding="utf-8")
    return target


def read_document(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
) -> dict[str, Any]:
    """Read a file as plain data, safely, without building any object.

    Args:
        path: The file.
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the file is too large, too deeply nested, or not
            valid in its format, or is not a table at the top.
        OSError: the file cannot be opened.
    """
    name = os.fspath(path)
    fmt = format_of(name, format)
    with open(name, "rb") as stream:
        raw = stream.read(MAX_BYTES + 1)
    return parse_document(raw, fmt, name=name)


def parse_document(
    text: str | bytes,
    format: FileFormat = "json",  # noqa: A002 - see dumps
    *,
    name: str = "<string>",
) -> dict[str, Any]:
    """Parse the text of a document file into plain data, safely.

    Args:
        text: The text, or its bytes in UTF-8.
        format: ``"json"``, ``"toml"`` or ``"yaml"``.
        name: The file name to put in errors.

    Returns:
        The document: a dict of JSON-like data, dates as ISO strings.

    Raises:
        FileFormatError: the text is too large, too deeply nested, not valid
            in its format, or not a table at the top.
        IndemnityError: the text is YAML and PyYAML is not installed.
    """
    fmt = format_of(name, format)
    size = len(text) if isinstance(text, bytes) else len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_BYTES:
        raise FileFormatError(
            "", f"a file of at most {MAX_BYTES:,} bytes", "a larger one", file=name
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            where = f"byte {err.start}"
            raise FileFormatError.unreadable(
                name, "UTF-8 text", f"invalid byte at {where}"
            ) from None
    text = text.removeprefix("\ufeff")
    _check_depth(text, fmt, name)
    data = _PARSERS[fmt](text, name)
    document = _plain(data, "", 0, name)
    if not isinstance(document, dict):
        expected = "a table at the top, with keys kind, version and the object"
        raise FileFormatError("", expected, document, file=name)
    return document


def from_document(
    document: object, *, name: str = "<data>", schemes: Mapping[str, Scheme] | None = None
) -> Loaded:
    """Build the object a document describes.

    Args:
        document: The document's data, as `parse_document` gives it.
        name: The file name to put in errors.
        schemes: The catalogue memberships may name schemes from, after the
            document's own; None for the built-in UK catalogue.

    Returns:
        A `Scheme`, a `Portfolio`, or a decision's data (`DecisionData`).

    Raises:
        FileFormatError: the document is not a valid document of its kind;
            the error names the path inside it.
    """
    try:
        return _build(document, name, schemes)
    except FileFormatError:
        raise
    except InvalidFieldError as err:
        raise FileFormatError.in_file(name, err) from err


def loads(
    text: str | bytes,
    format: FileFormat = "json",  # noqa: A002 - see dumps
    *,
    name: str = "<string>",
    schemes: Mapping[str, Scheme] | None = None,
) -> Loaded:
    """Load a scheme, portfolio or decision from the text of a document.

    Args:
        text: The text, or its bytes in UTF-8.
        format: ``"json"``, ``"toml"`` or ``"yaml"``.
        name: The file name to put in errors.
        schemes: The catalogue memberships may name schemes from, after the
            document's own; None for the built-in UK catalogue.

    Returns:
        A `Scheme`, a `Portfolio`, or a decision's data (`DecisionData`).

    Raises:
        FileFormatError: the text is not a valid document (whatever it holds,
            nothing else is raised but the missing-PyYAML error).
        IndemnityError: the text is YAML and PyYAML is not installed.
    """
    return from_document(parse_document(text, format, name=name), name=name, schemes=schemes)


def load(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
    schemes: Mapping[str, Scheme] | None = None,
) -> Loaded:
    """Load a scheme, portfolio or decision from a file; its ``kind`` says which.

    >>> load("indemnity/examples/people/gp-trainee.toml").holder
    'Dr Sam Patel, GP specialty trainee (ST2), Thames Valley'

    Args:
        path: The file; its suffix names the format unless `format` is given.
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.
        schemes: The catalogue memberships may name schemes from, after the
            file's own; None for the built-in UK catalogue.

    Returns:
        A `Scheme`, a `Portfolio`, or a decision's data (`DecisionData`).

    Raises:
        FileFormatError: the file is not a valid document; the error names
            the file, the path inside it, what was expected and what was found.
        IndemnityError: the file is YAML and PyYAML is not installed.
        OSError: the file cannot be opened.
    """
    name = os.fspath(path)
    return from_document(read_document(name, format=format), name=name, schemes=schemes)


def load_scheme(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
) -> Scheme:
    """Load a scheme file; see `load`.

    Raises:
        FileFormatError: the file is not a valid scheme document.
        OSError: the file cannot be opened.
    """
    return cast("Scheme", _expect(path, "scheme", format, {}))


def load_portfolio(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
    schemes: Mapping[str, Scheme] | None = None,
) -> Portfolio:
    """Load a portfolio file; see `load`.

    Raises:
        FileFormatError: the file is not a valid portfolio document.
        OSError: the file cannot be opened.
    """
    return cast("Portfolio", _expect(path, "portfolio", format, schemes))


def load_decision(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see dumps
) -> DecisionData:
    """Load a decision file: the data `Decision.to_dict` wrote, every key present.

    Raises:
        FileFormatError: the file is not a valid decision document.
        OSError: the file cannot be opened.
    """
    return cast("DecisionData", _expect(path, "decision", format, {}))


def _expect(
    path: str | os.PathLike[str],
    kind: DocumentKind,
    format: FileFormat | None,  # noqa: A002 - see dumps
    schemes: Mapping[str, Scheme] | None,
) -> Loaded:
    name = os.fspath(path)
    document = read_document(name, format=format)
    found = document.get("kind")
    if found in _KINDS and found != kind:
        raise FileFormatError("kind", f"a {kind} document", found, file=name)
    return from_document(document, name=name, schemes=schemes)


# ---------------------------------------------------------------------------
# Parsing, safely


def _check_depth(text: str, fmt: FileFormat, name: str) -> None:
    """Refuse text nested deeper than MAX_DEPTH before a recursive parser sees it."""
    depth = 0
    for match in _TOKENS.finditer(text):
        found = match.group()
        if found in ("[", "{"):
            depth += 1
            if depth > MAX_DEPTH:
                line = text.count("\n", 0, match.start()) + 1
                _too_deep(name, f"line {line}")
        elif found in ("]", "}"):
            depth = max(depth - 1, 0)
    if fmt == "yaml":
        _check_indentation(text, name)


# Strings and comments are skipped, so that brackets inside them do not count.
_TOKENS = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|#[^\n]*|[\[\]{}]")


def _check_indentation(text: str, name: str) -> None:
    """YAML's block style nests by indentation: count the open levels line by line."""
    indents: list[int] = []
    for number, line in enumerate(text.splitlines(), 1):
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        while indents and indents[-1] >= indent:
            indents.pop()
        indents.append(indent)
        dashes = len(body) - len(body.lstrip("- ")) if body.startswith("- ") else 0
        if len(indents) + dashes // 2 > MAX_DEPTH:
            _too_deep(name, f"line {number}")


def _too_deep(name: str, where: str) -> None:
    expected = f"tables and lists nested at most {MAX_DEPTH} deep"
    raise FileFormatError("", expected, f"a deeper nesting at {where}", file=name)


def _parse_json(text: str, name: str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as err:
        problem = f"{err.msg} (line {err.lineno}, column {err.colno})"
        raise FileFormatError.unreadable(name, "valid JSON", problem) from None
    except _DuplicateKeyError as err:
        raise FileFormatError.unreadable(name, "valid JSON", str(err)) from None
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:
        raise FileFormatError.unreadable(name, "valid JSON", _one_line(err)) from None
    raise AssertionError  # pragma: no cover - every branch above returns or raises


class _DuplicateKeyError(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in pairs:
        if key in out:
            msg = f"the key {key!r} appears twice in one object"
            raise _DuplicateKeyError(msg)
        out[key] = value
    return out


def _no_constant(word: str) -> object:
    msg = f"{word} is not a JSON number"
    raise ValueError(msg)


def _parse_toml(text: str, name: str) -> object:
    try:
        return tomllib.loads(text)
    except RecursionError:
        _too_deep(name, "some point")
    except ValueError as err:  # TOMLDecodeError, and int() of a number too long to read
        raise FileFormatError.unreadable(name, "valid TOML", _one_line(err)) from None
    raise AssertionError  # pragma: no cover - every branch above returns or raises


def _parse_yaml(text: str, name: str) -> object:
    yaml = _yaml()
    loader = None
    try:
        loader = _yaml_loader()(text)  # the reader already checks the characters
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        problem = err.problem or err.context or "malformed"
        mark = err.problem_mark or err.context_mark
        where = "" if mark is None else f" (line {mark.line + 1}, column {mark.column + 1})"
        raise FileFormatError.unreadable(name, "valid YAML", f"{problem}{where}") from None
    except RecursionError:
        _too_deep(name, "some point")
    except (yaml.YAMLError, ValueError, TypeError) as err:
        raise FileFormatError.unreadable(name, "valid YAML", _one_line(err)) from None
    finally:
        if loader is not None:
            loader.dispose()
    raise AssertionError  # pragma: no cover - every branch above returns or raises


_PARSERS: dict[FileFormat, Callable[[str, str], object]] = {
    "json": _parse_json,
    "toml": _parse_toml,
    "yaml": _parse_yaml,
}


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split()) or type(err).__name__


def _yaml() -> ModuleType:
    try:
        import yaml  # noqa: PLC0415 - an optional extra, imported when YAML is used
    except ImportError:
        msg = "YAML files need PyYAML: pip install 'indemnity[yaml]'"
        raise IndemnityError(msg) from None
    return yaml


@functools.cache
def _yaml_loader() -> Callable[[str], Any]:
    """PyYAML's safe loader, refusing aliases and duplicate keys."""
    yaml = _yaml()

    class Loader(yaml.SafeLoader):  # type: ignore[name-defined,misc]  # yaml is imported lazily
        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()
                problem = "aliases (*name) are not accepted"
                raise yaml.composer.ComposerError(None, None, problem, event.start_mark)
            return super().compose_node(parent, index)

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:  # noqa: FBT001, FBT002 - PyYAML's signature
            seen: list[object] = []
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if key in seen:
                    problem = f"the key {key!r} appears twice in one mapping"
                    raise yaml.constructor.ConstructorError(
                        None, None, problem, key_node.start_mark
                    )
                seen.append(key)
            return super().construct_mapping(node, deep=deep)

    return cast("Callable[[str], Any]", Loader)


# Characters YAML reads as line breaks or drops unless escaped in a double-quoted string.
_YAML_SPECIAL = re.compile("[\x85\u2028\u2029\ufeff]")


@functools.cache
def _yaml_dumper() -> type[Any]:
    """PyYAML's safe dumper, quoting strings whose characters a plain scalar would lose."""
    yaml = _yaml()

    class Dumper(yaml.SafeDumper):  # type: ignore[name-defined,misc]  # yaml is imported lazily
        pass

    def text(dumper: Any, data: str) -> Any:
        risky = _YAML_SPECIAL.search(data) or not data.replace("\n", "").isprintable()
        style = '"' if risky else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)

    Dumper.add_representer(str, text)
    return Dumper


def _plain(data: object, path: str, depth: int, name: str) -> object:
    """The data as JSON-like values: dates as ISO strings, keys checked, depth bounded."""
    if data is None or isinstance(data, bool | int | str):
        return data
    if isinstance(data, float):
        if not math.isfinite(data):
            raise FileFormatError(path, "a finite number", data, file=name)
        return data
    if isinstance(data, _dt.datetime | _dt.time):
        raise FileFormatError(path, "a date such as 2024-11-05 (not a time)", data, file=name)
    if isinstance(data, _dt.date):
        return data.isoformat()
    if isinstance(data, list | dict) and depth >= MAX_DEPTH:
        _too_deep(name, repr(path))
    if isinstance(data, list):
        return [_plain(item, f"{path}[{i}]", depth + 1, name) for i, item in enumerate(data)]
    if isinstance(data, dict):
        out: dict[str, object] = {}
        for key, value in data.items():
            if not isinstance(key, str):
                hint = " (in YAML, quote keys such as 'on', 'yes' and 'no')"
                where = path or "the top"
                raise FileFormatError(path, f"string keys at {where}{hint}", key, file=name)
            out[key] = _plain(value, _join(path, key), depth + 1, name)
        return out
    raise FileFormatError(path, "a string, number, boolean, list or table", data, file=name)


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not _PLAIN_KEY.fullmatch(key):
        return f"{path}[{key!r}]"
    return f"{path}.{key}" if path else key


# ---------------------------------------------------------------------------
# Structuring


def _build(document: object, name: str, schemes: Mapping[str, Scheme] | None) -> Loaded:
    if not isinstance(document, Mapping):
        raise DataError("", "a table with keys kind, version and the object", document)
    kind = document.get("kind")
    if kind is None:
        raise DataError.missing("kind", "the document kind: " + ", ".join(map(repr, _KINDS)))
    if kind not in _KINDS:
        raise DataError("kind", "one of " + ", ".join(map(repr, _KINDS)), kind)
    allowed = ("kind", "version", kind, *_EXTRA_KEYS[kind])
    for key in document:
        if key not in allowed:
            raise DataError.unknown_key(_join("", key), key, allowed)
    version = document.get("version")
    if version is None:
        raise DataError.missing("version", f"the format version, {FORMAT_VERSION}")
    if isinstance(version, bool) or version != FORMAT_VERSION:
        expected = f"format version {FORMAT_VERSION} (the version this library reads)"
        raise DataError("version", expected, version)
    if document.get(kind) is None:
        raise DataError.missing(kind, f"the {kind} itself")
    payload = document[kind]
    if kind == "decision":
        return _decision_data(payload, "decision")
    shared = _shared_exclusions(document.get("exclusions"))
    if kind == "scheme":
        return from_data(Scheme, payload, path="scheme", exclusions=shared)
    own = _own_schemes(document.get("schemes"), shared)
    catalogue = builtin_schemes() if schemes is None else schemes
    lookup = {**catalogue, **own}
    return from_data(Portfolio, payload, path="portfolio", schemes=lookup, exclusions=shared)


def _shared_exclusions(table: object) -> dict[str, Exclusion]:
    if table is None:
        return {}
    if not isinstance(table, Mapping):
        raise DataError("exclusions", "a table of named exclusions", table)
    return {
        key: from_data(Exclusion, item, path=_join("exclusions", key))
        for key, item in table.items()
    }


def _own_schemes(items: object, shared: Mapping[str, Exclusion]) -> dict[str, Scheme]:
    if items is None:
        return {}
    if not isinstance(items, list):
        raise DataError("schemes", "a list of schemes", items)
    out: dict[str, Scheme] = {}
    for i, item in enumerate(items):
        where = f"schemes[{i}]"
        scheme = from_data(Scheme, item, path=where, exclusions=shared)
        if scheme.key in out:
            raise DataError(f"{where}.key", "a key no other scheme of the file has", scheme.key)
        out[scheme.key] = scheme
    return out


# Decisions: checked against the shape `Decision.to_dict` writes, every key put back.


def _decision_data(data: object, path: str) -> DecisionData:
    fields = _fields(
        data,
        path,
        "a decision",
        required=("outcome", "covered", "question"),
        optional=("grounds", "reasons", "missing", "claim_windows"),
    )
    outcome = _choice(fields["outcome"], _join(path, "outcome"), [o.value for o in Outcome])
    covered = fields["covered"]
    if covered is not (outcome == Outcome.COVERED.value):
        expected = f"{outcome == Outcome.COVERED.value} (the outcome is {outcome!r})"
        raise DataError(_join(path, "covered"), expected, covered)
    question = from_data(Question, fields["question"], path=_join(path, "question"))
    grounds = [
        {**_context(item, where), "source": _citation(item, where)}
        for where, item in _list(fields.get("grounds"), _join(path, "grounds"))
    ]
    reasons = [
        _reason(item, where) for where, item in _list(fields.get("reasons"), _join(path, "reasons"))
    ]
    windows = [
        _window(item, where)
        for where, item in _list(fields.get("claim_windows"), _join(path, "claim_windows"))
    ]
    return {
        "outcome": outcome,
        "covered": covered,
        "question": question.to_dict(),
        "grounds": grounds,
        "reasons": reasons,
        "missing": _strings(fields.get("missing"), _join(path, "missing")),
        "claim_windows": windows,
    }


_CONTEXT = ("membership", "scheme", "cover")


def _context(data: object, path: str) -> dict[str, str | None]:
    fields = _fields(data, path, "a ground", required=("source",), optional=_CONTEXT)
    return {key: _optional_str(fields.get(key), _join(path, key)) for key in _CONTEXT}


def _reason(data: object, path: str) -> dict[str, object]:
    fields = _fields(
        data,
        path,
        "a reason",
        required=("code", "message", "source"),
        optional=(*_CONTEXT, "missing"),
    )
    code = _choice(fields["code"], _join(path, "code"), [c.value for c in ReasonCode])
    message = fields["message"]
    if not isinstance(message, str):
        raise DataError(_join(path, "message"), "a string", message)
    return {
        "code": code,
        "message": message,
        **{key: _optional_str(fields.get(key), _join(path, key)) for key in _CONTEXT},
        "missing": _strings(fields.get("missing"), _join(path, "missing")),
        "source": _citation(fields, path),
    }


def _citation(fields: object, path: str) -> dict[str, object]:
    source = cast("Mapping[str, object]", fields)["source"]
    return from_data(Citation, source, path=_join(path, "source")).to_dict()


def _window(data: object, path: str) -> dict[str, str | None]:
    fields = _fields(data, path, "a claim window", optional=("start", "end"))
    out: dict[str, str | None] = {}
    for key in ("start", "end"):
        value = fields.get(key)
        where = _join(path, key)
        if value is not None:
            if not isinstance(value, str):
                raise DataError(where, "an ISO date such as '2024-11-05'", value)
            try:
                value = _dt.date.fromisoformat(value).isoformat()
            except ValueError:
                raise DataError(where, "an ISO date such as '2024-11-05'", value) from None
        out[key] = value
    return out


def _fields(
    data: object,
    path: str,
    expected: str,
    *,
    required: tuple[str, ...] = (),
    optional: tuple[str, ...] = (),
) -> dict[str, object]:
    allowed = (*required, *optional)
    if not isinstance(data, Mapping):
        raise DataError(path, f"{expected}: a table with keys {', '.join(allowed)}", data)
    for key in data:
        if key not in allowed:
            raise DataError.unknown_key(_join(path, key), key, allowed)
    for key in required:
        if data.get(key) is None:
            raise DataError.missing(_join(path, key), "a value")
    return dict(data)


def _list(data: object, path: str) -> list[tuple[str, object]]:
    if data is None:
        return []
    if not isinstance(data, list):
        raise DataError(path, "a list", data)
    return [(f"{path}[{i}]", item) for i, item in enumerate(data)]


def _strings(data: object, path: str) -> list[str]:
    out = []
    for where, item in _list(data, path):
        if not isinstance(item, str):
            raise DataError(where, "a string", item)
        out.append(item)
    return out


def _optional_str(data: object, path: str) -> str | None:
    if data is not None and not isinstance(data, str):
        raise DataError(path, "a string or nothing", data)
    return data


def _choice(data: object, path: str, choices: list[str]) -> str:
    if data not in choices:
        raise DataError(path, "one of " + ", ".join(map(repr, choices)), data)
    return str(data)
