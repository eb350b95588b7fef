"""The docs site is whole: every public name in the reference, every page in the nav."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
import yaml

import indemnity
from indemnity import uk

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
DIRECTIVE = re.compile(r"^::: (?P<path>[\w.]+)\n(?P<options>(?:[ \t]+.*\n)*)", re.M)
MEMBERS = re.compile(r"members:\s*\[(?P<names>[^\]]*)\]")


def documented() -> set[str]:
    """The dotted names docs/reference.md renders with mkdocstrings."""
    text = (DOCS / "reference.md").read_text(encoding="utf-8")
    found: set[str] = set()
    for directive in DIRECTIVE.finditer(text):
        path = directive["path"]
        members = MEMBERS.search(directive["options"])
        if members is not None:
            found.update(f"{path}.{n.strip()}" for n in members["names"].split(",") if n.strip())
            continue
        found.add(path)
        if "members:" in directive["options"]:  # members: false, the module's text alone
            continue
        try:
            module = importlib.import_module(path)
        except ImportError:
            continue
        found.update(f"{path}.{name}" for name in getattr(module, "__all__", ()))
    return found


def public(module: object) -> list[str]:
    """The public names of a module."""
    return list(module.__all__)  # type: ignore[attr-defined]


def nav_pages(items: object) -> list[str]:
    """Every page named in a mkdocs nav, however deep."""
    if isinstance(items, str):
        return [items]
    if isinstance(items, list):
        return [page for item in items for page in nav_pages(item)]
    if isinstance(items, dict):
        return [page for value in items.values() for page in nav_pages(value)]
    return []


def nav() -> list[str]:
    """The pages of mkdocs.yml's nav, in order."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return nav_pages(config["nav"])


def sections() -> list[str]:
    """The titles of the nav's top-level entries, in order."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(item)) for item in config["nav"]]


class TestReference:
    """docs/reference.md documents every public name."""

    @pytest.mark.parametrize(
        ("module", "name"),
        [(indemnity, n) for n in public(indemnity)] + [(uk, n) for n in public(uk)],
        ids=lambda v: v if isinstance(v, str) else v.__name__,
    )
    def test_every_public_name_is_documented(self, module, name):
        """Each name of indemnity.__all__ and indemnity.uk.__all__ has a ::: directive.

        Either under its public path (``indemnity.Portfolio``) or as a member of
        a module of the package (``indemnity.conditions`` with ``members: [ALWAYS]``).
        """
        prefix = module.__name__
        depth = prefix.count(".") + 2
        assert any(
            path == f"{prefix}.{name}"
            or (
                path.startswith(f"{prefix}.")
                and path.rsplit(".", 1)[1] == name
                and path.count(".") == depth
            )
            for path in documented()
        ), f"docs/reference.md does not document {prefix}.{name}"


class TestSite:
    """The nav holds every page, and the schemas page every schema."""

    def test_every_page_is_in_the_nav(self):
        """Each Markdown page under docs/ appears in mkdocs.yml's nav, and only those."""
        pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
        listed = nav()
        assert sorted(set(listed)) == sorted(pages)
        assert len(listed) == len(set(listed)), "a page is listed twice"

    def test_the_nav_follows_diataxis(self):
        """The nav's sections are the four kinds of documentation, in order."""
        kinds = [
            s
            for s in sections()
            if s in {"Tutorials", "How-to guides", "Explanations", "Reference"}
        ]
        assert kinds == ["Tutorials", "How-to guides", "Explanations", "Reference"]

    def test_there_are_at_least_a_dozen_pages(self):
        """The site has a dozen pages or more."""
        assert len(nav()) >= 12

    def test_the_schemas_page_includes_every_schema(self):
        """docs/schemas.md includes each JSON Schema shipped in indemnity/schemas/."""
        page = (DOCS / "schemas.md").read_text(encoding="utf-8")
        shipped = sorted((ROOT / "indemnity" / "schemas").glob("*.schema.json"))
        assert shipped
        for path in shipped:
            assert f'--8<-- "indemnity/schemas/{path.name}"' in page, path.name
