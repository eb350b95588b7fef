"""Linting documents: the names and citations as written, then the rules as built.

A document is read in two passes. The first walks its tables as written:
every matter, kind of work, place, fact and value a rule names must be
declared by the vocabulary (the catalogue's, with what the document
declares), every citation must name a listed source and say where in it
the rule is stated. A document with such a problem cannot be built, so its
findings are all there is. Otherwise it is built as the loaders build it,
and each scheme it defines is checked (`indemnity.lint.schemes`), its
findings placed at the rule's path in the file.

A document that is not valid for another reason (a value of the wrong
type, a missing key) is bad input: its `FileFormatError` is raised.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, cast

from indemnity.errors import DataError, FileFormatError, IndemnityError, UnknownNameError
from indemnity.io.codec import join, read_sources, read_vocabulary
from indemnity.io.documents import Catalogue, default_catalogue, from_document
from indemnity.io.parse import FileFormat, read_document
from indemnity.lint.findings import Finding, FindingKind
from indemnity.lint.schemes import Paths, check_scheme
from indemnity.model.citation import Citation
from indemnity.model.terms import Fact, FactType
from indemnity.model.vocabulary import Vocabulary
from indemnity.rules.scheme import Scheme

__all__ = ["lint_catalogue", "lint_document", "lint_file"]

_BLOCKING = frozenset(
    {FindingKind.UNKNOWN_NAME, FindingKind.UNKNOWN_SOURCE, FindingKind.MISSING_CITATION}
)


def lint_file(
    path: str | os.PathLike[str],
    *,
    format: FileFormat | None = None,  # noqa: A002 - the word users know
    catalogue: Catalogue | None = None,
) -> tuple[Finding, ...]:
    """Lint a scheme, portfolio or catalogue file.

    Args:
        path: The file; its suffix names the format unless `format` is given.
        format: ``"json"``, ``"toml"`` or ``"yaml"``; None to follow the suffix.
        catalogue: What names are looked up in; None for the default catalogue.

    Returns:
        The findings, in the order of the file; () when it is clean.

    Raises:
        FileFormatError: the file is not a valid document for a reason the
            linter does not report (it does not parse, a value has the wrong type).
        OSError: the file cannot be read.
    """
    name = os.fspath(path)
    return lint_document(read_document(name, format=format), name=name, catalogue=catalogue)


def lint_document(
    document: object, *, name: str = "<data>", catalogue: Catalogue | None = None
) -> tuple[Finding, ...]:
    """Lint a document's data, as `indemnity.io.parse.parse_document` gives it; see `lint_file`.

    Raises:
        FileFormatError: the document is not valid for a reason the linter
            does not report.
    """
    base = catalogue if catalogue is not None else default_catalogue()
    if not isinstance(document, Mapping):
        raise FileFormatError.in_file(
            name, DataError("", "a table with keys kind, version and the object", document)
        )
    data = cast("Mapping[str, Any]", document)
    words = _words(data, base, name)
    found = list(_Names(words, data, name).walk())
    if any(f.kind in _BLOCKING for f in found):
        return _sorted(found)
    built = from_document(data, name=name, catalogue=base)
    for scheme, paths in _schemes(data, built, base, name):
        found.extend(check_scheme(scheme, paths, name))
    return _sorted(found)


def lint_catalogue(catalogue: Catalogue, *, name: str = "") -> tuple[Finding, ...]:
    """Lint the schemes of a catalogue built in memory (``schemes.<key>`` for paths).

    Names and citations were checked when it was built; what is checked is
    what its rules mean (`indemnity.lint.schemes`).
    """
    found: list[Finding] = []
    for key, scheme in catalogue.schemes.items():
        found.extend(check_scheme(scheme, Paths(join("schemes", key)), name))
    return _sorted(found)


def _sorted(found: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(dict.fromkeys(found), key=Finding.sort_key))


def _words(data: Mapping[str, Any], base: Catalogue, name: str) -> Vocabulary:
    """The catalogue's vocabulary with what the document declares, as the loaders read it."""
    try:
        sources = read_sources(data["sources"], "sources") if data.get("sources") else {}
        if data.get("vocabulary") is None and not sources:
            return base.vocabulary
        return read_vocabulary(
            data.get("vocabulary"), "vocabulary", base=base.vocabulary, sources=sources
        )
    except FileFormatError:
        raise
    except DataError as err:
        raise FileFormatError.in_file(name, err) from err


