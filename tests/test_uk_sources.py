"""The sources registry: citations name registered sources, quote them verbatim, show no file.

`indemnity/uk/data/sources.toml` lists every document the UK catalogue cites.
Five of them were retrieved as text files (the seeds, ``retrieved_as``); the
seeds are not in the repository, so the verbatim check reads them only where
they are at hand (``../shared/seeds/`` beside the checkout, or the folder
``INDEMNITY_SEEDS`` names), and a committed check on the shape of each quote
runs everywhere. Users see a document's title and publisher, never the file
it was retrieved as.
"""

from __future__ import annotations

import ast
import datetime as dt
import json
import os
import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from indemnity import (
    Activity,
    Citation,
    Decision,
    MembershipPeriod,
    Portfolio,
    Source,
    to_data,
    uk,
)
from indemnity.uk import requirement, trainee

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "indemnity" / "uk"
SEEDS = Path(os.environ.get("INDEMNITY_SEEDS", ROOT.parent / "shared" / "seeds"))
"""Where the seed documents are, when they are at hand (they are not committed)."""

needs_seeds = pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason=f"the seed documents are not in the repository, and not at {SEEDS}",
)

SEED_FILE = re.compile(r"\b\d{3}_[0-9a-f]{16}\.txt\b")
"""How the seeds' file names look (``003_050a7f98c6f2333b.txt``)."""

STATUTE = re.compile(r"^(SI|SSI) \d{4}/\d+$")
"""How a statutory instrument's reference reads."""

LEGISLATION = "https://www.legislation.gov.uk/"
"""Where statutes are published."""

MAX_QUOTE = 400
"""Characters: a quote states a rule, it does not copy a page."""

MAX_SENTENCES = 3
"""A quote is a sentence or a few, no more."""


def _registry_file() -> dict[str, Any]:
    """The `[sources]` table of sources.toml, as written (key order kept)."""
    text = resources.files("indemnity.uk").joinpath("data", "sources.toml").read_text("utf-8")
    return tomllib.loads(text)["sources"]


REGISTRY = _registry_file()
WORDS = uk.vocabulary()
SEED_IDS = (
    "mps-imgs-2023",
    "bdi-nhs-indemnity-2022",
    "nhs-medical-indemnity-2024",
    "mps-hee-block",
    "mduconnect-brochure",
)
"""The five seeds' ids, in the order of their file names (000 to 004)."""


def _catalogue_citations() -> list[tuple[str, Citation]]:
    """Every citation of the catalogue's data: schemes, covers, requirements, exclusions."""
    found: list[tuple[str, Citation]] = []
    catalogue = uk.catalogue()
    for name, shared in catalogue.exclusions.items():
        found.append((f"exclusion {name!r}", shared.source))
    for scheme in catalogue.schemes.values():
        found.append((scheme.key, scheme.source))
        found.extend((f"{scheme.key} excludes {e.reason!r}", e.source) for e in scheme.exclusions)
        for cover in scheme.covers:
            where = f"{scheme.key} cover {cover.name!r}"
            found.append((where, cover.source))
            found.extend((f"{where} requires {r.reason!r}", r.source) for r in cover.requires)
            found.extend((f"{where} excludes {e.reason!r}", e.source) for e in cover.exclusions)
    return found


def _module_citations() -> list[tuple[str, Citation]]:
    """Every citation the modules of indemnity.uk make, as their answers give them."""
    found = [(f"requirement {k}", c) for k, c in requirement._citations().items()]
    found.extend((f"trainee {k}", c) for k, c in trainee._citations().items())
    found.append(("application_source()", uk.application_source()))
    found.append(("renewal_source()", uk.renewal_source()))
    found.append(("private_practice_fee()", uk.private_practice_fee(0).source))
    for specialty in sorted(uk.ELIGIBLE_SPECIALTIES):
        answer = uk.block_eligibility(specialty, uk.Region.MERSEY)
        found.extend((f"block_eligibility({specialty!r})", f.source) for f in answer.findings)
    return found


CATALOGUE_CITATIONS = _catalogue_citations()
MODULE_CITATIONS = _module_citations()
ALL_CITATIONS = CATALOGUE_CITATIONS + MODULE_CITATIONS


