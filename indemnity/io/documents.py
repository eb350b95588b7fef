"""Documents: schemes, portfolios, decisions and catalogues as files (JSON, TOML, YAML).

A file holds one **document**: a table with the document's ``kind``, the
format ``version`` (`FORMAT_VERSION`), and what it holds::

    kind = "portfolio"
    version = 1

    [portfolio]
    holder = "Dr Jane Smith"

    [[portfolio.memberships]]
    scheme = "cnst"                 # a scheme of the catalogue, by key
    period = { start = "2019-08-07" }

    [[portfolio.memberships]]
    scheme = "my-mdo"               # a scheme this file defines, below
    period = { start = "2019-08-07", end = "2026-08-07" }

    [[schemes]]
    key = "my-mdo"
    ...

The kinds, and the tables each may hold besides ``kind`` and ``version``:

- ``scheme``: ``scheme``; and ``vocabulary``, ``sources``, ``exclusions``.
- ``portfolio``: ``portfolio``; and ``schemes``, ``vocabulary``, ``sources``, ``exclusions``.
- ``decision``: ``decision`` (a record of an answer, with the sources it cites).
- ``catalogue``: any of ``name``, ``vocabulary``, ``sources``, ``exclusions``, ``schemes``.
  The built-in UK catalogue is such documents (``indemnity/uk/data/``).

A document's names are checked against a **catalogue**: the default one (the
built-in UK catalogue) unless another is given. A ``vocabulary`` table
declares facts, values, kinds, matters and places the document adds to the
catalogue's vocabulary; a ``sources`` table, the documents its rules cite;
``exclusions``, exclusions its covers may name; a portfolio's memberships name
their scheme by key, one of the file's own ``schemes`` or else one of the
catalogue's. Objects are shaped as `indemnity.io.codec` writes them.

Files are read safely (`indemnity.io.parse`) and written atomically: to a
temporary file in the same folder, flushed, then renamed over the target, so
a reader never sees half a file and a failed write leaves the old one whole.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast, get_args

import attrs

from indemnity._validate import find_name
from indemnity.errors import DataError, FileFormatError, InvalidFieldError, UnknownNameError
from indemnity.holdings.catalogue import Catalogue, default_catalogue
from indemnity.holdings.portfolio import Portfolio
from indemnity.io import toml_writer
from indemnity.io.codec import (
    SHAPES,
    Context,
    Data,
    join,
    json_schema_of,
    parameters_data,
    read_parameters,
    read_shape,
    read_sources,
    read_vocabulary,
    to_data,
    vocabulary_data,
    write_shape,
)
from indemnity.io.parse import (
    FileFormat,
    check_data,
    file_name,
    format_of,
    kind_of_file,
    parse_document,
    read_document,
    yaml_dumper,
    yaml_module,
)
from indemnity.model.decision import Decision
from indemnity.model.parameter import Parameter
from indemnity.model.terms import Fact, FactType, Source
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.scheme import Scheme

__all__ = [
    "FORMAT_VERSION",
    "Catalogue",
    "DocumentKind",
    "Loaded",
    "default_catalogue",
    "dumps",
    "from_document",
    "json_schema",
    "load",
    "load_catalogue",
    "load_decision",
    "load_portfolio",
    "load_scheme",
    "loads",
    "save",
    "to_document",
    "write_text",
]

FORMAT_VERSION = 1
"""The version of the file format this library writes and reads (no other)."""

DocumentKind: TypeAlias = Literal["scheme", "portfolio", "decision", "catalogue"]
"""The kinds of document, as the ``kind`` key of a file names them."""

_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
_EXTRA_KEYS: Mapping[str, tuple[str, ...]] = {
    "scheme": ("scheme", "vocabulary", "sources", "exclusions"),
    "portfolio": ("portfolio", "schemes", "vocabulary", "sources", "exclusions"),
    "decision": ("decision",),
    "catalogue": ("name", "vocabulary", "sources", "parameters", "exclusions", "schemes"),
}


Loaded: TypeAlias = Scheme | Portfolio | Decision | Catalogue
"""What a loader gives: a `Scheme`, a `Portfolio`, a `Decision` or a `Catalogue`."""


# ---------------------------------------------------------------------------
# Reading


def from_document(
    document: object, *, name: str = "<data>", catalogue: Catalogue | None = None
) -> Loaded:
    """Build what a document describes.

    Args:
        document: The document's data, as `indemnity.io.parse.parse_document` gives it.
        name: The file name to put in errors.
        catalogue: What names are looked up in; None for the default catalogue.

    Returns:
        A `Scheme`, a `Portfolio`, a `Decision` or a `Catalogue`.

    Raises:
        FileFormatError: the document is not a valid document of its kind;
            the error names the file and the path inside it.
    """
    try:
        return _build(document, catalogue if catalogue is not None else default_catalogue())
    except FileFormatError:
        raise
    except InvalidFieldError as err:
        raise FileFormatError.in_file(name, err) from err


def _head(document: object) -> str:
    if not isinstance(document, Mapping):
        raise DataError("", "a table with keys kind, version and the object", document)
    written = document.get("kind")
    if written is None:
        raise DataError.missing("kind", "the document kind: " + ", ".join(map(repr, _KINDS)))
    kind = _kind(written)
    if kind is None:
        raise DataError("kind", "one of " + ", ".join(map(repr, _KINDS)), written)
    allowed = ("kind", "version", *_EXTRA_KEYS[kind])
    for key in document:
        if key not in allowed:
            raise DataError.unknown_key(join("", key), key, allowed)
    version = document.get("version")
    if version is None:
        raise DataError.missing("version", f"the format version, {FORMAT_VERSION}")
    if type(version) is not int or version != FORMAT_VERSION:
        expected = f"the whole number {FORMAT_VERSION} (the format version this library reads)"
        raise DataError("version", expected, version)
    return kind


def _kind(written: object) -> DocumentKind | None:
    """The kind of document `written` names (case and spacing forgiven), or None."""
    return find_name({kind: kind for kind in _KINDS}, written)


def _build(document: object, catalogue: Catalogue) -> Loaded:
    kind = _head(document)
    data = cast("Mapping[str, Any]", document)
    if kind == "decision":
        if data.get("decision") is None:
            raise DataError.missing("decision", "the decision itself")
        ctx = Context(vocabulary=catalogue.vocabulary)
        return cast("Decision", read_shape(SHAPES["decision"], data["decision"], "decision", ctx))
    ctx = _context(data, catalogue)
    if kind == "scheme":
        if data.get("scheme") is None:
            raise DataError.missing("scheme", "the scheme itself")
        return cast("Scheme", read_shape(SHAPES["scheme"], data["scheme"], "scheme", ctx))
    own = _own_schemes(data.get("schemes"), ctx, taken=())
    if kind == "catalogue":
        label = data.get("name") or catalogue.name
        if not isinstance(label, str):
            raise DataError("name", "a string", label)
        parameters = _parameters(data, ctx)
        return Catalogue(label, ctx.vocabulary, own, ctx.exclusions, parameters)
    if data.get("portfolio") is None:
        raise DataError.missing("portfolio", "the portfolio itself")
    ctx = attrs.evolve(ctx, schemes={**catalogue.schemes, **own})
    return cast("Portfolio", read_shape(SHAPES["portfolio"], data["portfolio"], "portfolio", ctx))


def _context(data: Mapping[str, Any], catalogue: Catalogue) -> Context:
    """The vocabulary, sources and shared exclusions a document declares, on its catalogue's."""
    return _with_exclusions(data, Context(vocabulary=_declared_words(data, catalogue.vocabulary)))


