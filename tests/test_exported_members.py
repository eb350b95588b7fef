"""Tests for the public namespace: `indemnity.__all__` is sorted, complete and documented."""

import ast
import importlib
import inspect
import itertools
import os
import subprocess
import sys
import types

import pytest

import indemnity

# Dunder metadata that is public though it starts with an underscore (as in httpx).
INCLUDED_PRIVATE_MEMBERS = ["__version__"]

# The subpackages the facade names itself: `import indemnity` then `indemnity.uk` works.
PUBLIC_SUBPACKAGES = ["uk"]

# Machinery other modules use that is not part of the public namespace.
INTERNALS = ["Answerer", "CLAIM_DATE", "Evaluation", "FactSpec", "LazyReasons", "Names"]


def _public_names():
    """The names `indemnity` exposes (loading every lazy one), without other submodules."""
    return {
        name
        for name in dir(indemnity)
        if (not name.startswith("_") or name in INCLUDED_PRIVATE_MEMBERS)
        and (
            name in PUBLIC_SUBPACKAGES or not isinstance(getattr(indemnity, name), types.ModuleType)
        )
    }


def _run(code):
    """What `code` prints, run by a fresh interpreter (so no module is loaded beforehand)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def _ruff_isort_key(name):
    """ruff's RUF022 "isort-style" order: CONSTANTS, then Classes, then everything else."""
    if len(name) > 1 and name.isupper():
        group = 0
    elif name[:1].isupper():
        group = 1
    else:
        group = 2
    return (group, name)


def _defining_modules():
    """For each name imported in `indemnity/__init__.py`, the module it comes from."""
    tree = ast.parse(inspect.getsource(indemnity))
    where = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                where[alias.asname or alias.name] = node.module
    return where


