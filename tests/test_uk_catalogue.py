"""The UK catalogue as a whole: loading, public names, citations, dates and the docs page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import types
from importlib import resources
from pathlib import Path

import pytest

from indemnity import (
    Basis,
    Catalogue,
    Citation,
    FileFormatError,
    Portfolio,
    Scheme,
    SchemeKind,
    UnknownNameError,
    uk,
)
from indemnity.io.codec import from_data, to_data
from indemnity.io.documents import load_catalogue
from indemnity.uk import registry

ROOT = Path(__file__).resolve().parent.parent

SEED_FILES = frozenset(
    {
        "mps-imgs-2023",
        "bdi-nhs-indemnity-2022",
        "nhs-medical-indemnity-2024",
        "mps-hee-block",
        "mduconnect-brochure",
    }
)
"""The five source documents, by id (tests/test_uk_sources.py reads them where they are)."""

STATUTE = re.compile(r"^((SI|SSI|WSI) \d{4}/\d+|\d{4} (c\.|asp) \d+)$")
CIRCULAR = re.compile(r"^(Circular HSC \(SQSD\) \d+/\d+|HC\(\d+\)\d+)$")
OPERATORS = frozenset(
    {
        "NHS Resolution",
        "NHS Wales Shared Services Partnership, Legal and Risk Services",
        "The MDU",
        "MDDUS",
        "Department of Health",
        "Welsh Government",
    }
)
"""The scheme operators and governments whose own pages are sources."""


def _data(name: str) -> bytes:
    """A data file of the catalogue, as shipped."""
    return resources.files("indemnity.uk").joinpath("data", name).read_bytes()


def _citations(scheme: Scheme) -> list[tuple[str, Citation]]:
    """Every citation of a scheme, with where it sits."""
    found = [(f"{scheme.key}", scheme.source)]
    found.extend((f"{scheme.key} exclusion {e.reason!r}", e.source) for e in scheme.exclusions)
    for cover in scheme.covers:
        where = f"{scheme.key} cover {cover.name!r}"
        found.append((where, cover.source))
        found.extend((f"{where} requires {r.reason!r}", r.source) for r in cover.requires)
        found.extend((f"{where} excludes {e.reason!r}", e.source) for e in cover.exclusions)
    return found


ALL_CITATIONS = [pair for s in uk.schemes().values() for pair in _citations(s)]


class TestLoading:
    """The catalogue is read from the package's TOML files, lazily, once."""

    def test_every_data_file_is_in_the_package(self):
        """The data files are package resources (so they ship in the wheel)."""
        folder = resources.files("indemnity.uk").joinpath("data")
        names = sorted(p.name for p in folder.iterdir() if p.name.endswith(".toml"))
        assert names == sorted(uk.DATA_FILES)

    def test_importing_indemnity_does_not_load_the_catalogue(self):
        """`import indemnity` neither imports indemnity.uk nor reads its files; importing
        indemnity.uk loads neither its registry nor the file formats until a scheme is asked for."""
        code = (
            "import sys, indemnity\n"
            "assert 'indemnity.uk' not in sys.modules\n"
            "import indemnity.uk as uk\n"
            "assert 'indemnity.uk.registry' not in sys.modules\n"
            "assert 'indemnity.io.documents' not in sys.modules\n"
            "uk.scheme('cnst')\n"
            "assert sys.modules['indemnity.uk.registry'].catalogue.cache_info().currsize == 1\n"
            "print('ok')\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
        )
        assert done.stdout.strip() == "ok", done.stderr

    def test_the_catalogue_is_loaded_once(self):
        """Asking twice gives the very same objects."""
        assert uk.scheme("cnst") is uk.scheme("cnst")
        assert uk.schemes() is uk.schemes()
        assert uk.catalogue() is uk.catalogue()

    def test_the_catalogue_holds_the_vocabulary_and_the_schemes(self):
        """uk.catalogue() is a Catalogue: the UK vocabulary and the schemes, by key."""
        catalogue = uk.catalogue()
        assert isinstance(catalogue, Catalogue)
        assert catalogue.name == "uk"
        assert catalogue.vocabulary is uk.vocabulary()
        assert catalogue.schemes is uk.schemes()
        assert catalogue.scheme("cnst") is uk.scheme("cnst")

    def test_the_schemes_cannot_be_changed(self):
        """The mapping of schemes is read-only."""
        with pytest.raises(TypeError):
            uk.schemes()["cnst"] = uk.scheme("mdu")  # type: ignore[index]

    def test_every_file_round_trips_through_the_codec(self):
        """Each scheme written out and read back is the same scheme."""
        for scheme in uk.schemes().values():
            assert from_data(Scheme, to_data(scheme)) == scheme

    def test_an_unknown_key_suggests_the_nearest(self):
        """Asking for a scheme that does not exist names the nearest one."""
        with pytest.raises(UnknownNameError) as err:
            uk.scheme("cnts")
        assert err.value.field == "scheme"
        assert "'cnst'" in err.value.expected
        assert "did you mean 'cnst'?" in str(err.value)

    def test_a_broken_file_names_itself(self, monkeypatch):
        """A data file that is not TOML raises FileFormatError naming the file."""
        monkeypatch.setattr(registry, "DATA_FILES", ("broken.toml",))
        monkeypatch.setattr(registry, "_read", lambda name: b"key = [")
        with pytest.raises(FileFormatError) as err:
            registry.catalogue.__wrapped__()  # the loader itself: the cached catalogue stays
        assert (err.value.file, err.value.field, err.value.expected) == (
            "broken.toml",
            "",
            "valid TOML",
        )

    def test_two_files_may_not_define_one_key(self, monkeypatch):
        """A key defined twice across files is an error, not a silent override."""
        twice = ("vocabulary.toml", "sources.toml", "mdo.toml", "mdo.toml")
        monkeypatch.setattr(registry, "DATA_FILES", twice)
        with pytest.raises(FileFormatError) as err:
            registry.catalogue.__wrapped__()
        assert (err.value.file, err.value.field) == ("mdo.toml", "schemes[0].key")
        assert err.value.got == "medical-protection"

    def test_a_mistake_in_a_file_names_the_file_and_the_path(self):
        """A typo inside a catalogue document names the file and the path in it."""
        text = _data("corporate.toml").decode("utf-8")
        broken = text.replace('matters = ["defamation"]', 'maters = ["defamation"]')
        assert broken != text
        files = [(n, _data(n)) for n in ("vocabulary.toml", "sources.toml")]
        with pytest.raises(FileFormatError) as err:
            load_catalogue([*files, ("corporate.toml", broken)], name="uk")
        assert (err.value.file, err.value.field) == (
            "corporate.toml",
            "schemes[0].covers[4].maters",
        )