def _schemes(
    data: Mapping[str, Any], built: object, base: Catalogue, name: str
) -> Iterator[tuple[Scheme, Paths]]:
    """The schemes a document defines, each with where it is written."""
    if isinstance(built, Scheme):
        yield built, Paths("scheme", _table(data.get("scheme")))
        return
    own = data.get("schemes")
    if isinstance(built, Catalogue):
        tables = own if isinstance(own, list) else []
        for (key, scheme), table in zip(built.schemes.items(), tables, strict=False):
            yield scheme, Paths(join("schemes", key), _table(table))
        return
    if data.get("kind") != "portfolio":
        return  # a decision holds no rules
    # A portfolio's own schemes, and those its memberships write inline, are
    # built as a catalogue document holding them would be.
    found: list[tuple[str | None, Mapping[str, Any]]] = [
        (None, table)
        for table in (own if isinstance(own, list) else [])
        if isinstance(table, Mapping)
    ]
    memberships = (data.get("portfolio") or {}).get("memberships")
    for i, item in enumerate(memberships if isinstance(memberships, list) else []):
        inline = item.get("scheme") if isinstance(item, Mapping) else None
        if isinstance(inline, Mapping):
            found.append((f"portfolio.memberships[{i}].scheme", inline))
    shared = {k: data[k] for k in ("vocabulary", "sources", "exclusions") if k in data}
    for root, table in found:
        holder = {"kind": "catalogue", "version": data.get("version"), **shared, "schemes": [table]}
        made = from_document(holder, name=name, catalogue=base)
        assert isinstance(made, Catalogue)  # noqa: S101 - a catalogue document builds one
        for key, scheme in made.schemes.items():
            yield scheme, Paths(root or join("schemes", key), table)


def _table(value: object) -> Mapping[str, Any] | None:
    return value if isinstance(value, Mapping) else None


