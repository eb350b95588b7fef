"""`indemnity lint`: one small file per kind of finding, asserting the finding and its path."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from indemnity import (
    Allowance,
    AllowList,
    Finding,
    FindingKind,
    Implication,
    Vocabulary,
    lint_catalogue,
    lint_document,
    lint_file,
    lint_scheme,
    uk,
)
from indemnity.cli import main
from indemnity.errors import FileFormatError, InvalidFieldError, UnknownNameError
from indemnity.io.codec import read_vocabulary, vocabulary_data
from indemnity.io.parse import parse_document
from indemnity.model.terms import ActivityKind, Fact, FactType, Jurisdiction, ValueSet

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "indemnity" / "uk" / "data"
ALLOWED = ROOT / "indemnity" / "uk" / "lint-allowed.toml"

HEAD = """\
kind = "scheme"
version = 1

[sources.brochure]
title = "A test brochure"
publisher = "Test MDO"

[scheme]
key = "test"
name = "Test membership"
operator = "Test MDO"
kind = "discretionary-membership"
basis = "occurrence"
serves = "personal"
source = { source = "brochure", quote = "We help members." }
"""

COVER = """
[[scheme.covers]]
name = "{name}"
matters = {matters}
activities = {activities}
territory = ["uk"]
source = {{ source = "brochure", quote = "We cover {name}."{extra} }}
"""


def cover(
    name: str = "private work",
    matters: str = '["clinical-negligence"]',
    activities: str = '["private-practice"]',
    extra: str = "",
    limit: int | None = None,
) -> str:
    text = COVER.format(name=name, matters=matters, activities=activities, extra=extra)
    return text + (f"limit = {limit}\n" if limit is not None else "")


def requirement(condition: str, source: str = '{ source = "brochure", quote = "q" }') -> str:
    return f"""
[[scheme.covers.requires]]
condition = {condition}
reason = "the rule under test"
source = {source}
"""


def exclusion(when: str, unless: str | None = None) -> str:
    text = f"""