def _declared_words(data: Mapping[str, Any], base: Vocabulary) -> Vocabulary:
    """`base` with the vocabulary and sources the document declares."""
    sources: dict[str, Source] = {}
    if data.get("sources") is not None:
        sources = read_sources(data["sources"], "sources")
    if data.get("vocabulary") is None and not sources:
        return base
    return read_vocabulary(data.get("vocabulary"), "vocabulary", base=base, sources=sources)


def _with_exclusions(data: Mapping[str, Any], ctx: Context) -> Context:
    shared: dict[str, Exclusion] = {}
    table = data.get("exclusions")
    if table is not None:
        if not isinstance(table, Mapping):
            raise DataError("exclusions", "a table of named exclusions", table)
        for key, item in table.items():
            shared[key] = read_shape(SHAPES["exclusion"], item, join("exclusions", key), ctx)
    return attrs.evolve(ctx, exclusions=shared)


def _own_schemes(items: object, ctx: Context, taken: Iterable[str]) -> dict[str, Scheme]:
    if items is None:
        return {}
    if not isinstance(items, list):
        raise DataError("schemes", "a list of schemes", items)
    out: dict[str, Scheme] = {}
    for i, item in enumerate(items):
        where = f"schemes[{i}]"
        scheme = cast("Scheme", read_shape(SHAPES["scheme"], item, where, ctx))
        if scheme.key in out or scheme.key in taken:
            raise DataError(f"{where}.key", "a key no other scheme of the file has", scheme.key)
        out[scheme.key] = scheme
    return out


