"""The catalogue as a Markdown page, generated from the data so the docs cannot drift."""

from __future__ import annotations

from indemnity.model.citation import Citation
from indemnity.rules.cover import Cover
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.requirement import Requirement
from indemnity.rules.scheme import Scheme
from indemnity.uk.registry import CatalogueEntry, schemes, territory_name

__all__ = ["catalogue_markdown"]

_HEADER = """\
# The UK catalogue

<!-- Generated from indemnity/uk/data/*.toml by docs/gen_catalogue.py: do not edit by hand. -->

The schemes `indemnity.uk` knows, read from the TOML files in
`indemnity/uk/data/`. Each rule cites its source, by the document's title
and publisher: one of the five source documents the catalogue was built
from, with a short quote, or a statute or an operator's page. A citation marked
*unverified* states something the sources do not settle; the library treats
it as a default you may override.

Get a scheme with `indemnity.uk.scheme(key)`; the listing below is
`indemnity.uk.listing()`.
"""


def _cite(source: Citation) -> str:
    parts = [str(source.source)]
    if source.quote:
        parts.append(f"“{source.quote}”")
    if source.note:
        parts.append(f"({source.note})")
    if not source.verified:
        parts.append("**unverified**")
    return " ".join(parts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _listing() -> list[str]:
    lines = [
        "| key | scheme | jurisdictions | basis | kind | in force for incidents |",
        "|---|---|---|---|---|---|",
    ]
    for s in schemes().values():
        e = CatalogueEntry.of(s)
        lines.append(
            f"| [`{e.key}`](#{e.key}) | {_cell(e.name)} | {territory_name(e.jurisdictions)} "
            f"| {e.basis.value} | {e.kind.value} | {e.in_force_text} |"
        )
    return lines


def _requirement(req: Requirement) -> list[str]:
    return [
        f"- **requires** {req.reason}: `{_cell(req.condition.describe())}`",
        f"    - source: {_cite(req.source)}",
    ]


def _exclusion(exc: Exclusion) -> list[str]:
    return [
        f"- **excludes** {exc.reason}: `{exc.describe()}`",
        f"    - source: {_cite(exc.source)}",
    ]


def _cover(cover: Cover) -> list[str]:
    option = f" (only with the option `{cover.option}`)" if cover.option else ""
    limit = "none stated" if cover.limit is None else f"£{cover.limit:,}"
    lines = [
        f"#### {cover.name}{option}",
        "",
        f"- matters: {', '.join(sorted(m.name for m in cover.matters))}",
        f"- activities: {', '.join(sorted(k.name for k in cover.activities))}",
        f"- territory: {territory_name(cover.territory)}",
        f"- limit of indemnity: {limit}",
        f"- source: {_cite(cover.source)}",
    ]
    for req in cover.requires:
        lines.extend(_requirement(req))
    for exc in cover.exclusions:
        lines.extend(_exclusion(exc))
    lines.append("")
    return lines


def _scheme(s: Scheme) -> list[str]:
    e = CatalogueEntry.of(s)
    lines = [
        f"## {s.name} {{#{s.key}}}",
        "",
        f"- key: `{s.key}`",
        f"- operator: {s.operator}",
        f"- kind: {s.kind.value}; basis: {s.basis.value}",
        f"- in force for incidents: {e.in_force_text}",
        f"- jurisdictions: {territory_name(e.jurisdictions)}",
        f"- source: {_cite(s.source)}",
        "",
    ]
    if s.exclusions:
        lines.extend(["### Excluded from every cover", ""])
        for exc in s.exclusions:
            lines.extend(_exclusion(exc))
        lines.append("")
    lines.extend(["### Covers", ""])
    for cover in s.covers:
        lines.extend(_cover(cover))
    return lines


def catalogue_markdown() -> str:
    """The catalogue page: a listing, then every scheme with its covers, exclusions and sources.

    Returns:
        Markdown text ending in a newline; ``docs/catalogue.md`` is this text.
    """
    lines = [_HEADER, *_listing(), ""]
    for s in schemes().values():
        lines.extend(_scheme(s))
    return "\n".join(lines).rstrip("\n") + "\n"
