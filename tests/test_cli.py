"""The command line, run as a subprocess the way a user types it."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from indemnity import Activity, Portfolio
from indemnity.__main__ import main
from indemnity.files import json_schema, load_portfolio, save
from indemnity.uk.people import PEOPLE, person

ROOT = Path(__file__).resolve().parent.parent
CONSULTANT = ROOT / "indemnity" / "examples" / "people" / "consultant.toml"
CHECK = ["check", "private-practice", "--person", "consultant", "--on", "2025-03-10"]
ASK = "check private-practice --person consultant"
ON = f"{ASK} --on 2025-03-10 --in england"
LOCUM_ASK = "private-practice --person locum --in england"
SPAN = "--from 2020-01-01 --to 2024-01-01"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m indemnity ARGS` and capture what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "indemnity", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        timeout=120,
        check=False,
    )


def ok(*args: str, cwd: Path | None = None) -> str:
    """Run the command line and return its output, asserting it succeeded quietly."""
    done = run(*args, cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def assert_one_line_error(done: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit status 2, exactly one line on stderr starting `indemnity: error:`, no traceback."""
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("indemnity: error: ")
    for word in words:
        assert word in done.stderr


class TestNoArguments:
    """With no arguments, a worked example on the built-in data (the README's quick start)."""

    def test_prints_a_worked_example_about_a_built_in_person(self):
        """A decision with reasons and sources, and a hint of the subcommands."""
        out = ok()
        assert "Dr Aisha Khan" in out
        assert "COVERED: clinical negligence claim from private-practice" in out
        assert "source: " in out
        assert "indemnity people" in out
        assert "indemnity check --help" in out

    def test_json_gives_the_decision(self):
        """--json alone gives the worked example's decision as data."""
        data = json.loads(ok("--json"))
        assert data["decision"]["outcome"] == "covered"

    def test_version(self):
        """--version prints the version and exits 0."""
        assert ok("--version").startswith("indemnity ")

    def test_help_lists_every_command(self):
        """--help names every subcommand."""
        out = ok("--help")
        for command in ("check", "gaps", "timeline", "schemes", "explain", "validate", "people"):
            assert command in out