def loads(
    text: str | bytes | bytearray | memoryview,
    format: FileFormat = "json",  # noqa: A002 - the word users know
    *,
    name: str = "<string>",
    catalogue: Catalogue | None = None,
) -> Loaded:
    """Load a scheme, portfolio, decision or catalogue from the text of a document.

    Args:
        text: The text, or its bytes in UTF-8.
        format: ``"json"``, ``"toml"`` or ``"yaml"``.
        name: The file name to put in errors.
        catalogue: What names are looked up in; None for the default catalogue.

    Returns:
        What the document holds.

    Raises:
        FileFormatError: the text is not a valid document.
        IndemnityError: the text is YAML and PyYAML is not installed.
    """
    return from_document(parse_document(text, format, name=name), name=name, catalogue=catalogue)


def load(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see loads
    catalogue: Catalogue | None = None,
) -> Loaded:
    """Load a scheme, portfolio, decision or catalogue from a file; its ``kind`` says which.

    Args:
        path: The file; its suffix names the format unless `format` is given.
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.
        catalogue: What names are looked up in; None for the default catalogue.

    Returns:
        What the document holds.

    Raises:
        FileFormatError: the file is not a valid document; the error names
            the file, the path inside it, what was expected and what was found.
        IndemnityError: the file is YAML and PyYAML is not installed.
        OSError: the file cannot be opened.
    """
    name = file_name(path)
    return from_document(read_document(name, format=format), name=name, catalogue=catalogue)


def _expect(
    path: str | os.PathLike[str],
    kind: DocumentKind,
    format: FileFormat | None,  # noqa: A002 - see loads
    catalogue: Catalogue | None,
) -> Loaded:
    name = file_name(path)
    document = read_document(name, format=format)
    found = document.get("kind")
    if _kind(found) not in (None, kind):
        raise FileFormatError("kind", f"a {kind} document", found, file=name)
    return from_document(document, name=name, catalogue=catalogue)


def load_scheme(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see loads
    catalogue: Catalogue | None = None,
) -> Scheme:
    """Load a scheme file; see `load`.

    Raises:
        FileFormatError: the file is not a valid scheme document.
        OSError: the file cannot be opened.
    """
    return cast("Scheme", _expect(path, "scheme", format, catalogue))


def load_portfolio(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see loads
    catalogue: Catalogue | None = None,
) -> Portfolio:
    """Load a portfolio file; see `load`.

    Raises:
        FileFormatError: the file is not a valid portfolio document.
        OSError: the file cannot be opened.
    """
    return cast("Portfolio", _expect(path, "portfolio", format, catalogue))