def _ids(pairs: list[tuple[str, Citation]]) -> list[str]:
    return [where for where, _ in pairs]


def _sentences(text: str) -> int:
    """How many sentences a quote holds (each ends with . ! or ?; a fragment counts as one)."""
    ends = len(re.findall(r"[.!?](?=\s|$)", text))
    return max(ends, 1)


def _flat(text: str) -> str:
    return " ".join(text.split())


class TestRegistry:
    """The registry the library loads is the file, and each source says what it is."""

    def test_the_loaded_sources_are_the_file_in_order(self):
        """Same ids, same order, same fields as sources.toml."""
        assert [s.name for s in WORDS.sources] == list(REGISTRY)
        for source in WORDS.sources:
            declared = REGISTRY[source.name]
            assert source.title == declared["title"]
            for key in ("publisher", "reference", "url", "retrieved_as"):
                assert getattr(source, key) == declared.get(key, ""), (source.name, key)
            assert source.published == declared.get("published")

    def test_the_registered_ids(self):
        """The ids citations use, as the 0.2 migration notes list them."""
        assert set(REGISTRY) == {
            *SEED_IDS,
            "mdu-membership",
            "mddus-membership",
            "mddus-hee-block",
            "nhs-resolution-elsgp",
            "nwssp-gmpi",
            "si-2019-334",
            "si-2019-422",
            "ssi-2000-54",
            "hsc-sqsd-5-10",
            "si-2014-1887",
            "si-2015-1375",
            "nhs-resolution-els",
            "hc-89-34",
            "si-2013-497",
            "dh-interim-indemnity-2012",
            "mdu-transitional-2017",
            "wsi-2020-263",
            "welsh-government-elsgp",
            "mddus-elsgp-wales-2020",
            "coroners-and-justice-act-2009",
            "fai-scotland-act-2016",
        }

    def test_the_five_seeds_are_the_sources_retrieved_as_files(self):
        """Exactly the seeds have a file name, 000 to 004 in order."""
        retrieved = {s.name: s.retrieved_as for s in WORDS.sources if s.retrieved_as}
        assert tuple(retrieved) == SEED_IDS
        for number, (name, file) in enumerate(retrieved.items()):
            assert SEED_FILE.fullmatch(file), name
            assert file.startswith(f"{number:03d}_"), name

    @pytest.mark.parametrize("name", list(REGISTRY))
    def test_every_source_can_be_found_by_a_reader(self, name):
        """A title, and a publisher, a statute's reference or page, or (for a seed) its date."""
        # a seed page that names no publisher keeps none: the registry invents nothing
        source = WORDS.source(name)
        assert source.title
        statute = STATUTE.match(source.reference) or source.url.startswith(LEGISLATION)
        seed_dated = bool(source.retrieved_as and source.published)
        assert source.publisher or statute or seed_dated, name

    @pytest.mark.parametrize("name", [n for n in REGISTRY if n.startswith(("si-", "ssi-"))])
    def test_a_statute_has_its_reference_and_its_page(self, name):
        """A statutory instrument reads as "SI 2019/334" and links to legislation.gov.uk."""
        source = WORDS.source(name)
        year, number = name.split("-")[-2:]
        assert STATUTE.match(source.reference), name
        assert source.reference.endswith(f" {year}/{number}"), name
        assert source.url.startswith(LEGISLATION), name
        assert source.url.endswith(f"/{year}/{number}"), name

    def test_a_source_is_a_term_equal_to_its_id(self):
        """A citation's source compares equal to its id, and finds the registered source."""
        citation = uk.cite("mps-hee-block", "Good Samaritan Acts worldwide")
        assert citation.source == "mps-hee-block"
        assert citation.source is WORDS.source("mps-hee-block")
        assert isinstance(citation.source, Source)

    def test_every_registered_source_is_cited(self):
        """The registry lists no document nothing rests on: a rule, or a matter's places."""
        cited = {c.source.name for _, c in ALL_CITATIONS}
        cited |= {m.source for m in WORDS.matters if m.source}
        assert cited == set(REGISTRY)


