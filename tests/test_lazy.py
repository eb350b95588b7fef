"""Tests for the modules the library loads on first use (`indemnity._lazy.lazy_module`)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from indemnity._lazy import lazy_module


def _run(code):
    """What `code` prints, run by a fresh interpreter (so no module is loaded beforehand)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


class TestLazyModule:
    """A stand-in loads its module on the first name read, then gives way to the module."""

    def test_the_first_read_loads_the_module_and_rebinds_every_name(self):
        """Each name bound to the stand-in is the module after the first read."""
        namespace: dict[str, object] = {}
        namespace["a"] = namespace["b"] = stand_in = lazy_module("json", namespace)
        namespace["other"] = 1
        assert stand_in.dumps([1]) == "[1]"  # type: ignore[attr-defined]
        assert namespace["a"] is sys.modules["json"]
        assert namespace["b"] is sys.modules["json"]
        assert namespace["other"] == 1

    def test_a_stand_in_kept_elsewhere_still_reads_the_module(self):
        """A reference taken before the first read goes on answering, as the module would."""
        namespace: dict[str, object] = {}
        stand_in = lazy_module("json", namespace)
        assert stand_in.loads("[2]") == [2]  # type: ignore[attr-defined]
        assert stand_in.JSONDecodeError is sys.modules["json"].JSONDecodeError  # type: ignore[attr-defined]

    def test_a_name_the_module_lacks_is_an_attribute_error(self):
        """Reading a name the module does not have fails as reading it from the module does."""
        stand_in = lazy_module("json", {})
        with pytest.raises(AttributeError, match="nope"):
            _ = stand_in.nope  # type: ignore[attr-defined]

    def test_repr_names_the_module(self):
        """Until it loads, the stand-in says which module it stands for."""
        assert repr(lazy_module("json", {})) == "<module 'json', loaded on first use>"

    def test_the_core_loads_questions_and_settling_sets_when_first_used(self):
        """After the core names, a question loads with the first one asked, and the settling
        sets with the first rule that can be open (its conditions); the stand-ins then give
        way to the modules, and an open answer is worked out as before."""
        code = (
            "import datetime, sys\n"
            "from indemnity import Activity, Cover\n"
            "from indemnity.model.citation import Citation\n"
            "from indemnity.model.terms import ActivityKind, Fact, Jurisdiction, Matter, Source\n"
            "from indemnity.model.vocabulary import Vocabulary\n"
            "from indemnity.rules import cover as module\n"
            "def loaded():\n"
            "    return [m for m in ('question', 'settling', 'uk')"
            " if 'indemnity.' + m in sys.modules or 'indemnity.model.' + m in sys.modules]\n"
            "print(loaded(), repr(module._settling))\n"
            "source = Source('s', 'A source')\n"
            "words = Vocabulary('v', facts=(Fact('nhs_patient', 'yes-no'),),"
            " kinds=(ActivityKind('care'),), matters=(Matter('claim'),),"
            " jurisdictions=(Jurisdiction('here'),), sources=(source,))\n"
            "cite = Citation(source)\n"
            "day = datetime.date(2025, 1, 1)\n"
            "act = Activity.of('care', vocabulary=words)\n"
            "terms = (['claim'], ['care'], ['here'], cite)\n"
            "plain = Cover('c', *terms, vocabulary=words)\n"
            "print(plain.is_covered(act, day, 'here', matter='claim').outcome.value, loaded())\n"
            "from indemnity.rules.conditions import Is\n"
            "from indemnity.rules.requirement import Requirement\n"
            "with words.using():\n"
            "    needs = Requirement(Is('nhs_patient', True), 'NHS', cite)\n"
            "cover = Cover('c', *terms, requires=[needs], vocabulary=words)\n"
            "open_ = cover.is_covered(act, day, 'here', matter='claim')\n"
            "settling = sys.modules['indemnity.model.settling']\n"
            "print(open_.outcome.value, module._settling is settling,"
            " [s.describe() for s in open_.settling], open_.next_question.fact.name)\n"
        )
        assert _run(code).splitlines() == [
            "[] <module 'indemnity.model.settling', loaded on first use>",
            "covered ['question']",
            "undetermined True ['nhs_patient: no', 'nhs_patient: yes'] nhs_patient",
        ]


class TestAnnotationsResolve:
    """Fields name their types through the stand-ins, so tools reading type hints still work."""

    def test_every_record_s_type_hints_resolve_after_the_core_names(self):
        """`typing.get_type_hints` (what cattrs and attrs.resolve_types call) resolves every
        attrs class and named tuple of the package, in a process that loaded only the core
        names: a type only imported for type checkers would be a NameError."""
        code = (
            "import importlib, pkgutil, typing, attrs, indemnity\n"
            "from indemnity import Activity, Cover, Decision, Exclusion, MembershipPeriod,"
            " Outcome, Period, Portfolio, Scheme\n"
            "hints = {c: typing.get_type_hints(c) for c in (Cover, Decision, Exclusion, Scheme)}\n"
            "print(hints[Decision]['question'].__module__, hints[Cover]['source'].__name__)\n"
            "failed, seen = [], 0\n"
            "for info in pkgutil.walk_packages(indemnity.__path__, 'indemnity.'):\n"
            "    module = importlib.import_module(info.name)\n"
            "    for value in list(vars(module).values()):\n"
            "        record = isinstance(value, type) and (attrs.has(value)"
            " or (issubclass(value, tuple) and hasattr(value, '_fields')))\n"
            "        if record and value.__module__ == info.name:\n"
            "            seen += 1\n"
            "            try:\n"
            "                typing.get_type_hints(value)\n"
            "            except NameError as error:\n"
            "                failed.append(f'{info.name}.{value.__qualname__}: {error}')\n"
            "print(seen > 60, failed)\n"
        )
        assert _run(code).splitlines() == ["indemnity.model.question Citation", "True []"]

    def test_every_public_callable_s_type_hints_resolve(self):
        """The same for each function, method and property the package publishes (a named
        tuple's `__new__`, which `collections` writes in a namespace of its own, aside)."""
        code = (
            "import inspect, typing, indemnity\n"
            "failed, seen = [], 0\n"
            "for name in indemnity.__all__:\n"
            "    obj = getattr(indemnity, name)\n"
            "    found = [(name, obj)] if inspect.isfunction(obj) else []\n"
            "    if inspect.isclass(obj):\n"
            "        for key, value in vars(obj).items():\n"
            "            if isinstance(value, classmethod | staticmethod):\n"
            "                value = value.__func__\n"
            "            elif isinstance(value, property):\n"
            "                value = value.fget\n"
            "            named_tuple_new = key == '__new__' and issubclass(obj, tuple)\n"
            "            if inspect.isfunction(value) and not named_tuple_new:\n"
            "                found.append((f'{name}.{key}', value))\n"
            "    for label, value in found:\n"
            "        seen += 1\n"
            "        try:\n"
            "            typing.get_type_hints(value)\n"
            "        except NameError as error:\n"
            "            failed.append(f'{label}: {error}')\n"
            "print(seen > 300, failed)\n"
        )
        assert _run(code) == "True []"