def load_decision(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see loads
    catalogue: Catalogue | None = None,
) -> Decision:
    """Load a decision file: the record of an answer, as it was written.

    Raises:
        FileFormatError: the file is not a valid decision document.
        OSError: the file cannot be opened.
    """
    return cast("Decision", _expect(path, "decision", format, catalogue))


def load_catalogue(
    documents: Iterable[tuple[str, str | bytes]],
    *,
    name: str,
    format: FileFormat = "toml",  # noqa: A002 - see loads
    base: Catalogue | None = None,
) -> Catalogue:
    """Build a catalogue from catalogue documents read in order, each on those before it.

    Args:
        documents: (file name, text) pairs, in the order to read them: a
            vocabulary first, then the sources, then the schemes.
        name: The catalogue's name.
        format: The documents' format.
        base: A catalogue to build on; None for nothing.

    Returns:
        The catalogue.

    Raises:
        FileFormatError: a document is invalid, or two schemes share a key.
    """
    built = base or Catalogue.empty()
    parsed: list[tuple[str, dict[str, Any]]] = []
    words = built.vocabulary
    for file, text in documents:
        document = parse_document(text, format, name=file)
        with _in_file(file):
            if _head(document) != "catalogue":
                raise DataError("kind", "a catalogue document", document.get("kind"))
            words = _declared_words(document, words)
        parsed.append((file, document))
    # Every scheme speaks the one vocabulary all the documents declare together.
    schemes: dict[str, Scheme] = dict(built.schemes)
    parameters: dict[str, Parameter] = dict(built.parameters)
    for file, document in parsed:
        with _in_file(file):
            ctx = _with_exclusions(document, Context(vocabulary=words))
            schemes.update(_own_schemes(document.get("schemes"), ctx, taken=schemes))
            for key, parameter in _parameters(document, ctx).items():
                if key in parameters:
                    raise DataError(join("parameters", key), "a name no other file uses", key)
                parameters[key] = parameter
    return Catalogue(name, words, schemes, {}, parameters)


def _parameters(data: Mapping[str, Any], ctx: Context) -> dict[str, Parameter]:
    table = data.get("parameters")
    return {} if table is None else read_parameters(table, "parameters", ctx)


@contextlib.contextmanager
def _in_file(file: str) -> Iterator[None]:
    try:
        yield
    except FileFormatError:
        raise
    except InvalidFieldError as err:
        raise FileFormatError.in_file(file, err) from err


# ---------------------------------------------------------------------------
# Writing