class TestEveryCitationNamesARegisteredSource:
    """Schemes, covers, requirements, exclusions and the modules cite the registry's sources."""

    @pytest.mark.parametrize(
        ("where", "citation"), CATALOGUE_CITATIONS, ids=_ids(CATALOGUE_CITATIONS)
    )
    def test_a_catalogue_citation(self, where, citation):
        """The cited source is the registered one, field for field."""
        registered = WORDS.source(citation.source.name)
        assert citation.source.declaration() == registered.declaration(), where

    @pytest.mark.parametrize(("where", "citation"), MODULE_CITATIONS, ids=_ids(MODULE_CITATIONS))
    def test_a_module_citation(self, where, citation):
        """The cited source is the registered one, field for field."""
        registered = WORDS.source(citation.source.name)
        assert citation.source.declaration() == registered.declaration(), where

    def test_every_cite_call_in_the_package_names_a_registered_source(self):
        """Read from the code itself: each `cite(...)` in indemnity/uk/*.py names a known id."""
        calls = list(_cite_calls())
        assert len(calls) >= len(requirement._citations()) + len(trainee._citations())
        for where, source in calls:
            assert source in REGISTRY, where

    @pytest.mark.parametrize("file", [f for f in uk.DATA_FILES if f != "sources.toml"])
    def test_every_source_a_data_file_names_is_registered(self, file):
        """Each ``source = ...`` of the catalogue's files names an id of the registry."""
        text = resources.files("indemnity.uk").joinpath("data", file).read_text("utf-8")
        for path, source in _sources_named(tomllib.loads(text), file):
            assert source in REGISTRY, path


def _cite_calls() -> Iterator[tuple[str, str]]:
    """Every ``cite(id, ...)`` in the package's modules, with the id it names."""
    for module in sorted(PACKAGE.glob("*.py")):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        constants = {
            target.id: node.value.value
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
            for target in node.targets
            if isinstance(target, ast.Name) and isinstance(node.value.value, str)
        }
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name != "cite":
                continue
            where = f"{module.name}:{node.lineno}"
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield where, first.value
            elif isinstance(first, ast.Name) and first.id in constants:
                yield where, constants[first.id]
            else:
                pytest.fail(f"{where}: cite() with a source this test cannot read")


def _sources_named(data: object, path: str) -> Iterator[tuple[str, str]]:
    """Every source id a catalogue document names: ``source = "id"`` or ``{ source = "id" }``."""
    if isinstance(data, dict):
        for key, value in data.items():
            here = f"{path}.{key}"
            if key == "source" and isinstance(value, str):
                yield here, value
            else:
                yield from _sources_named(value, here)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _sources_named(value, f"{path}[{i}]")