def _attribute_docstrings(module_name):
    """Module-level names followed by a string: the attribute docstrings mkdocstrings reads."""
    body = ast.parse(inspect.getsource(importlib.import_module(module_name))).body
    docs = {}
    for node, after in itertools.pairwise(body):
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id]
        else:
            continue
        if (
            isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs.update(dict.fromkeys(targets, after.value.value))
    return docs


def _own_docstring(name):
    """The docstring written for `name` itself: not one inherited from a base class or a type."""
    obj = getattr(indemnity, name)
    if isinstance(obj, types.ModuleType):
        return obj.__doc__
    defined_here = getattr(obj, "__module__", "") or ""
    if (
        (inspect.isclass(obj) or inspect.isfunction(obj))
        and defined_here.startswith("indemnity")
        and getattr(obj, "__name__", None) == name
    ):
        return vars(obj).get("__doc__") if inspect.isclass(obj) else obj.__doc__
    module = _defining_modules().get(name, "indemnity")
    return _attribute_docstrings(module).get(name)


class TestAll:
    """`__all__` is the curated public namespace."""

    def test_all_is_sorted(self):
        """__all__ is sorted the way ruff's RUF022 sorts it, so the linter and this test agree."""
        assert indemnity.__all__ == sorted(indemnity.__all__, key=_ruff_isort_key)

    def test_no_duplicates(self):
        """No name is listed twice."""
        assert len(indemnity.__all__) == len(set(indemnity.__all__))

    def test_all_matches_public_names(self):
        """__all__ lists exactly the public names importable from `indemnity`."""
        assert set(indemnity.__all__) == _public_names()

    def test_every_name_is_importable(self):
        """`from indemnity import *` binds every name in __all__."""
        namespace = {}
        exec("from indemnity import *", namespace)  # noqa: S102 - a fixed import, no input
        assert set(indemnity.__all__) <= set(namespace)

    def test_import_loads_no_submodule(self):
        """A bare `import indemnity` loads only the defaults registry and the lazy namespace's
        helper, no other submodule."""
        code = (
            "import indemnity, sys; "
            "print(sorted(m for m in sys.modules if m.startswith('indemnity')))"
        )
        assert _run(code) == "['indemnity', 'indemnity._defaults', 'indemnity._lazy']"

    def test_core_names_load_only_the_modules_they_are_made_of(self):
        """The core names (those `benchmarks/bench_import.py` times) load the values, rules and
        holdings they are made of and nothing more: not the conditions (loaded when a condition
        is first made), the vocabularies (when an activity or rule is first checked), the bases
        (when a scheme is first made), the questions (when one is asked), the citations (when
        one is made), the value sets, sources and implications (when a vocabulary declares
        one), the settling sets (when an answer is open), the linter, files, timelines,
        catalogue or pictures."""
        code = (
            "import sys\n"
            "from indemnity import Activity, Cover, Decision, Exclusion, MembershipPeriod,"
            " Outcome, Period, Portfolio, Scheme\n"
            "print(' '.join(sorted(m for m in sys.modules if m.startswith('indemnity'))))"
        )
        assert _run(code).split() == [
            "indemnity",
            "indemnity._defaults",
            "indemnity._lazy",
            "indemnity._records",
            "indemnity._validate",
            "indemnity.errors",
            "indemnity.holdings",
            "indemnity.holdings.membership",
            "indemnity.holdings.portfolio",
            "indemnity.model",
            "indemnity.model.activity",
            "indemnity.model.decision",
            "indemnity.model.outcome",
            "indemnity.model.period",
            "indemnity.model.terms",
            "indemnity.rules",
            "indemnity.rules.cover",
            "indemnity.rules.exclusion",
            "indemnity.rules.requirement",
            "indemnity.rules.scheme",
        ]

    def test_uk_after_a_bare_import(self):
        """After a bare `import indemnity`, `indemnity.uk` is the catalogue package."""
        code = "import indemnity; print(indemnity.uk.__name__, indemnity.uk.scheme('cnst').key)"
        assert _run(code) == "indemnity.uk cnst"

    @pytest.mark.parametrize("name", INTERNALS)
    def test_internals_are_not_exported(self, name):
        """Caches, lazy helpers and core pseudo-terms stay in their modules, not the namespace."""
        assert name not in indemnity.__all__
        assert not hasattr(indemnity, name)

    def test_unknown_attribute_is_an_attribute_error(self):
        """A name the package does not have raises AttributeError, as for any module."""
        with pytest.raises(AttributeError, match="no attribute 'Nope'"):
            _ = indemnity.Nope

    def test_private_helpers_are_not_exported(self):
        """Names starting with an underscore stay out, bar the listed metadata."""
        assert [
            n for n in indemnity.__all__ if n.startswith("_") and n not in INCLUDED_PRIVATE_MEMBERS
        ] == []


class TestDocstrings:
    """Every exported name is documented, for the reference the docs generate."""

    @pytest.mark.parametrize("name", indemnity.__all__)
    def test_has_a_docstring(self, name):
        """The name has its own non-empty docstring (attribute docstring for constants)."""
        doc = _own_docstring(name)
        assert doc, f"{name} has no docstring of its own"
        assert doc.strip()

    def test_package_docstring(self):
        """The package itself is documented."""
        assert indemnity.__doc__
        assert indemnity.__doc__.strip()

    def test_helper_finds_constant_docstrings(self):
        """The attribute-docstring reader finds a known constant's docstring."""
        assert _own_docstring("ALWAYS") == "The condition that is always true."

    def test_helper_finds_class_docstrings(self):
        """A class's own docstring is found, not its base's."""
        assert _own_docstring("UnknownNameError").startswith("A name that is not one of")


class TestSortKey:
    """The sort key used above follows ruff's RUF022 isort-style order."""

    def test_groups(self):
        """SCREAMING_CASE first, then CamelCase, then the rest; each group in order."""
        names = ["territory", "Facts", "UK", "__version__", "FactSpec", "ALWAYS", "Activity"]
        assert sorted(names, key=_ruff_isort_key) == [
            "ALWAYS",
            "UK",
            "Activity",
            "FactSpec",
            "Facts",
            "__version__",
            "territory",
        ]


class TestUkNamespace:
    """`indemnity.uk` is lazy too: each name loads its module the first time it is used."""

    def test_every_name_resolves_to_its_module(self):
        """Each name of `indemnity.uk.__all__` is found, in the module `_WHERE` names."""
        from indemnity import uk

        assert set(uk._WHERE) | {"PEOPLE", "people", "person", "person_file"} == set(uk.__all__)
        for name, module in uk._WHERE.items():
            value = getattr(uk, name)
            assert getattr(importlib.import_module(module), name) is value

    def test_no_module_takes_a_name_over(self):
        """Importing each module of the catalogue first leaves every name what it was."""
        code = (
            "import importlib, pkgutil, indemnity.uk as uk\n"
            "for m in pkgutil.iter_modules(uk.__path__):\n"
            "    importlib.import_module('indemnity.uk.' + m.name)\n"
            "print(sorted(n for n in uk.__all__ if type(getattr(uk, n)).__name__ == 'module'))"
        )
        assert _run(code) == "[]"

    def test_unknown_attribute_is_an_attribute_error(self):
        """A name the catalogue does not have raises AttributeError, as for any module."""
        from indemnity import uk

        with pytest.raises(AttributeError, match=r"'indemnity\.uk' has no attribute 'Nope'"):
            _ = uk.Nope

    def test_star_import_binds_every_name(self):
        """`from indemnity.uk import *` binds every name in its __all__."""
        from indemnity import uk

        namespace: dict[str, object] = {}
        exec("from indemnity.uk import *", namespace)  # noqa: S102 - a fixed import, no input
        assert set(uk.__all__) <= set(namespace)

    def test_first_decision_from_the_cache_loads_no_file_format(self, tmp_path):
        """With the catalogue cached, a first decision loads neither the file formats nor the
        timelines, the pictures or the linter: only the classes the catalogue is made of."""
        code = (
            "import datetime, sys\n"
            "from indemnity import Activity, uk\n"
            "d = uk.nhs_portfolio().is_covered(Activity.of('nhs-contracted-care',"
            " engaged_by='nhs-body'), datetime.date(2025, 1, 1), 'england')\n"
            "print(d.outcome.value, sorted({m.split('.')[1] for m in sys.modules"
            " if m.startswith('indemnity.')}))\n"
        )
        env = {**os.environ, "INDEMNITY_CACHE_DIR": str(tmp_path)}
        env.pop("INDEMNITY_CACHE", None)
        runs = [
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
            ).stdout.strip()
            for _ in range(2)
        ]
        assert runs[0].startswith("covered")  # the first run reads the files and fills the cache
        assert runs[1] == (
            "covered ['_defaults', '_lazy', '_records', '_validate', 'errors', 'holdings', 'model',"
            " 'rules', 'uk']"
        )