def to_document(obj: Loaded, *, catalogue: Catalogue | None = None) -> Data:
    """The document that saving `obj` writes: ``kind``, ``version`` and what it holds.

    Names of the catalogue are written as names; what the object speaks of
    beyond the catalogue (facts, values, sources, schemes) is declared in the
    document, so that loading it with the same catalogue gives `obj` back.

    Args:
        obj: A `Scheme`, a `Portfolio`, a `Decision` or a `Catalogue`.
        catalogue: The catalogue a reader will look names up in; None for the default.

    Returns:
        The document as JSON-ready data.

    Raises:
        InvalidFieldError: `obj` is none of these.
    """
    base = catalogue if catalogue is not None else default_catalogue()
    head: Data = {"version": FORMAT_VERSION}
    if isinstance(obj, Decision):
        ctx = Context(vocabulary=base.vocabulary)
        return {"kind": "decision", **head, "decision": to_data(obj, context=ctx)}
    if isinstance(obj, Scheme):
        ctx = Context(vocabulary=obj.vocabulary)
        body = write_shape(SHAPES["scheme"], obj, ctx)
        return _declared({"kind": "scheme", **head}, obj.vocabulary, base, ctx) | {"scheme": body}
    if isinstance(obj, Catalogue):
        ctx = Context(vocabulary=obj.vocabulary)
        schemes = [write_shape(SHAPES["scheme"], s, ctx) for s in obj.schemes.values()]
        document = _declared(
            {"kind": "catalogue", **head, "name": obj.name},
            obj.vocabulary,
            base,
            ctx,
            all_sources=True,
        )
        if obj.parameters:
            document["parameters"] = parameters_data(obj.parameters, ctx)
        if obj.exclusions:
            document["exclusions"] = {
                key: write_shape(SHAPES["exclusion"], item, ctx)
                for key, item in obj.exclusions.items()
            }
        if schemes:
            document["schemes"] = schemes
        return document
    if not isinstance(obj, Portfolio):
        raise InvalidFieldError("obj", "a Scheme, a Portfolio, a Decision or a Catalogue", obj)
    named: dict[str, Scheme] = {}
    own: list[Scheme] = []
    for membership in obj:
        held = membership.scheme
        if held.key in named:
            continue
        named[held.key] = held
        if base.schemes.get(held.key) != held:
            own.append(held)
    ctx = Context(vocabulary=obj.vocabulary, schemes=named)
    body = write_shape(SHAPES["portfolio"], obj, ctx)
    written = [write_shape(SHAPES["scheme"], s, ctx) for s in own]
    document = _declared({"kind": "portfolio", **head}, obj.vocabulary, base, ctx)
    document["portfolio"] = body
    if written:
        document["schemes"] = written
    return document


def _declared(
    head: Data,
    vocabulary: Vocabulary,
    base: Catalogue,
    ctx: Context,
    *,
    all_sources: bool = False,
) -> Data:
    """`head` with the vocabulary and sources a document declares beyond its catalogue's."""
    table = vocabulary_data(vocabulary, beyond=base.vocabulary)
    if table:
        head["vocabulary"] = table
    known = {s.name for s in base.vocabulary.sources}
    cited = vocabulary.sources if all_sources else tuple(ctx.cited.values())
    # a matter declared with a source of its own needs that source declared too
    cited += tuple(vocabulary.source(m.source) for m in vocabulary.matters if m.source)
    sources = {
        s.name: write_shape(SHAPES["source"], s, ctx)
        for s in sorted(cited, key=lambda s: s.name)
        if s.name not in known
    }
    if sources:
        head["sources"] = sources
    return head


def dumps(
    obj: Loaded,
    format: FileFormat = "json",  # noqa: A002 - see loads
    *,
    catalogue: Catalogue | None = None,
) -> str:
    """Write `obj` as the text of a document file.

    Args:
        obj: A `Scheme`, a `Portfolio`, a `Decision` or a `Catalogue`.
        format: ``"json"``, ``"toml"`` or ``"yaml"`` (YAML needs PyYAML).
        catalogue: The catalogue a reader will look names up in; None for the default.

    Returns:
        The text, ending with a newline.

    Raises:
        InvalidFieldError: `obj` is none of the kinds above.
        FileFormatError: `format` is no format, or the document would be one
            the loaders refuse: past their limits, or holding text with control
            characters, lone surrogates or noncharacters.
        IndemnityError: YAML was asked for and PyYAML is not installed.
    """
    return _dumps(obj, format_of("<string>", format), catalogue, "<string>")