class TestCheck:
    """`check` asks one question and prints the decision with reasons and sources."""

    def test_a_built_in_person(self):
        """The consultant's declared private practice is covered by the MDU."""
        out = ok(*CHECK, "--in", "england", "--fact", "declared=yes")
        assert "Portfolio of Dr Aisha Khan" in out
        assert "COVERED" in out
        assert "MDU membership" in out

    def test_the_answer_is_the_librarys(self):
        """The command line answers exactly as the library does."""
        data = json.loads(ok(*CHECK, "--in", "england", "--fact", "declared=no", "--json"))
        expected = person("consultant").is_covered(
            Activity.of("private-practice", declared=False),
            __import__("datetime").date(2025, 3, 10),
            "england",
        )
        assert data == {"holder": person("consultant").holder, "decision": expected.to_dict()}

    def test_json_output_matches_the_decision_schema(self):
        """The decision inside --json output is valid against the decision file schema."""
        import jsonschema

        data = json.loads(ok(*CHECK, "--in", "england", "--json"))
        document = {"kind": "decision", "version": 1, "decision": data["decision"]}
        jsonschema.Draft202012Validator(json_schema("decision")).validate(document)

    def test_a_portfolio_file(self, tmp_path):
        """--portfolio reads a file, here in JSON."""
        path = save(load_portfolio(CONSULTANT), tmp_path / "me.json")
        out = ok(*CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england")
        assert "Dr Aisha Khan" in out

    def test_a_claims_made_question_with_a_claim_date(self):
        """The provider's defamation claim inside its policy is covered; later it is not."""
        base = [
            "check",
            "healthcare-services",
            "--person",
            "provider",
            "--on",
            "2022-06-15",
            "--in",
            "england",
            "--matter",
            "defamation",
            "--fact",
            "malicious=no",
            "--fact",
            "by_employee=yes",
        ]
        assert "COVERED" in ok(*base, "--claimed-on", "2024-01-10").splitlines()[1]
        late = json.loads(ok(*base, "--claimed-on", "2027-01-10", "--json"))
        assert late["decision"]["outcome"] == "not-covered"
        open_ = json.loads(ok(*base, "--json"))
        assert open_["decision"]["missing"] == ["claimed_on"]

    def test_loose_spellings_are_accepted(self):
        """Names are read as loosely as the library reads them."""
        out = ok(
            "check", "Private practice", "--person", "consultant", "--on", "2025-03-10",
            "--in", "England", "--fact", "Declared=Yes",
        )  # fmt: skip
        assert out.splitlines()[1].startswith("COVERED")


class TestGapsAndTimeline:
    """`gaps` lists the uncovered stretches; `timeline` shows all and draws SVG."""

    LOCUM = (
        *LOCUM_ASK.split(),
        *["--from", "2020-01-01", "--to", "2025-01-01"],
        *["--fact", "declared=yes", "--fact", "engaged_by=private-employer"],
    )

    def test_gaps_finds_the_month_between_two_mdos(self):
        """The locum's switch from MDDUS to Medical Protection left June 2021 uncovered."""
        out = ok("gaps", *self.LOCUM)
        assert "GAP: incidents 2021-06-01..2021-07-01 (30 days)" in out
        assert "1 gap." in out

    def test_gaps_json(self):
        """--json lists the gaps as stretches, with the question asked."""
        data = json.loads(ok("gaps", *self.LOCUM, "--json"))
        assert data["holder"].startswith("Dr Rhiannon Evans")
        assert [g["incidents"] for g in data["gaps"]] == [
            {"start": "2021-06-01", "end": "2021-07-01"}
        ]
        assert data["undetermined"] == []

    def test_no_gaps(self):
        """A span with cover throughout says so."""
        out = ok("gaps", *self.LOCUM[:6], "2022-01-01", "--to", "2023-01-01", *self.LOCUM[-4:])
        assert "No gaps." in out

    def test_a_claim_horizon_maps_claims_made_cover(self):
        """With --claims-until, the provider's claims after its run-off are a gap."""
        args = (
            "gaps healthcare-services --person provider --in england --matter defamation"
            " --fact malicious=no --fact by_employee=yes --from 2021-04-01 --to 2025-04-01"
            " --claims-until 2030-01-01 --json"
        )
        data = json.loads(ok(*args.split()))
        assert data["claim_horizon"] == "2030-01-01"
        assert any(g["claims"] is not None for g in data["gaps"])

    def test_timeline_draws_an_svg(self, tmp_path):
        """--svg writes an SVG picture that parses as XML."""
        picture = tmp_path / "locum.svg"
        out = ok("timeline", *self.LOCUM, "--svg", str(picture))
        assert "GAP" in out
        assert f"Drawn in {picture}." in out
        root = ET.fromstring(picture.read_text(encoding="utf-8"))  # noqa: S314 - our own file
        assert root.tag.endswith("svg")

    def test_timeline_json(self, tmp_path):
        """--json gives every stretch, and where the picture was drawn."""
        data = json.loads(ok("timeline", *self.LOCUM, "--json"))
        assert [s["outcome"] for s in data["stretches"]] == ["covered", "not-covered", "covered"]
        assert data["svg"] is None


class TestCatalogue:
    """`schemes`, `explain` and `people` show the built-in data."""

    def test_schemes_lists_the_catalogue(self):
        """Every built-in scheme is listed with its key, basis and period in force."""
        out = ok("schemes")
        for key in ("cnst", "cnsgp", "gmpi", "cnoris", "hsc-ni", "mdu", "mduconnect"):
            assert f"\n{key} " in out
        assert "claims-made" in out

    def test_schemes_json(self):
        """--json gives one entry per scheme."""
        data = json.loads(ok("schemes", "--json"))
        keys = [s["key"] for s in data["schemes"]]
        assert "cnst" in keys
        assert set(data["schemes"][0]) >= {"key", "name", "basis", "in_force", "source"}

    def test_explain_prints_a_schemes_rules_with_sources(self):
        """explain KEY prints the covers, exclusions and their sources."""
        out = ok("explain", "cnst")
        assert out.startswith("Clinical Negligence Scheme for Trusts (CNST) [cnst]")
        assert "source:" in out

    def test_explain_json_is_the_scheme_file_form(self):
        """--json gives the scheme as a scheme file holds it."""
        data = json.loads(ok("explain", "mduconnect", "--json"))
        assert data["scheme"]["basis"] == "claims-made"

    def test_explain_a_scheme_file(self, tmp_path):
        """explain also reads a scheme file."""
        path = save(person("consultant").memberships[0].scheme, tmp_path / "mine.yaml")
        assert ok("explain", str(path)).startswith("Clinical Negligence Scheme for Trusts")

    def test_people_lists_the_built_in_people(self):
        """Each built-in person is listed with their memberships."""
        out = ok("people")
        for name in PEOPLE:
            assert out.count(f"\n{name} ") + out.startswith(f"{name} ") == 1
        assert "MDU membership [mdu, 2012-08-01..]" in out

    def test_people_json(self):
        """--json gives each person's portfolio in the file form, naming schemes by key."""
        data = json.loads(ok("people", "--json"))
        assert [p["name"] for p in data["people"]] == list(PEOPLE)
        first = data["people"][0]["portfolio"]["memberships"][0]
        assert first["scheme"] == "cnst"


class TestValidate:
    """`validate FILE` says what a good file holds, and names the problem in a bad one."""

    def test_a_good_file(self):
        """A valid file gets one line: its kind, version and a summary."""
        out = ok("validate", str(CONSULTANT))
        assert out == (
            f"{CONSULTANT}: a valid portfolio file (format version 1): "
            "Dr Aisha Khan, consultant anaesthetist with private practice, 2 memberships\n"
        )

    def test_json(self, tmp_path):
        """--json reports the kind and summary for tools."""
        decision = person("locum").is_covered(
            Activity.of("good-samaritan"), __import__("datetime").date(2024, 1, 1), "wales"
        )
        path = save(decision, tmp_path / "d.yaml")
        data = json.loads(ok("validate", str(path), "--json"))
        assert data == {
            "file": str(path),
            "valid": True,
            "kind": "decision",
            "version": 1,
            "summary": f"{decision.outcome.value}: 2024-01-01",
        }

    def test_a_file_the_user_wrote(self, tmp_path):
        """A portfolio written by hand with the user's own scheme validates and answers."""
        mine = save(Portfolio((), "Dr Me"), tmp_path / "me.toml")
        assert "a valid portfolio file" in ok("validate", str(mine))


BAD_PORTFOLIO = """kind = "portfolio"
version = 1

[portfolio]
holder = "Dr A"

[[portfolio.memberships]]
scheme = "cnst"
period = { start = 2019-08-07 }

[[portfolio.memberships]]
scheme = "mdu"
period = { start = 2019-08-07 }

[[portfolio.memberships]]
scheme = "mddus"
period = { start = 2020-01-01, end = 2019-01-01 }
"""


class TestBadInput:
    """Bad input prints one line on stderr and exits 2, never a traceback."""

    @pytest.mark.parametrize(
        ("args", "words"),
        [
            (f"{ASK} --on 2025-02-30 --in england", ["--on", "'2025-02-30' is not a date"]),
            (f"{ASK} --on 10/03/2025 --in england", ["YYYY-MM-DD"]),
            (f"{ASK} --on 2025-03-10 --in engand", ["did you mean 'england'"]),
            (f"{ON} --claimed-on 2025-13-01", ["--claimed-on"]),
            (f"{ON} --claimed-on 2024-01-01", ["claimed_on", "on or after the incident date"]),
            (f"{ON} --matter gossip", ["--matter"]),
            (f"{ON} --fact supervised", ["NAME=VALUE"]),
            (f"{ON} --fact supervisd=yes", ["did you mean 'supervised'"]),
            (f"{ON} --fact supervised=maybe", ["yes or no"]),
            (f"{ON} --fact private_earnings=lots", ["whole number"]),
            (f"{ON} --fact field=knitting", ["field"]),
            (f"{ON} --fact declared=yes --fact declared=no", ["given twice"]),
            ("check privat --person consultant --on 2025-03-10 --in wales", ["KIND"]),
            (
                "check private-practice --person consulant --on 2025-03-10 --in wales",
                ["consultant"],
            ),
            ("check private-practice --on 2025-03-10 --in wales", ["--person", "--portfolio"]),
            (f"{ON} --portfolio x.toml", ["not allowed"]),
            (f"{ASK} --on 2025-03-10", ["--in"]),
            ("explain cnts", ["did you mean 'cnst'"]),
            ("explain missing.toml", ["missing.toml", "No such file"]),
            ("validate missing.json", ["missing.json", "No such file"]),
            ("validate README.md", ["README.md", ".toml"]),
            ("frobnicate", ["invalid choice"]),
            (f"gaps {LOCUM_ASK} --from 2025-01-01 --to 2024-01-01", ["--to must be after --from"]),
            (f"gaps {LOCUM_ASK} {SPAN} --claims-until 2023-01-01", ["--claims-until"]),
            (f"timeline {LOCUM_ASK} {SPAN} --svg /no/such/dir/x.svg", ["/no/such/dir/x.svg"]),
            ("people --bogus", ["unrecognized arguments"]),
        ],
    )
    def test_bad_arguments(self, args, words):
        """Each bad argument is named in one line, with exit status 2."""
        assert_one_line_error(run(*args.split()), *words)

    def test_a_missing_portfolio_file(self, tmp_path):
        """A portfolio file that is not there is named."""
        done = run(*CHECK[:2], "--portfolio", "nope.toml", "--on", "2025-03-10", "--in", "wales")
        assert_one_line_error(done, "nope.toml", "No such file or directory")

    def test_a_malformed_file(self, tmp_path):
        """A file that does not parse is named with the line of the problem."""
        path = tmp_path / "broken.toml"
        path.write_text('kind = "portfolio"\nversion = \n', encoding="utf-8")
        assert_one_line_error(run("validate", str(path)), "broken.toml", "not valid TOML", "line 2")

    def test_a_bad_field_names_the_path_inside_the_file(self, tmp_path):
        """A bad value deep in a file is named by its path: portfolio.memberships[2].period.end."""
        path = tmp_path / "people.toml"
        path.write_text(BAD_PORTFOLIO, encoding="utf-8")
        done = run("validate", str(path))
        assert_one_line_error(done, "people.toml", "'portfolio.memberships[2].period.end'")
        done = run(*CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england")
        assert_one_line_error(done, "'portfolio.memberships[2].period.end' must be after 'start'")

    def test_an_unknown_scheme_in_a_file(self, tmp_path):
        """A membership naming no known scheme suggests the nearest key."""
        path = tmp_path / "p.toml"
        path.write_text(BAD_PORTFOLIO.replace('"mdu"', '"mdx"'), encoding="utf-8")
        assert_one_line_error(
            run("validate", str(path)), "'portfolio.memberships[1].scheme'", "did you mean 'mdu'"
        )

    def test_the_wrong_kind_of_file(self, tmp_path):
        """A scheme file given as a portfolio says what it expected."""
        path = save(person("consultant").memberships[0].scheme, tmp_path / "s.json")
        done = run(*CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england")
        assert_one_line_error(done, "expected a portfolio document, got 'scheme'")

    def test_binary_garbage(self, tmp_path):
        """Random bytes in a .yaml file are refused in one line."""
        path = tmp_path / "junk.yaml"
        path.write_bytes(bytes(range(256)))
        assert_one_line_error(run("validate", str(path)), "junk.yaml")

    def test_json_output_does_not_change_errors(self):
        """With --json, errors still go to stderr in one line and stdout stays empty."""
        done = run(*CHECK, "--in", "atlantis", "--json")
        assert_one_line_error(done, "atlantis")
        assert done.stdout == ""


class TestInProcess:
    """`main(argv)` returns the exit status, for use from Python and the docs."""

    def test_main_returns_zero_and_prints(self, capsys):
        """A good command returns 0 and prints on stdout."""
        assert main(["schemes"]) == 0
        assert "cnst" in capsys.readouterr().out

    def test_main_returns_two_on_bad_input(self, capsys):
        """A bad command returns 2 with one line on stderr, and raises nothing."""
        assert main(["check", "nothing"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert err.startswith("indemnity: error: ")

    def test_help_returns_zero(self, capsys):
        """--help prints usage and returns 0 instead of exiting."""
        assert main(["check", "--help"]) == 0
        assert "--fact NAME=VALUE" in capsys.readouterr().out