[[scheme.covers.exclusions]]
when = {when}
reason = "the exclusion under test"
source = {{ source = "brochure", quote = "We do not cover it." }}
"""
    return text + (f"unless = {unless}\n" if unless else "")


def lint(tmp_path: Path, *parts: str) -> tuple[Finding, ...]:
    path = tmp_path / "scheme.toml"
    path.write_text(HEAD + "".join(parts), encoding="utf-8")
    return lint_file(path)


def only(found: tuple[Finding, ...], kind: FindingKind) -> list[Finding]:
    return [f for f in found if f.kind is kind]


DECLARED = '{ is = { fact = "declared", value = true } }'


class TestClean:
    def test_a_plain_cover_has_nothing_to_report(self, tmp_path):
        assert lint(tmp_path, cover(), requirement(DECLARED)) == ()

    def test_every_built_in_scheme_lints_clean_but_for_what_the_allow_list_keeps(self):
        allowed = AllowList.load(ALLOWED)
        files = sorted(DATA.glob("*.toml")) + sorted((DATA / "people").glob("*.toml"))
        found = [f for file in files for f in lint_file(file)]
        kept = [f.describe() for f in allowed.apply(found) if not f.allowed]
        assert kept == []
        assert allowed.unused(found) == ()


class TestUnreachableCover:
    def test_requirements_no_question_meets(self, tmp_path):
        never = (
            '{ all = [{ is = { fact = "field", value = "dermatology" } },'
            ' { is = { fact = "field", value = "ophthalmology" } }] }'
        )
        found = only(lint(tmp_path, cover(), requirement(never)), FindingKind.UNREACHABLE_COVER)
        assert [f.path for f in found] == ["scheme.covers[0]"]
        assert "no question can reach cover 'private work'" in found[0].message
        assert found[0].citation is not None
        assert found[0].citation.quote == "We cover private work."

    def test_a_kind_of_work_done_only_outside_its_territory(self, tmp_path):
        # an MDO's covers once listed overseas voluntary work with a UK territory
        listed = '["private-practice", "overseas-voluntary-work"]'
        found = only(lint(tmp_path, cover(activities=listed)), FindingKind.UNREACHABLE_COVER)
        assert [f.path for f in found] == ["scheme.covers[0].activities[1]"]
        assert "overseas-voluntary-work, which is done only overseas" in found[0].message

    def test_a_matter_the_scheme_s_holder_never_faces(self, tmp_path):
        listed = '["clinical-negligence", "public-liability"]'
        found = only(lint(tmp_path, cover(matters=listed)), FindingKind.UNREACHABLE_COVER)
        assert [f.path for f in found] == ["scheme.covers[0].matters[1]"]
        assert "only organisations face" in found[0].message

    def test_a_kind_of_work_its_requirements_rule_out(self, tmp_path):
        listed = '["private-practice", "good-samaritan"]'
        only_private = '{ kind_in = ["private-practice"] }'
        found = lint(tmp_path, cover(activities=listed), requirement(only_private))
        assert [f.path for f in only(found, FindingKind.UNREACHABLE_COVER)] == [
            "scheme.covers[0].activities[1]"
        ]


class TestExclusions:
    def test_an_exclusion_that_never_fires(self, tmp_path):
        found = lint(tmp_path, cover(), exclusion('{ kind_in = ["good-samaritan"] }'))
        hits = only(found, FindingKind.EXCLUSION_NEVER_FIRES)
        assert [f.path for f in hits] == ["scheme.covers[0].exclusions[0]"]
        assert "never fires for the kinds of work" in hits[0].message
        assert hits[0].citation is not None
        assert hits[0].citation.quote == "We do not cover it."

    def test_an_exclusion_that_fires_only_where_requirements_fail(self, tmp_path):
        undeclared = '{ is = { fact = "declared", value = false } }'
        found = lint(tmp_path, cover(), requirement(DECLARED), exclusion(undeclared))
        hits = only(found, FindingKind.EXCLUSION_NEVER_FIRES)
        assert [f.path for f in hits] == ["scheme.covers[0].exclusions[0]"]
        assert "it never decides an answer" in hits[0].message

    def test_an_exclusion_that_always_fires(self, tmp_path):
        found = lint(tmp_path, cover(), exclusion('{ kind_in = ["private-practice"] }'))
        hits = only(found, FindingKind.EXCLUSION_ALWAYS_FIRES)
        assert [f.path for f in hits] == ["scheme.covers[0].exclusions[0]"]
        assert "the cover never covers" in hits[0].message

    def test_an_unless_that_never_holds(self, tmp_path):
        found = lint(
            tmp_path,
            cover(),
            exclusion(
                '{ is = { fact = "field", value = "dermatology" } }',
                '{ is = { fact = "field", value = "ophthalmology" } }',
            ),
        )
        hits = only(found, FindingKind.UNLESS_NEVER_HOLDS)
        assert [f.path for f in hits] == ["scheme.covers[0].exclusions[0].unless"]
        assert "field is ophthalmology" in hits[0].message

    def test_an_unless_that_can_hold_is_not_reported(self, tmp_path):
        found = lint(
            tmp_path,
            cover(),
            exclusion(
                '{ is = { fact = "field", value = "cosmetic-aesthetic-medicine" } }',
                '{ is = { fact = "procedure", value = "botox" } }',
            ),
        )
        assert found == ()


class TestFacts:
    def test_a_fact_that_never_changes_the_rule(self, tmp_path):
        dermatology = '{ is = { fact = "field", value = "dermatology" } }'
        condition = f"{{ all = [{dermatology}, {{ any = [{dermatology}, {DECLARED}] }}] }}"
        found = lint(tmp_path, cover(), requirement(condition))
        hits = only(found, FindingKind.FACT_NEVER_MATTERS)
        assert [f.path for f in hits] == ["scheme.covers[0].requires[0]"]
        assert "reads declared, but no value of declared changes" in hits[0].message

    def test_a_rule_that_waits_on_a_fact_for_nothing(self, tmp_path):
        # fires for dermatology whatever overall_charge is, yet waits on it there
        parts = ", ".join(
            f'{{ all = [{{ is = {{ fact = "field", value = "dermatology" }} }},'
            f' {{ is = {{ fact = "overall_charge", value = {v} }} }}] }}'
            for v in ("true", "false")
        )
        found = lint(tmp_path, cover(), exclusion(f"{{ any = [{parts}] }}"))
        hits = only(found, FindingKind.WAITS_FOR_NOTHING)
        assert [f.path for f in hits] == ["scheme.covers[0].exclusions[0]"]
        assert "exclusion waits on overall_charge where field is dermatology" in hits[0].message

    def test_the_ophthalmology_rule_as_it_was_written_fails_naming_the_fact_and_fields(
        self, tmp_path
    ):
        """Seed 003: 'ophthalmology (including refractive laser surgery)' as one exclusion."""
        text = (DATA / "trainee.toml").read_text(encoding="utf-8")
        now = 'when = { is = { fact = "field", value = "ophthalmology" } }'
        was = (
            'when = { any = [{ is = { fact = "field", value = "ophthalmology" } },'
            ' { is = { fact = "procedure", value = "refractive-laser-surgery" } }] }'
        )
        assert text.count(now) == 1
        path = tmp_path / "trainee.toml"
        path.write_text(text.replace(now, was), encoding="utf-8")
        allowed = AllowList.load(ALLOWED)
        kept = [f for f in allowed.apply(lint_file(path)) if not f.allowed]
        assert [(f.kind, f.path) for f in kept] == [
            (FindingKind.WAITS_FOR_NOTHING, "schemes.mps-hee-block.covers[8].exclusions[14]")
        ]
        message = kept[0].message
        assert "for private-practice work, exclusion waits on procedure where field is" in message
        listed = message.split("where field is ")[1].split(" (36 values)")[0]
        named = listed.replace(" or ", ", ").split(", ")
        fields = uk.vocabulary().value_set("fields").values
        assert named == [f for f in fields if f != "ophthalmology"]
        assert "procedure refractive-laser-surgery occurs only where field is ophthalmology" in (
            message
        )
        assert main(["lint", "--allow", str(ALLOWED), str(path)]) == 1
        assert main(["lint", "--allow", str(ALLOWED), str(DATA / "trainee.toml")]) == 0


class TestCoversDisagree:
    def test_two_covers_answering_one_question_with_different_limits(self, tmp_path):
        found = lint(
            tmp_path,
            cover("private work", limit=1_000_000),
            cover("private clinics", limit=5_000_000),
        )
        hits = only(found, FindingKind.COVERS_DISAGREE)
        assert [f.path for f in hits] == ["scheme.covers[1]"]
        assert "5,000,000" in hits[0].message
        assert "1,000,000" in hits[0].message

    def test_covers_that_never_meet_do_not_disagree(self, tmp_path):
        found = lint(
            tmp_path,
            cover("private work", limit=1_000_000),
            requirement(DECLARED),
            cover("undeclared work", limit=5_000_000),
            requirement('{ is = { fact = "declared", value = false } }'),
        )
        assert only(found, FindingKind.COVERS_DISAGREE) == []


class TestCitations:
    def test_a_rule_without_a_citation(self):
        text = (
            HEAD
            + cover()
            + requirement(DECLARED).replace('source = { source = "brochure", quote = "q" }\n', "")
        )
        found = lint_document(parse_document(text, "toml"), name="scheme.toml")
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.MISSING_CITATION, "scheme.covers[0].requires[0].source")
        ]

    def test_a_citation_that_quotes_nothing(self, tmp_path):
        found = lint(tmp_path, cover(), requirement(DECLARED, '{ source = "brochure" }'))
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.MISSING_CITATION, "scheme.covers[0].requires[0].source")
        ]
        assert "neither quotes it nor notes" in found[0].message

    def test_a_citation_of_an_unknown_source(self, tmp_path):
        found = lint(tmp_path, cover(), requirement(DECLARED, '{ source = "brochur" }'))
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.UNKNOWN_SOURCE, "scheme.covers[0].requires[0].source.source")
        ]
        assert "did you mean 'brochure'?" in found[0].message

    def test_an_unverified_rule_deciding_a_firm_answer(self, tmp_path):
        found = lint(tmp_path, cover(extra=", verified = false"))
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.UNVERIFIED_DECIDES, "scheme.covers[0]")
        ]
        assert found[0].citation is not None
        assert not found[0].citation.verified


class TestUnknownNames:
    def test_matters_kinds_facts_and_values_with_did_you_mean(self, tmp_path):
        found = lint(
            tmp_path,
            cover(matters='["inqest"]', activities='["private-practise"]'),
            requirement('{ is = { fact = "field", value = "dermatolgy" } }'),
            requirement('{ is = { fact = "declard", value = true } }'),
        )
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.UNKNOWN_NAME, "scheme.covers[0].activities[0]"),
            (FindingKind.UNKNOWN_NAME, "scheme.covers[0].matters[0]"),
            (FindingKind.UNKNOWN_NAME, "scheme.covers[0].requires[0].condition.is.value"),
            (FindingKind.UNKNOWN_NAME, "scheme.covers[0].requires[1].condition.is.fact"),
        ]
        messages = [f.message for f in found]
        assert "did you mean 'private-practice'?" in messages[0]
        assert "did you mean 'inquest'?" in messages[1]
        assert "did you mean 'dermatology'?" in messages[2]
        assert "did you mean 'declared'?" in messages[3]

    def test_a_value_the_document_declares_is_known(self, tmp_path):
        declared = '\n[vocabulary.value_sets.fields]\nvalues = ["space-medicine"]\n'
        rule = requirement('{ is = { fact = "field", value = "space-medicine" } }')
        path = tmp_path / "scheme.toml"
        path.write_text(HEAD.replace("[scheme]", declared + "\n[scheme]") + cover() + rule)
        assert lint_file(path) == ()


class TestCommandLine:
    def test_exit_codes_and_json(self, tmp_path, capsys):
        clean = tmp_path / "clean.toml"
        clean.write_text(HEAD + cover())
        assert main(["lint", str(clean)]) == 0
        assert "no findings in 1 file" in capsys.readouterr().out
        broken = tmp_path / "broken.toml"
        broken.write_text(HEAD + cover(extra=", verified = false"))
        assert main(["lint", "--json", str(clean), str(broken)]) == 1
        data = json.loads(capsys.readouterr().out)
        assert data["counts"] == {"found": 1, "allowed": 0}
        (item,) = data["findings"]
        assert item["kind"] == "unverified-decides"
        assert item["path"] == "scheme.covers[0]"
        assert item["file"] == str(broken)
        assert item["citation"]["source"] == "brochure"
        assert item["citation"]["verified"] is False
        bad = tmp_path / "bad.toml"
        for text in ('kind = "scheme"\nversion = 1\n', "[[[", HEAD + cover(limit=-1)):
            bad.write_text(text)
            assert main(["lint", str(bad)]) == 2
            assert capsys.readouterr().err.startswith("indemnity: error: ")

    def test_an_allow_list_keeps_findings_with_their_reason(self, tmp_path, capsys):
        broken = tmp_path / "broken.toml"
        broken.write_text(HEAD + cover(extra=", verified = false"))
        allow = tmp_path / "allowed.toml"
        allow.write_text(
            '[[allow]]\nkind = "unverified-decides"\npath = "scheme.covers[*]"\n'
            'reason = "the brochure states it; the operator confirms"\n'
        )
        assert main(["lint", "--allow", str(allow), str(broken)]) == 0
        assert "no findings (1 allowed) in 1 file" in capsys.readouterr().out
        assert main(["lint", "--allow", str(allow), "--show-allowed", str(broken)]) == 0
        assert "allowed: the brochure states it" in capsys.readouterr().out

    def test_an_allow_list_that_is_not_one_is_bad_input(self, tmp_path, capsys):
        allow = tmp_path / "allowed.toml"
        allow.write_text('[[allow]]\nkind = "no-such-kind"\npath = "x"\nreason = "r"\n')
        clean = tmp_path / "clean.toml"
        clean.write_text(HEAD + cover())
        assert main(["lint", "--allow", str(allow), str(clean)]) == 2
        assert "no-such-kind" in capsys.readouterr().err


class TestBuiltInAllowList:
    """The built-in data files are linted with the catalogue's own list; other files are not."""

    NOTE = (
        "65 findings allowed by the built-in allow-list (indemnity/uk/lint-allowed.toml):"
        " --show-allowed prints them with the reasons, --no-allow counts them"
    )

    def built_in_files(self):
        return [str(p) for p in sorted(DATA.glob("*.toml")) + sorted(DATA.glob("people/*.toml"))]

    def test_the_built_in_files_lint_clean_with_one_line_saying_so(self, capsys):
        """The obvious command over the built-in data exits 0, naming the list that kept what."""
        assert main(["lint", *self.built_in_files()]) == 0
        captured = capsys.readouterr()
        assert captured.out == f"{self.NOTE}\nno findings (65 allowed) in 10 files\n"
        assert captured.err == ""
        page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        assert f"```text\n{captured.out}```" in page, "docs/cli.md shows what it prints"

    def test_no_allow_shows_every_finding(self, capsys):
        """--no-allow lints the built-in data as any file: every finding printed, exit 1."""
        assert main(["lint", "--no-allow", *self.built_in_files()]) == 1
        out = capsys.readouterr().out
        assert out.endswith("\n65 findings in 10 files\n")
        findings = [line for line in out.splitlines()[:-1] if not line.startswith(" ")]
        assert len(findings) == 65
        assert "allow-list" not in out

    def test_a_copy_of_a_built_in_file_is_not_filtered(self, tmp_path, capsys):
        """A project's own file, even one named as a data file is, gets no allowance unasked."""
        copy = tmp_path / "corporate.toml"
        copy.write_bytes((DATA / "corporate.toml").read_bytes())
        assert main(["lint", str(copy)]) == 1
        out = capsys.readouterr().out
        assert out.endswith("\n9 findings in 1 file\n")
        assert "allow-list" not in out
        assert main(["lint", str(copy), str(DATA / "corporate.toml")]) == 1
        assert capsys.readouterr().out.endswith(
            " --no-allow counts them\n9 findings (9 allowed) in 2 files\n"
        )

    def test_a_link_to_a_built_in_file_is_one(self, tmp_path, capsys):
        """The catalogue's file reached through a symbolic link is still the catalogue's."""
        link = tmp_path / "corporate.toml"
        link.symlink_to(DATA / "corporate.toml")
        assert main(["lint", str(link)]) == 0
        assert "no findings (9 allowed) in 1 file" in capsys.readouterr().out

    def test_json_counts_what_each_list_allowed(self, capsys):
        """The JSON names each list applied, whether it is the built-in one, and its count."""
        assert main(["lint", "--json", *self.built_in_files()]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["counts"] == {"found": 0, "allowed": 65}
        assert data["allow_lists"] == [
            {"file": "indemnity/uk/lint-allowed.toml", "built_in": True, "allowed": 65}
        ]
        assert all(f["allowed"] for f in data["findings"])
        assert main(["lint", "--json", "--no-allow", *self.built_in_files()]) == 1
        data = json.loads(capsys.readouterr().out)
        assert data["counts"] == {"found": 65, "allowed": 0}
        assert data["allow_lists"] == []

    def test_a_named_list_applies_beside_the_built_in_one(self, tmp_path, capsys):
        """--allow adds a project's list for every file; the built-in one keeps its own files."""
        broken = tmp_path / "broken.toml"
        broken.write_text(HEAD + cover(extra=", verified = false"))
        allow = tmp_path / "allowed.toml"
        allow.write_text(
            '[[allow]]\nkind = "unverified-decides"\npath = "scheme.covers[*]"\n'
            'reason = "the brochure states it"\n'
        )
        corporate = str(DATA / "corporate.toml")
        assert main(["lint", "--json", "--allow", str(allow), str(broken), corporate]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["counts"] == {"found": 0, "allowed": 10}
        assert data["allow_lists"] == [
            {"file": "indemnity/uk/lint-allowed.toml", "built_in": True, "allowed": 9},
            {"file": str(allow), "built_in": False, "allowed": 1},
        ]
        assert main(["lint", "--json", "--allow", str(ALLOWED), corporate]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["allow_lists"] == [
            {"file": "indemnity/uk/lint-allowed.toml", "built_in": True, "allowed": 9}
        ]

    def test_no_allow_and_allow_together_is_a_usage_error(self, capsys):
        """Showing every finding and keeping some cannot both be asked."""
        args = ["lint", "--no-allow", "--allow", str(ALLOWED), str(DATA / "nhs.toml")]
        assert main(args) == 2
        assert "not allowed with argument" in capsys.readouterr().err

    def test_a_stale_built_in_entry_still_warns(self, tmp_path, monkeypatch, capsys):
        """An entry of the built-in list that keeps nothing is reported, naming the list."""
        stale = tmp_path / "lint-allowed.toml"
        stale.write_text(
            ALLOWED.read_text(encoding="utf-8")
            + '\n[[allow]]\nkind = "unknown-name"\nfile = "nhs.toml"\npath = "gone"\n'
            'reason = "fixed since"\n',
            encoding="utf-8",
        )
        monkeypatch.setattr("indemnity.cli.lint.allow_list", lambda: stale)
        assert main(["lint", str(DATA / "nhs.toml")]) == 0
        assert capsys.readouterr().err == (
            "indemnity: warning: the built-in allow-list (indemnity/uk/lint-allowed.toml)"
            " keeps unknown-name at 'gone', which was not found\n"
        )


class TestPatterns:
    def test_one_star_stops_at_a_dot_two_go_on(self):
        finding = Finding(FindingKind.UNVERIFIED_DECIDES, "schemes.mdu.covers[3].requires[0]", "m")
        one = Allowance(FindingKind.UNVERIFIED_DECIDES, "schemes.*.covers[*]", "r")
        two = Allowance(FindingKind.UNVERIFIED_DECIDES, "schemes.mdu.covers[3]**", "r")
        assert not one.allows(finding)
        assert two.allows(finding)


class TestInMemory:
    def test_a_scheme_built_in_code_is_linted_too(self):
        found = lint_scheme(uk.scheme("mps-hee-block"), root="schemes.mps-hee-block")
        assert [(f.kind, f.path) for f in found] == [
            (FindingKind.UNVERIFIED_DECIDES, "schemes.mps-hee-block.covers[8]")
        ]
        assert lint_scheme(uk.scheme("mdu-transitional")) == ()
        found = lint_catalogue(uk.catalogue())
        assert {f.kind for f in found} <= {
            FindingKind.UNVERIFIED_DECIDES,
            FindingKind.EXCLUSION_NEVER_FIRES,
        }
        assert all(f.path.startswith("schemes.") for f in found)


class TestVocabularyData:
    def test_implications_and_places_round_trip_through_a_vocabulary_table(self):
        words = uk.vocabulary()
        table = vocabulary_data(words)
        assert table["implications"] == [
            {
                "fact": "procedure",
                "values": ["refractive-laser-surgery"],
                "then": {"fact": "field", "values": ["ophthalmology"]},
                "source": "mps-hee-block",
                "quote": "ophthalmology (including refractive laser surgery)",
            }
        ]
        assert table["kinds"]["overseas-voluntary-work"]["places"] == ["overseas"]
        again = read_vocabulary(table, sources={s.name: s for s in words.sources})
        assert again.implications == words.implications
        assert again.kind("overseas-voluntary-work").places == ("overseas",)

    def test_an_implication_must_name_declared_facts_and_values(self):
        sets = (ValueSet("colours", ("red", "blue")),)
        facts = (
            Fact("colour", FactType.CHOICE, sets[0]),
            Fact("size", FactType.WHOLE_NUMBER),
            Fact("bright", FactType.YES_NO),
        )
        good = Implication("colour", {"red"}, "bright", {True})
        assert Vocabulary("v", facts, sets, implications=(good,)).implications == (good,)
        with pytest.raises(UnknownNameError, match=r"'Vocabulary.implications\[0\].values'"):
            Vocabulary(
                "v", facts, sets, implications=(Implication("colour", {"rde"}, "bright", {True}),)
            )
        with pytest.raises(InvalidFieldError, match="a yes/no or choice fact"):
            Vocabulary("v", facts, sets, implications=(Implication("size", {1}, "bright", {True}),))
        with pytest.raises(UnknownNameError, match="then_fact"):
            Vocabulary(
                "v", facts, sets, implications=(Implication("colour", {"red"}, "shade", {1}),)
            )
        with pytest.raises(InvalidFieldError, match="a fact other than"):
            Implication("colour", {"red"}, "colour", {"blue"})

    def test_a_kind_s_places_must_be_declared(self):
        with pytest.raises(UnknownNameError, match="places"):
            Vocabulary(
                "v",
                kinds=(ActivityKind("voluntary", places=("abroad",)),),
                jurisdictions=(Jurisdiction("home"),),
            )

    def test_a_document_s_implication_naming_no_fact_is_bad_input(self, tmp_path):
        declared = textwrap.dedent(
            """
            [[vocabulary.implications]]
            fact = "procedur"
            values = ["botox"]
            then = { fact = "field", values = ["cosmetic-aesthetic-medicine"] }
            """
        )
        path = tmp_path / "scheme.toml"
        path.write_text(HEAD.replace("[scheme]", declared + "\n[scheme]") + cover())
        with pytest.raises(FileFormatError, match=r"vocabulary.implications\[0\].fact"):
            lint_file(path)