def _dumps(obj: Loaded, fmt: FileFormat, catalogue: Catalogue | None, name: str) -> str:
    document = to_document(obj, catalogue=catalogue)
    check_data(document, name=name)
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    if fmt == "toml":
        return toml_writer.dumps(document)
    text: str = yaml_module().dump(
        document,
        Dumper=yaml_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return text


def save(
    obj: Loaded,
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - see loads
    catalogue: Catalogue | None = None,
) -> Path:
    """Save `obj` to a file, atomically, in the format its suffix names unless `format` is given.

    Args:
        obj: A `Scheme`, a `Portfolio`, a `Decision` or a `Catalogue`.
        path: Where to write (replaced whole if it exists).
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.
        catalogue: The catalogue a reader will look names up in; None for the default.

    Returns:
        The path written.

    Raises:
        FileFormatError: the suffix names no format (and none was given), the
            document is one the loaders would refuse (see `dumps`), or the
            path names something other than a regular file.
        InvalidFieldError: `obj` is none of the kinds above.
        IndemnityError: YAML was asked for and PyYAML is not installed.
        OSError: the file cannot be written; the old file, if any, is left whole.
    """
    target = file_name(path)
    text = _dumps(obj, format_of(target, format), catalogue, target)
    return write_text(target, text)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write `text` to `path` atomically: all of it, or nothing, never half a file.

    The text goes to a temporary file in the same folder, is flushed to disk,
    and is renamed over `path`; on any failure the temporary file is removed
    and the old file, if any, is left as it was. A symbolic link is followed,
    so the file it points to is replaced and the link kept; a file that
    exists keeps its permissions.

    Args:
        path: The file to write: a new file, or a regular file to replace.
        text: What to write, as UTF-8.

    Returns:
        The path written.

    Raises:
        FileFormatError: `path` is no file name, or names something other than
            a regular file (a folder, a named pipe, a device); or the text
            cannot be encoded as UTF-8 (a lone surrogate).
        OSError: the file cannot be written; the error names `path`.
    """
    name = file_name(path)
    target = Path(os.path.realpath(name)) if os.path.islink(name) else Path(name)
    mode = 0o644
    try:
        found = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as err:
        raise OSError(err.errno, err.strerror, name) from None
    else:
        if not stat.S_ISREG(found.st_mode):
            raise FileFormatError.beyond(
                name, "a regular file to write", kind_of_file(found.st_mode)
            )
        mode = stat.S_IMODE(found.st_mode)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise FileFormatError.unreadable(
            name, "text that UTF-8 can write", f"character {err.start} cannot be encoded"
        ) from None
    except AttributeError:
        raise FileFormatError("", "text to write", text, file=name) from None
    folder = target.parent if str(target.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        # name the file asked for, not the temporary one nobody asked for
        raise OSError(err.errno, err.strerror, name) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException as err:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(err, OSError):
            raise OSError(err.errno, err.strerror, name) from None
        raise
    _sync_folder(folder)
    return Path(name)


def _sync_folder(folder: Path) -> None:
    """Flush the rename to disk too, where the system allows a folder to be opened."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


# ---------------------------------------------------------------------------
# JSON Schemas


def json_schema(kind: DocumentKind, *, catalogue: Catalogue | None = None) -> Data:
    """The JSON Schema (draft 2020-12) of a document of `kind`, made from the codec's shapes.

    The names a document may use (kinds of activity, matters, jurisdictions,
    facts and their values) are the catalogue's vocabulary's: the schema lists
    them, so an editor can complete them. The loaders also accept the loose
    spellings the vocabulary accepts (case and spacing forgiven) and names a
    document declares in its own ``vocabulary`` table.

    Args:
        kind: ``"scheme"``, ``"portfolio"``, ``"decision"`` or ``"catalogue"``.
        catalogue: The catalogue whose words the schema lists; None for the default.

    Returns:
        The schema.

    Raises:
        UnknownNameError: `kind` is no document kind.
    """
    found = _kind(kind)
    if found is None:
        raise UnknownNameError.for_choices("kind", kind, _KINDS)
    kind = found
    words = (catalogue if catalogue is not None else default_catalogue()).vocabulary
    roots = {
        "scheme": ("scheme",),
        "portfolio": ("portfolio", "scheme"),
        "decision": ("decision",),
        "catalogue": ("scheme",),
    }[kind]
    definitions = {name: json_schema_of(name) for name in _reachable(roots)}
    _name_the_words(definitions, words)
    properties: Data = {
        "kind": {"const": kind},
        "version": {"const": FORMAT_VERSION},
    }
    extra = _EXTRA_KEYS[kind]
    if kind in ("scheme", "portfolio", "decision"):
        properties[kind] = {"$ref": f"#/$defs/{kind}"}
    if "schemes" in extra:
        properties["schemes"] = {"type": "array", "items": {"$ref": "#/$defs/scheme"}}
    if "exclusions" in extra:
        properties["exclusions"] = {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/exclusion"},
        }
    if "sources" in extra:
        definitions["source"] = json_schema_of("source")
        properties["sources"] = {
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/source"},
        }
    if "vocabulary" in extra:
        properties["vocabulary"] = {
            "type": "object",
            "description": "Facts, values, kinds, matters and places this document declares.",
        }
    if "name" in extra:
        properties["name"] = {"type": "string"}
    if "parameters" in extra:
        properties["parameters"] = _PARAMETERS_SCHEMA
        definitions.setdefault("citation", json_schema_of("citation"))
    required = ["kind", "version"]
    if kind in ("scheme", "portfolio", "decision"):
        required.append(kind)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"indemnity {kind} document, format version {FORMAT_VERSION}",
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
        "$defs": dict(sorted(definitions.items())),
    }