def _nearest(name: object, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), sorted(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


class _Names:
    """The first pass: names and citations as the document writes them."""

    def __init__(self, words: Vocabulary, data: Mapping[str, Any], file: str) -> None:
        self.words = words
        self.data = data
        self.file = file
        shared = data.get("exclusions")
        self.shared: Mapping[str, Any] = shared if isinstance(shared, Mapping) else {}

    def walk(self) -> Iterator[Finding]:
        data = self.data
        for name, shared in self.shared.items():
            yield from self._exclusion(shared, join("exclusions", name))
        if isinstance(data.get("scheme"), Mapping):
            yield from self._scheme(data["scheme"], "scheme")
        schemes = data.get("schemes")
        for i, table in enumerate(schemes if isinstance(schemes, list) else []):
            key: object = table.get("key") if isinstance(table, Mapping) else None
            root = join("schemes", key) if isinstance(key, str) and key else f"schemes[{i}]"
            yield from self._scheme(table, root)
        memberships = (
            (data.get("portfolio") or {}).get("memberships")
            if data.get("kind") == "portfolio"
            else None
        )
        for i, item in enumerate(memberships if isinstance(memberships, list) else []):
            inline = item.get("scheme") if isinstance(item, Mapping) else None
            yield from self._scheme(inline, f"portfolio.memberships[{i}].scheme")
        parameters = data.get("parameters")
        for label, item in (parameters if isinstance(parameters, Mapping) else {}).items():
            values = item.get("values") if isinstance(item, Mapping) else None
            for j, entry in enumerate(values if isinstance(values, list) else []):
                if isinstance(entry, Mapping):
                    where = f"{join(join('parameters', str(label)), 'values')}[{j}]"
                    yield from self._citation(entry, where, "the value")

    def _finding(
        self, kind: FindingKind, path: str, message: str, citation: Citation | None = None
    ) -> Finding:
        return Finding(kind, path, message, citation, self.file)

    def _scheme(self, table: object, root: str) -> Iterator[Finding]:
        if not isinstance(table, Mapping):
            return
        yield from self._citation(table, root, "the scheme")
        if isinstance(table.get("promise"), Mapping):
            yield from self._cited(table["promise"], join(root, "promise"), "the promise")
        yield from self._exclusions(table, root, None)
        covers = table.get("covers")
        for i, cover in enumerate(covers if isinstance(covers, list) else []):
            if isinstance(cover, Mapping):
                yield from self._cover(cover, f"{join(root, 'covers')}[{i}]")

    def _cover(self, cover: Mapping[str, Any], where: str) -> Iterator[Finding]:
        words = self.words
        cited = self._built(cover.get("source"))
        what = f"cover {cover.get('name')!r}"
        yield from self._citation(cover, where, what)
        for field, lookup, kind, choices in (
            ("matters", words.matter, "matter", [m.name for m in words.matters]),
            ("activities", words.kind, "kind of work", [k.name for k in words.kinds]),
            (
                "territory",
                words.territory,
                "place",
                [*(j.name for j in words.jurisdictions), *words.territories],
            ),
        ):
            items = cover.get(field)
            for j, name in enumerate(items if isinstance(items, list) else []):
                yield from self._name(
                    lookup,
                    name,
                    f"{join(where, field)}[{j}]",
                    what=kind,
                    choices=choices,
                    cited=cited,
                )
        requires = cover.get("requires")
        for r, req in enumerate(requires if isinstance(requires, list) else []):
            if isinstance(req, Mapping):
                at_ = f"{join(where, 'requires')}[{r}]"
                yield from self._citation(req, at_, "the requirement")
                yield from self._condition(
                    req.get("condition"), join(at_, "condition"), self._built(req.get("source"))
                )
        yield from self._exclusions(cover, where, what)

    def _exclusions(
        self, table: Mapping[str, Any], where: str, owner: str | None
    ) -> Iterator[Finding]:
        items = table.get("exclusions")
        for k, item in enumerate(items if isinstance(items, list) else []):
            at_ = f"{join(where, 'exclusions')}[{k}]"
            if isinstance(item, str):
                if item not in self.shared:
                    yield self._finding(
                        FindingKind.UNKNOWN_NAME,
                        at_,
                        f"names the shared exclusion {item!r}, which the document does not"
                        f" define{_nearest(item, self.shared)}",
                    )
            elif isinstance(item, Mapping):
                yield from self._exclusion(item, at_)

    def _exclusion(self, table: object, where: str) -> Iterator[Finding]:
        if not isinstance(table, Mapping):
            return
        cited = self._built(table.get("source"))
        yield from self._citation(table, where, "the exclusion")
        for key in ("when", "unless"):
            if table.get(key) is not None:
                yield from self._condition(table[key], join(where, key), cited)

    def _condition(self, data: object, where: str, cited: Citation | None) -> Iterator[Finding]:
        if not isinstance(data, Mapping) or len(data) != 1:
            return
        ((tag, body),) = data.items()
        at_ = join(where, tag)
        if tag in ("all", "any"):
            for i, part in enumerate(body if isinstance(body, list) else []):
                yield from self._condition(part, f"{at_}[{i}]", cited)
        elif tag == "not":
            yield from self._condition(body, at_, cited)
        elif tag == "kind_in":
            choices = [k.name for k in self.words.kinds]
            for i, name in enumerate(body if isinstance(body, list) else []):
                yield from self._name(
                    self.words.kind,
                    name,
                    f"{at_}[{i}]",
                    what="kind of work",
                    choices=choices,
                    cited=cited,
                )
        elif isinstance(body, Mapping) and isinstance(body.get("fact"), str):
            yield from self._leaf(tag, body, at_, cited)

    def _leaf(
        self, tag: str, body: Mapping[str, Any], where: str, cited: Citation | None
    ) -> Iterator[Finding]:
        words = self.words
        name = body["fact"]
        choices = [f.name for f in words.facts]
        found = list(
            self._name(
                words.fact, name, join(where, "fact"), what="fact", choices=choices, cited=cited
            )
        )
        if found:
            yield from found
            return
        fact = words.fact(name)
        if fact.type is not FactType.CHOICE:
            return
        if tag == "is":
            values = [(join(where, "value"), body.get("value"))]
        elif tag == "one_of" and isinstance(body.get("values"), list):
            values = [(f"{join(where, 'values')}[{i}]", v) for i, v in enumerate(body["values"])]
        else:
            values = []
        for at_, value in values:
            if isinstance(value, str):
                yield from self._value(fact, value, at_, cited)

    def _value(
        self, fact: Fact, value: str, where: str, cited: Citation | None
    ) -> Iterator[Finding]:
        assert fact.values is not None  # noqa: S101 - a choice has its value set
        if fact.values.find(value) is None:
            yield self._finding(
                FindingKind.UNKNOWN_NAME,
                where,
                f"names the value {value!r} of {fact.name}, which the vocabulary does not"
                f" declare{_nearest(value, fact.values.values)}",
                cited,
            )

    def _name(
        self,
        lookup: Callable[[str], object],
        name: object,
        where: str,
        *,
        what: str,
        choices: Iterable[str],
        cited: Citation | None,
    ) -> Iterator[Finding]:
        if not isinstance(name, str):
            return
        try:
            lookup(name)
        except UnknownNameError:
            yield self._finding(
                FindingKind.UNKNOWN_NAME,
                where,
                f"names the {what} {name!r}, which the vocabulary does not"
                f" declare{_nearest(name, choices)}",
                cited,
            )

    def _citation(self, table: Mapping[str, Any], where: str, what: str) -> Iterator[Finding]:
        """The checks of the citation a rule's table gives as its ``source``."""
        if table.get("source") is None:
            yield self._finding(
                FindingKind.MISSING_CITATION,
                join(where, "source"),
                f"{what} cites no source: every rule says where it comes from",
            )
            return
        yield from self._cited(table["source"], join(where, "source"), what)

    def _cited(self, citation: object, where: str, what: str) -> Iterator[Finding]:
        if not isinstance(citation, Mapping) or not isinstance(citation.get("source"), str):
            return  # not a citation: the loader says what is wrong
        source = citation["source"]
        known = [s.name for s in self.words.sources]
        if source not in known:
            yield self._finding(
                FindingKind.UNKNOWN_SOURCE,
                join(where, "source"),
                f"{what} cites the source {source!r}, which the sources registry does not"
                f" list{_nearest(source, known)}",
            )
        elif not _text(citation.get("quote")) and not _text(citation.get("note")):
            yield self._finding(
                FindingKind.MISSING_CITATION,
                where,
                f"{what} cites {source!r} but neither quotes it nor notes where it says so",
                self._built(citation),
            )

    def _built(self, citation: object) -> Citation | None:
        """The citation a rule's ``source`` table makes, or None if it makes none."""
        if not isinstance(citation, Mapping):
            return None
        try:
            return Citation(
                self.words.source(citation.get("source")),
                _text(citation.get("quote")),
                _text(citation.get("note")),
                citation.get("verified", True) is not False,
            )
        except IndemnityError:
            return None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