class TestPublicNames:
    """indemnity.uk's curated namespace."""

    def test_all_is_sorted(self):
        """__all__ is sorted: constants, then classes, then functions (isort order)."""
        key = [(not n.isupper(), not n[0].isupper(), n) for n in uk.__all__]
        assert key == sorted(key)

    def test_all_matches_what_is_importable(self):
        """Every name in __all__ exists, and every public non-module name is in __all__."""
        for name in uk.__all__:
            assert hasattr(uk, name), name
        public = {
            n
            for n, v in vars(uk).items()
            if not n.startswith("_") and not isinstance(v, types.ModuleType)
        }
        assert public == set(uk.__all__)


class TestCitations:
    """Every rule says where it comes from."""

    @pytest.mark.parametrize(
        ("where", "citation"), ALL_CITATIONS, ids=[w for w, _ in ALL_CITATIONS]
    )
    def test_every_rule_cites_a_seed_or_a_statute_or_an_operator(self, where, citation):
        """A citation names a seed (with a quote) or a statute / operator (with a note)."""
        source = citation.source
        if source.name in SEED_FILES:
            assert source.retrieved_as, f"{where}: a seed was retrieved as a file"
            assert citation.quote, f"{where}: a seed citation needs a quote"
        else:
            named = (
                STATUTE.match(source.reference)
                or CIRCULAR.match(source.title)
                or CIRCULAR.match(source.reference)
                or source.publisher in OPERATORS
            )
            assert named, f"{where}: {source.name}"
            assert citation.note, f"{where}: a statute or operator citation needs a note"

    def test_there_are_rules_from_every_seed(self):
        """Each of the five seeds backs at least one rule."""
        assert {c.source.name for _, c in ALL_CITATIONS} >= SEED_FILES

    def test_unverified_facts_are_marked(self):
        """The facts domain.md calls unverified are marked so."""
        assert not uk.scheme("nhs-wales").source.verified
        elsgp_mdo = uk.scheme("elsgp").cover("clinical negligence (Medical Protection members)")
        elsgp_mdo = elsgp_mdo.requires[1]
        assert "disputed" in elsgp_mdo.source.note
        assert not elsgp_mdo.source.verified


class TestDates:
    """Every scheme's dates are consistent."""

    @pytest.mark.parametrize("key", list(uk.schemes()))
    def test_in_force_is_in_the_nhs_era_and_not_in_the_future(self, key):
        """A scheme starts unbounded or after the NHS began, and before today."""
        period = uk.scheme(key).in_force
        bounded = period.start != dt.date.min
        assert not bounded or dt.date(1948, 7, 5) <= period.start <= dt.date.today()
        assert period.end is None or period.end <= dt.date.today()

    def test_elsgp_hands_over_to_cnsgp(self):
        """ELSGP takes the GP incidents before the day CNSGP starts: no gap, no overlap."""
        assert uk.scheme("elsgp").in_force.end == uk.scheme("cnsgp").in_force.start

    def test_the_statutory_start_dates(self):
        """The start dates are those of the schemes' statutes and operators."""
        starts = {k: uk.scheme(k).in_force.start for k in ("cnst", "cnsgp", "gmpi", "cnoris")}
        assert starts == {
            "cnst": dt.date(1995, 4, 1),
            "cnsgp": dt.date(2019, 4, 1),
            "gmpi": dt.date(2019, 4, 1),
            "cnoris": dt.date(2000, 4, 1),
        }

    def test_unverified_start_dates_are_open(self):
        """A start date nobody verified is not invented: the period is unbounded."""
        assert uk.scheme("nhs-wales").in_force.start == dt.date.min