_PARAMETERS_SCHEMA: Data = {
    "type": "object",
    "description": "Amounts that change over time, by name: each a label, a unit and dated values.",
    "additionalProperties": {
        "type": "object",
        "properties": {
            "label": {"type": "string"},
            "unit": {"type": "string"},
            "values": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "from": {"type": "string", "format": "date"},
                        "value": {"type": "integer"},
                        "source": {"$ref": "#/$defs/citation"},
                    },
                    "required": ["value", "source"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["label", "values"],
        "additionalProperties": False,
    },
}


def _reachable(roots: Iterable[str]) -> list[str]:
    """Every shape (and ``condition``) the roots refer to, the roots included."""
    seen: list[str] = []
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.append(name)
        todo.extend(_refs(json_schema_of(name)))
    return seen


def _refs(schema: object) -> list[str]:
    if isinstance(schema, dict):
        found = []
        ref = schema.get("$ref")
        if isinstance(ref, str):
            found.append(ref.rpartition("/")[2])
        for value in schema.values():
            found.extend(_refs(value))
        return found
    if isinstance(schema, list):
        return [r for item in schema for r in _refs(item)]
    return []


def _name_the_words(definitions: dict[str, Data], words: Vocabulary) -> None:
    """Describe the vocabulary's names where the schemas take them (as examples: files may add)."""

    def hint(schema: Data, names: list[str], what: str) -> None:
        schema["examples"] = names
        schema["description"] = (
            f"{what} of the vocabulary {words.name!r}, or one the document declares"
        )

    activity = definitions.get("activity")
    if activity is not None:
        hint(activity["properties"]["kind"], [k.name for k in words.kinds], "An activity kind")
        facts = activity["properties"]["facts"]
        facts["properties"] = {f.name: _fact_schema(f) for f in words.facts}
    question = definitions.get("question")
    if question is not None:
        hint(
            question["properties"]["jurisdiction"],
            [j.name for j in words.jurisdictions],
            "A jurisdiction",
        )
        hint(question["properties"]["matter"], [m.name for m in words.matters], "A matter")


def _fact_schema(fact: Fact) -> Data:
    kind = fact.type
    description = fact.description or fact.label
    if kind is FactType.YES_NO:
        return {"type": "boolean", "description": description}
    if kind in (FactType.WHOLE_NUMBER, FactType.AMOUNT):
        return {"type": "integer", "minimum": 0, "description": description}
    if kind is FactType.DATE:
        return {"type": "string", "format": "date", "description": description}
    values = [] if fact.values is None else list(fact.values.values)
    return {"type": "string", "examples": values, "description": description}