class TestQuotes:
    """A seed is quoted, briefly and verbatim; another source carries a note instead."""

    @pytest.mark.parametrize(("where", "citation"), ALL_CITATIONS, ids=_ids(ALL_CITATIONS))
    def test_a_quote_is_a_few_sentences_of_text(self, where, citation):
        """A seed's citation quotes it: non-empty, one line, at most a few sentences."""
        quote = citation.quote
        if citation.source.retrieved_as:
            assert quote, f"{where}: a seed citation needs a quote"
        if quote:
            assert quote == _flat(quote), f"{where}: stray whitespace in the quote"
            assert len(quote) < MAX_QUOTE, where
            assert _sentences(quote) <= MAX_SENTENCES, where

    def test_only_seeds_are_quoted(self):
        """The seeds are the documents at hand; other sources are cited with a note."""
        for where, citation in ALL_CITATIONS:
            if not citation.source.retrieved_as:
                assert not citation.quote, where
                assert citation.note, where

    def test_the_sentence_count(self):
        """The count the shape check uses: sentences end with . ! or ?, a fragment is one."""
        assert _sentences("Good Samaritan Acts worldwide") == 1
        assert _sentences("One. Two? Three (3.5) four!") == 3
        assert _sentences("£10,000 or less. Then £1,100 a year.") == 2

    @needs_seeds
    def test_every_seed_is_at_hand(self):
        """Each source retrieved as a file is in the seeds folder."""
        for source in WORDS.sources:
            if source.retrieved_as:
                assert (SEEDS / source.retrieved_as).is_file(), source.name

    @needs_seeds
    def test_every_seed_quote_is_verbatim(self):
        """Each quote is in the seed it cites, whitespace aside."""
        texts = {p.name: _flat(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
        misquoted = [
            (where, citation.quote)
            for where, citation in ALL_CITATIONS
            if citation.source.retrieved_as
            and _flat(citation.quote) not in texts.get(citation.source.retrieved_as, "")
        ]
        assert misquoted == []


# ---------------------------------------------------------------------------
# What users see


FILE_NAMES = frozenset(s.retrieved_as for s in WORDS.sources if s.retrieved_as)


def _shows_no_file_name(text: str, where: str) -> None:
    assert ".txt" not in text, where
    assert not SEED_FILE.search(text), where
    for name in FILE_NAMES:
        assert name not in text, where
        assert name.removesuffix(".txt") not in text, where


def _everything_held() -> Portfolio:
    """Every scheme of the catalogue, each over its whole period in force, every option bought."""
    memberships = [
        MembershipPeriod(s, s.in_force, frozenset(s.options)) for s in uk.schemes().values()
    ]
    return Portfolio(tuple(memberships))


def _decisions() -> Iterator[Decision]:
    """A decision for every kind of work, matter and place, facts unknown and known."""
    held = _everything_held()
    on = dt.date(2024, 11, 5)
    for kind in WORDS.kinds:
        for matter in WORDS.matters:
            for place in WORDS.jurisdictions:
                work = Activity.of(kind.name)
                yield held.is_covered(work, on, place, matter=matter, claimed_on=on)
    answers = {"engaged_by": "nhs-body", "declared": True, "mdo": "mddus"}
    for kind in WORDS.kinds:
        work = Activity.of(kind.name, **answers)  # type: ignore[arg-type]
        yield held.is_covered(work, dt.date(2018, 6, 1), "england")


class TestNoFileNameReachesUsers:
    """Decisions, citations, the catalogue page and the UK helpers name documents by title."""

    def test_decisions_explain_and_encode_without_file_names(self):
        """explain() and to_data() of every decision show titles, never a seed's file."""
        count = 0
        for decision in _decisions():
            where = decision.question.activity.kind.name
            _shows_no_file_name(decision.explain(), where)
            _shows_no_file_name(json.dumps(to_data(decision), ensure_ascii=False), where)
            count += 1
        assert count > len(WORDS.kinds) * len(WORDS.matters)

    def test_a_decision_lists_its_sources_by_id_and_title(self):
        """The decision's data names each cited source by id, with its title and no file."""
        decision = _everything_held().is_covered(
            Activity.of("good-samaritan"), dt.date(2024, 11, 5), "overseas"
        )
        sources = to_data(decision)["sources"]  # type: ignore[index]
        assert "mps-hee-block" in sources
        assert sources["mps-hee-block"]["title"] == WORDS.source("mps-hee-block").title
        assert "retrieved_as" not in sources["mps-hee-block"]

    @pytest.mark.parametrize(("where", "citation"), ALL_CITATIONS, ids=_ids(ALL_CITATIONS))
    def test_a_citation_reads_as_its_document(self, where, citation):
        """str(citation) names the document's title, not the file it was retrieved as."""
        text = str(citation)
        _shows_no_file_name(text, where)
        assert citation.source.title in text, where

    def test_the_catalogue_page(self):
        """The generated docs page quotes the seeds by title."""
        page = uk.catalogue_markdown()
        _shows_no_file_name(page, "catalogue_markdown()")
        for name in SEED_IDS:
            assert WORDS.source(name).title in page, name

    def test_the_uk_helpers(self):
        """The legal requirement, block eligibility and fee answers show titles too."""
        work = [
            Activity.of("nhs-contracted-care", engaged_by="nhs-body"),
            Activity.of("good-samaritan"),
            Activity.of("private-practice"),
        ]
        report = uk.check_legal_requirement(Portfolio(), work, dt.date(2024, 11, 5), "england")
        texts = [report.explain(), json.dumps(report.to_dict(), ensure_ascii=False)]
        for region in uk.Region:
            found = uk.block_eligibility("cardiology", region, out_of_programme_in="overseas")
            texts += [found.explain(), json.dumps(found.to_dict(), ensure_ascii=False)]
        fee = uk.private_practice_fee(20_000)
        texts += [fee.explain(), json.dumps(fee.to_dict(), ensure_ascii=False)]
        for text in texts:
            _shows_no_file_name(text, text[:60])