class TestShapeOfTheCatalogue:
    """What kind of scheme each is."""

    def test_state_schemes_cover_clinical_negligence_only_in_their_own_jurisdiction(self):
        """NHS indemnity is for clinical negligence claims only, one jurisdiction each."""
        for scheme in uk.state_schemes():
            assert scheme.basis is Basis.OCCURRENCE
            assert {m.name for m in scheme.matters} == {"clinical-negligence"}
            assert len(uk.CatalogueEntry.of(scheme).jurisdictions) == 1, scheme.key

    def test_each_uk_jurisdiction_has_a_state_scheme(self):
        """England, Wales, Scotland and Northern Ireland each have one."""
        places = {j for s in uk.state_schemes() for j in uk.CatalogueEntry.of(s).jurisdictions}
        assert places == {
            "england",
            "wales",
            "scotland",
            "northern-ireland",
        }

    def test_mdos_are_occurrence_and_discretionary(self):
        """The three MDOs give occurrence-based, discretionary membership."""
        for key in ("medical-protection", "mdu", "mddus", "mps-hee-block"):
            scheme = uk.scheme(key)
            assert (scheme.kind, scheme.basis) == (SchemeKind.DISCRETIONARY, Basis.OCCURRENCE)

    def test_the_corporate_policy_is_claims_made_insurance(self):
        """MDUConnect is a claims-made insurance contract with eight heads."""
        policy = uk.scheme("mduconnect")
        assert (policy.kind, policy.basis) == (SchemeKind.CONTRACTUAL_INSURANCE, Basis.CLAIMS_MADE)
        assert len(policy.covers) == 8
        assert policy.options == frozenset({"public-liability"})

    def test_the_nhs_portfolio_holds_every_state_scheme(self):
        """nhs_portfolio holds each state scheme over its own period."""
        portfolio = uk.nhs_portfolio("Dr A")
        assert isinstance(portfolio, Portfolio)
        assert portfolio.holder == "Dr A"
        assert {m.scheme.key for m in portfolio} == {s.key for s in uk.state_schemes()}
        assert all(m.period == m.scheme.in_force for m in portfolio)


class TestListing:
    """The catalogue listing for the docs and the command line."""

    def test_every_scheme_is_listed_in_order(self):
        """One entry per scheme, in catalogue order."""
        assert [e.key for e in uk.listing()] == list(uk.schemes())

    def test_an_entry(self):
        """An entry gives key, name, jurisdictions, basis, kind and period in force."""
        entry = next(e for e in uk.listing() if e.key == "elsgp")
        assert (entry.key, entry.name, entry.operator, entry.kind, entry.basis) == (
            "elsgp",
            "Existing Liabilities Scheme for General Practice (ELSGP)",
            "NHS Resolution",
            SchemeKind.STATE_BACKED,
            Basis.OCCURRENCE,
        )
        assert entry.jurisdictions == {"england"}
        assert to_data(entry.in_force) == {"start": None, "end": "2019-04-01"}
        assert entry.source == uk.scheme("elsgp").source
        assert entry.in_force_text == "before 2019-04-01"

    def test_mdo_jurisdictions_leave_out_the_worldwide_good_samaritan_cover(self):
        """An MDO is listed by where its ordinary covers apply."""
        entries = {e.key: uk.territory_name(e.jurisdictions) for e in uk.listing()}
        assert entries["mddus"] == "british-isles"
        assert entries["mps-hee-block"] == "great-britain"


class TestDocsPage:
    """docs/catalogue.md is generated from the data and cannot drift."""

    def test_the_committed_page_is_what_the_data_gives(self):
        """Regenerating the page gives the committed file (run docs/gen_catalogue.py)."""
        page = ROOT / "docs" / "catalogue.md"
        assert page.read_text(encoding="utf-8") == uk.catalogue_markdown()

    def test_the_page_lists_every_scheme_and_source(self):
        """Every scheme has a section and every seed is quoted, by its title."""
        text = uk.catalogue_markdown()
        for scheme in uk.schemes().values():
            assert f"{{#{scheme.key}}}" in text
        for seed in SEED_FILES:
            source = uk.vocabulary().source(seed)
            assert f'"{source.title}"' in text
            assert source.retrieved_as not in text

    def test_the_generator_checks(self):
        """docs/gen_catalogue.py --check passes on the committed page."""
        done = subprocess.run(
            [sys.executable, str(ROOT / "docs" / "gen_catalogue.py"), "--check"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
