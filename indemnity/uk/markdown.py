"""The catalogue as a Markdown page, generated from the data so the docs cannot drift."""

from __future__ import annotations

from indemnity.model.citation import Citation
from indemnity.model.decision import claims_text
from indemnity.model.period import Period
from indemnity.model.terms import MatterScope
from indemnity.rules.cover import Cover
from indemnity.rules.exclusion import Exclusion
from indemnity.rules.requirement import Requirement
from indemnity.rules.scheme import Scheme
from indemnity.uk.entries import CatalogueEntry
from indemnity.uk.registry import catalogue, schemes, territory_name

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
    ]
    if cover.in_force != _ALWAYS:
        lines.append(f"- applies to incidents: {cover.in_force}")
    if cover.claims != _ALWAYS:
        lines.append(f"- answers claims made: {claims_text((cover.claims,))}")
    lines.append(f"- source: {_cite(cover.source)}")
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
        f"- held by: {_HELD_BY[s.serves]}",
        f"- source: {_cite(s.source)}",
    ]
    promise = f"- what it promises: {s.kind.promise}"
    if s.promise is not None:
        promise += f"; source: {_cite(s.promise)}"
    lines.extend([promise, ""])
    if s.exclusions:
        lines.extend(["### Excluded from every cover", ""])
        for exc in s.exclusions:
            lines.extend(_exclusion(exc))
        lines.append("")
    lines.extend(["### Covers", ""])
    for cover in s.covers:
        lines.extend(_cover(cover))
    return lines


def _parameters() -> list[str]:
    lines = [
        "## Amounts",
        "",
        (
            "Amounts that hold from a date, each with its source"
            " (`indemnity.uk.catalogue().parameter(name)`)."
        ),
        "",
    ]
    for name, parameter in catalogue().parameters.items():
        lines.append(f"- `{name}`: {parameter.label}")
        for value in parameter.values:
            since = "" if value.start == Period.always().start else f" from {value.start}"
            lines.append(
                f"    - {parameter.show(value.value)}{since}; source: {_cite(value.source)}"
            )
    lines.append("")
    return lines


def catalogue_markdown() -> str:
    """The catalogue page: a listing, every scheme with its rules and sources, and the amounts.

    Returns:
        Markdown text ending in a newline; ``docs/catalogue.md`` is this text.
    """
    lines = [_HEADER, *_listing(), ""]
    for s in schemes().values():
        lines.extend(_scheme(s))
    lines.extend(_parameters())
    return "\n".join(lines).rstrip("\n") + "\n"


_ALWAYS = Period.always()
_HELD_BY = {
    MatterScope.PERSONAL: "a person (personal matters)",
    MatterScope.CORPORATE: "an organisation (corporate matters)",
    MatterScope.ANY: "a person or an organisation",
}
