"""The docs site is whole: every public name in the reference, every page in the nav."""

from __future__ import annotations

import fnmatch
import importlib
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import get_args

import pytest
import yaml

import indemnity
from indemnity import uk
from indemnity.io.documents import DocumentKind, json_schema

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


def resolve(path: str) -> object:
    """The object a dotted path names: the longest importable module, then attributes."""
    parts = path.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            found = getattr(found, name)
        return found
    raise ImportError(path)


class TestReference:
    """docs/reference.md documents every public name."""

    @pytest.mark.parametrize(
        ("module", "name"),
        [(indemnity, n) for n in public(indemnity)] + [(uk, n) for n in public(uk)],
        ids=lambda v: v if isinstance(v, str) else v.__name__,
    )
    def test_every_public_name_is_documented(self, module, name):
        """Each name of indemnity.__all__ and indemnity.uk.__all__ has a ::: directive.

        Either under its public path (``indemnity.uk``), or under the module
        of the package it lives in, alone (``indemnity.holdings.portfolio.Portfolio``)
        or as a member (``indemnity.rules.conditions`` with ``members: [ALWAYS]``):
        the path must name the very object the public name does.
        """
        prefix = module.__name__
        wanted = getattr(module, name)
        assert any(
            path == f"{prefix}.{name}"
            or (
                path.startswith("indemnity.")
                and path.rsplit(".", 1)[1] == name
                and resolve(path) is wanted
            )
            for path in documented()
        ), f"docs/reference.md does not document {prefix}.{name}"

    def test_every_directive_names_something(self):
        """No ::: directive names a module or object that does not exist."""
        for path in documented():
            resolve(path)


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

    def test_the_nav_has_the_own_facts_how_to(self):
        """The how-to on declaring facts and values is a how-to guide."""
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        howtos = next(item["How-to guides"] for item in config["nav"] if "How-to guides" in item)
        assert "howto-own-facts.md" in nav_pages(howtos)


class TestConfig:
    """mkdocs.yml names no placeholder and builds no script into the site."""

    def config(self) -> dict[str, object]:
        return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def test_there_is_no_placeholder_repository(self):
        """No repo_url or repo_name points at an example address."""
        config = self.config()
        assert "repo_url" not in config
        assert "repo_name" not in config
        assert "example.invalid" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    def test_the_generators_are_excluded(self):
        """Each docs/gen_*.py matches a pattern of exclude_docs."""
        patterns = str(self.config().get("exclude_docs", "")).split()
        scripts = sorted(DOCS.glob("gen_*.py"))
        assert len(scripts) >= 3
        for script in scripts:
            assert any(fnmatch.fnmatch(script.name, p) for p in patterns), script.name

    def test_mkdocs_leaves_the_generators_out_of_the_site(self):
        """mkdocs itself finds every script excluded, and every page and schema included."""
        pytest.importorskip("mkdocs")
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files

        files = get_files(load_config(str(ROOT / "mkdocs.yml")))
        included = {f.src_uri for f in files if f.inclusion.is_included()}
        assert not {name for name in included if name.endswith(".py")}
        assert {"index.md", "howto-own-facts.md", "schemas/scheme.schema.json"} <= included


def run_generator(script: str) -> subprocess.CompletedProcess[str]:
    """Run ``python docs/SCRIPT --check``."""
    return subprocess.run(
        [sys.executable, str(DOCS / script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )


class TestGeneratedPages:
    """The pages and files the docs generate from the library are what it gives now."""

    @pytest.mark.parametrize("kind", get_args(DocumentKind))
    def test_each_schema_file_is_what_the_library_generates(self, kind):
        """docs/schemas/KIND.schema.json is json_schema(KIND), as gen_schemas.py writes it."""
        path = DOCS / "schemas" / f"{kind}.schema.json"
        assert path.read_text(encoding="utf-8") == json.dumps(json_schema(kind), indent=2) + "\n"

    @pytest.mark.parametrize("kind", get_args(DocumentKind))
    def test_the_schemas_page_includes_every_schema(self, kind):
        """docs/schemas.md includes each kind's schema file and links to it."""
        page = (DOCS / "schemas.md").read_text(encoding="utf-8")
        assert f'--8<-- "docs/schemas/{kind}.schema.json"' in page
        assert f"](schemas/{kind}.schema.json)" in page

    def test_no_schema_file_is_left_over(self):
        """docs/schemas/ holds a file for each kind of document and nothing else."""
        kept = {p.name for p in (DOCS / "schemas").iterdir()}
        assert kept == {f"{kind}.schema.json" for kind in get_args(DocumentKind)}

    def test_the_old_shipped_schemas_are_gone(self):
        """The schemas are generated, not shipped as hand-kept files in the package."""
        assert not (ROOT / "indemnity" / "schemas").exists()

    @pytest.mark.parametrize("script", ["gen_schemas.py", "gen_catalogue.py"])
    def test_the_generator_checks(self, script):
        """python docs/gen_schemas.py --check and docs/gen_catalogue.py --check pass."""
        done = run_generator(script)
        assert done.returncode == 0, done.stdout + done.stderr

    def test_the_catalogue_page_is_the_catalogue_markdown(self):
        """docs/catalogue.md is indemnity.uk.catalogue_markdown(), as committed."""
        page = (DOCS / "catalogue.md").read_text(encoding="utf-8")
        assert page == uk.catalogue_markdown()


class TestDesign:
    """docs/design.md draws the layers the import-linter contract enforces."""

    def test_the_layers_drawn_are_the_contract(self):
        """The layers named in design.md's drawing, top to bottom, are pyproject.toml's."""
        pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        contract = next(
            c for c in pyproject["tool"]["importlinter"]["contracts"] if c["type"] == "layers"
        )
        text = (DOCS / "design.md").read_text(encoding="utf-8")
        drawing = text.split("## Layers", 1)[1].split("```", 2)[1]
        drawn = [line.split("  ")[0].strip() for line in drawing.splitlines()]
        assert [layer for layer in drawn if layer.startswith("indemnity")] == contract["layers"]

    def test_the_page_names_the_contract(self):
        """The page says an import-linter contract in pyproject.toml enforces the layers."""
        text = (DOCS / "design.md").read_text(encoding="utf-8")
        assert "import-linter" in text
        assert "pyproject.toml" in text
