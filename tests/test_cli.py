"""The command line, run in-process through `indemnity.cli.main`; as a process where it must."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from indemnity import Activity, Period, Portfolio, Timeline, to_data, uk
from indemnity.cli import main
from indemnity.io.codec import Context, from_data
from indemnity.io.documents import dumps, json_schema, load_portfolio, save
from indemnity.model.terms import FactType
from indemnity.rules.scheme import Scheme
from tests.builders import ON, D

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "indemnity" / "uk" / "data"
CONSULTANT = uk.person_file("consultant")
CHECK = ["check", "private-practice", "--person", "consultant", "--on", "2025-03-10"]
ASK = "check private-practice --person consultant"
ON_ARGS = f"{ASK} --on 2025-03-10 --in england"
LOCUM_ASK = "private-practice --person locum --in england"
SPAN = "--from 2020-01-01 --to 2024-01-01"
LOCUM = (
    *LOCUM_ASK.split(),
    *["--from", "2020-01-01", "--to", "2025-01-01"],
    *["--fact", "declared=yes", "--fact", "engaged_by=private-employer"],
)


@dataclass(frozen=True)
class Done:
    """What one run of the command line returned and printed."""

    status: int
    out: str
    err: str


Run = Callable[..., Done]


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run `indemnity.cli.main(ARGS)` in this process and capture what it prints."""

    def run(*args: str) -> Done:
        status = main(list(args))
        captured = capsys.readouterr()
        return Done(status, captured.out, captured.err)

    return run


@pytest.fixture
def ok(cli: Run) -> Callable[..., str]:
    """Run the command line and return its output, asserting it succeeded quietly."""

    def run(*args: str) -> str:
        done = cli(*args)
        assert done.status == 0, done.err
        assert done.err == ""
        return done.out

    return run


@pytest.fixture
def fails(cli: Run) -> Callable[..., Done]:
    """Run the command line, asserting it failed as bad input does, naming every word given."""

    def run(*args: str, words: tuple[str, ...] = ()) -> Done:
        done = cli(*args)
        assert_one_line_error(done, *words)
        return done

    return run


def assert_one_line_error(done: Done, *words: str) -> None:
    """Exit status 2, exactly one line on stderr starting `indemnity: error:`, no traceback."""
    assert done.status == 2, (done.out, done.err)
    assert "Traceback" not in done.err
    assert done.err.count("\n") == 1, done.err
    assert done.err.endswith("\n")
    assert done.err.startswith("indemnity: error: ")
    for word in words:
        assert word in done.err


def process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m indemnity ARGS` as a user does, capturing what it prints."""
    return subprocess.run(
        [sys.executable, "-m", "indemnity", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd or ROOT,
        timeout=120,
        check=False,
    )


def locum_timeline(claim_horizon: object = None) -> Timeline:
    """The library's own timeline of the locum's declared private work, 2020 to 2025."""
    return Timeline.of(
        uk.person("locum"),
        Activity.of("private-practice", declared=True, engaged_by="private-employer"),
        "england",
        Period(D(2020, 1, 1), D(2025, 1, 1)),
        claim_horizon=claim_horizon,
    )


class TestAsAProcess:
    """The few things only a real process shows: the module, the console script, a closed pipe."""

    def test_python_dash_m_with_no_arguments_prints_the_worked_example(self):
        """`python -m indemnity` prints a decision with reasons and sources, and the commands."""
        done = process()
        assert done.returncode == 0, done.stderr
        assert done.stderr == ""
        assert "Dr Aisha Khan" in done.stdout
        assert "COVERED: clinical negligence claim from private-practice" in done.stdout
        assert "source: " in done.stdout
        assert "indemnity people" in done.stdout
        assert "indemnity words" in done.stdout
        assert "indemnity check --help" in done.stdout

    def test_the_console_script_is_installed_and_runs(self):
        """The `indemnity` console script is declared, points at the command line, and runs."""
        (script,) = [e for e in entry_points(group="console_scripts") if e.name == "indemnity"]
        assert script.load() is main
        path = shutil.which("indemnity", path=str(Path(sys.executable).parent))
        assert path is not None
        done = subprocess.run(
            [path, "--version"], capture_output=True, text=True, timeout=120, check=False
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("indemnity ")

    @pytest.mark.parametrize("args", [[], ["people"], ["words", "--json"], ["schemes"]])
    def test_a_broken_pipe_is_quiet(self, args):
        """Output into a pipe nobody reads (`indemnity people | head -0`) ends without a word."""
        read, write = os.pipe()
        os.close(read)
        try:
            done = subprocess.run(
                [sys.executable, "-m", "indemnity", *args],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                cwd=ROOT,
                timeout=120,
                check=False,
            )
        finally:
            os.close(write)
        assert done.stderr == ""
        assert done.returncode == 1


class TestNoArguments:
    """With no arguments, a worked example on the built-in data (the README's quick start)."""

    def test_prints_a_worked_example_about_a_built_in_person(self, ok):
        """A decision with reasons and sources, and a hint of the subcommands."""
        out = ok()
        assert "Dr Aisha Khan" in out
        assert "COVERED: clinical negligence claim from private-practice" in out
        assert "source: " in out
        assert "indemnity people" in out
        assert "indemnity check --help" in out
        assert "indemnity ask --help" in out

    def test_json_gives_the_decision(self, ok):
        """--json alone gives the worked example's decision, in the codec's shape."""
        data = json.loads(ok("--json"))
        expected = uk.person("consultant").is_covered(
            Activity.of("private-practice", declared=True), ON, "england"
        )
        assert data == {"holder": uk.person("consultant").holder, "decision": to_data(expected)}
        assert data["decision"]["outcome"] == "covered"

    def test_version(self, ok):
        """--version prints the version and exits 0."""
        assert ok("--version").startswith("indemnity ")

    def test_help_lists_every_command(self, ok):
        """--help names every subcommand."""
        out = ok("--help")
        for command in (
            "check",
            "gaps",
            "timeline",
            "schemes",
            "explain",
            "words",
            "validate",
            "people",
        ):
            assert command in out


class TestCheck:
    """`check` asks one question and prints the decision with reasons and sources."""

    def test_a_built_in_person(self, ok):
        """The consultant's declared private practice is covered by the MDU."""
        out = ok(*CHECK, "--in", "england", "--fact", "declared=yes")
        assert "Portfolio of Dr Aisha Khan" in out
        assert "COVERED" in out
        assert "MDU membership" in out

    def test_the_answer_is_the_librarys(self, ok):
        """The command line answers exactly as the library does, in the codec's shape."""
        data = json.loads(ok(*CHECK, "--in", "england", "--fact", "declared=no", "--json"))
        expected = uk.person("consultant").is_covered(
            Activity.of("private-practice", declared=False), D(2025, 3, 10), "england"
        )
        assert data == {"holder": uk.person("consultant").holder, "decision": to_data(expected)}

    def test_json_output_matches_the_decision_schema(self, ok):
        """The decision inside --json output is valid against the decision file schema."""
        data = json.loads(ok(*CHECK, "--in", "england", "--json"))
        document = {"kind": "decision", "version": 1, "decision": data["decision"]}
        jsonschema.Draft202012Validator(json_schema("decision")).validate(document)

    def test_a_portfolio_file(self, ok, tmp_path):
        """--portfolio reads a file, here in JSON."""
        path = save(load_portfolio(CONSULTANT), tmp_path / "me.json")
        out = ok(*CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england")
        assert "Dr Aisha Khan" in out

    def test_a_claims_made_question_with_a_claim_date(self, ok):
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
        notified = ok(*base, "--claimed-on", "2027-01-10", "--notified-on", "2024-05-01")
        assert notified.splitlines()[1].startswith("COVERED")
        assert "notified on 2024-05-01" in notified.splitlines()[1]

    def test_loose_spellings_are_accepted(self, ok):
        """Names are read as loosely as the library reads them."""
        out = ok(
            "check", "Private practice", "--person", "consultant", "--on", "2025-03-10",
            "--in", "England", "--fact", "Declared=Yes",
        )  # fmt: skip
        assert out.splitlines()[1].startswith("COVERED")


OWN_WORDS = """kind = "portfolio"
version = 1

[vocabulary.value_sets.wards]
values = ["north-ward", "south-ward"]

[vocabulary.facts.own_fact]
type = "yes-no"
question = "Is the work done under the clinic's own protocol?"

[vocabulary.facts.ward]
type = "choice"
values = "wards"
question = "Which ward is it on?"

[portfolio]
holder = "Dr Own"

[[portfolio.memberships]]
scheme = "own-scheme"
period = { start = 2020-01-01 }

[[schemes]]
key = "own-scheme"
name = "Own clinic scheme"
operator = "Own Clinic Ltd"
kind = "contractual-insurance"
basis = "occurrence"
source = { source = "mps-imgs-2023", quote = "Medical defence organisations" }

[[schemes.covers]]
name = "own protocol work"
matters = ["clinical-negligence"]
activities = ["private-practice"]
territory = ["uk"]
source = { source = "mps-imgs-2023" }

[[schemes.covers.requires]]
condition = { is = { fact = "own_fact", value = true } }
reason = "the work follows the clinic's own protocol"
source = { source = "mps-imgs-2023" }
"""


WALES = ["ask", "--person", "locum", "private-practice", "--in", "wales"]
WALES_ON = [*WALES, "--on", "2025-03-10"]


class _Terminal(io.StringIO):
    """Answers typed at a terminal: the terminal echoes them, so the interview does not."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Script the answers `indemnity ask` reads from stdin, one a line."""

    def give(*lines: str, terminal: bool = False) -> None:
        text = "".join(f"{line}\n" for line in lines)
        monkeypatch.setattr(sys, "stdin", _Terminal(text) if terminal else io.StringIO(text))

    return give


def _held_now(folder: Path) -> Path:
    """A portfolio file holding the MDU from 2025-01-01, or earlier."""
    path = folder / "held-now.toml"
    path.write_text(
        'kind = "portfolio"\nversion = 1\n\n[portfolio]\nholder = "Dr Rhys Evans"\n\n'
        '[[portfolio.memberships]]\nscheme = "mdu"\nperiod = { start = 2025-01-01 }\n'
        "start_known = false\n",
        "utf-8",
    )
    return path


def _fewest(decision: Any, world: dict[str, object]) -> int:
    """The fewest facts of `world` that settle `decision`: no interview can ask fewer."""
    return min(
        len(s.given)
        for s in decision.settling
        if all(v.fact.name in world and world[v.fact.name] in v for v in s.given)
    )


class TestAsk:
    """`indemnity ask` asks one question at a time, only what settles the answer."""

    def test_the_locum_in_wales_is_settled_in_the_fewest_questions(self, ok, answers):
        """Declared? no. Who engaged? self. Two questions settle it: no answers settle it in one."""
        answers("no", "self")
        out = ok(*WALES_ON)
        assert out.count("Answer ") == 2
        assert "1. Was the work declared to the indemnity provider?" in out
        assert "2. Who engaged the doctor for this work?" in out
        assert "Settled after 2 questions." in out
        assert "NOT COVERED: clinical negligence claim from private-practice" in out
        first = uk.person("locum").is_covered(Activity.of("private-practice"), ON, "wales")
        assert _fewest(first, {"declared": False, "engaged_by": "self"}) == 2

    def test_the_issues_command_without_a_date_asks_about_today(self, cli, tmp_path):
        """`indemnity ask --person locum private-practice --in wales` settles in two questions."""
        script = tmp_path / "answers.txt"
        script.write_text("# the locum's answers\ndeclared=no\nengaged_by=self\n", "utf-8")
        done = cli(*WALES, "--answers", str(script), "--json")
        assert done.status == 0
        assert done.err.count("Enter for don't know") == 2
        data = json.loads(done.out)
        assert [a["fact"] for a in data["asked"]] == ["declared", "engaged_by"]
        assert [a["answer"] for a in data["asked"]] == [False, "self"]
        assert data["decision"]["outcome"] == "not-covered"
        assert data["decision"]["question"]["on"] == dt.date.today().isoformat()

    def test_every_world_is_settled_asking_each_fact_at_most_once(self, cli, tmp_path):
        """Whatever the true answers, the interview settles it, never asking more than it must.

        It asks each fact at most once, only facts that are missing, and, once
        the work is declared (covered at once), never more than two questions.
        """
        first = uk.person("locum").is_covered(Activity.of("private-practice"), ON, "wales")
        facts = sorted(first.missing, key=lambda f: f.name)
        choices = [list(f.values.values) if f.values is not None else [True, False] for f in facts]
        script = tmp_path / "answers.txt"
        for values in itertools.product(*choices):
            world = dict(zip((f.name for f in facts), values, strict=True))
            lines = [
                f"{k}={'yes' if v is True else 'no' if v is False else v}" for k, v in world.items()
            ]
            script.write_text("\n".join(lines), "utf-8")
            done = cli(*WALES_ON, "--answers", str(script), "--json")
            data = json.loads(done.out)
            asked = [a["fact"] for a in data["asked"]]
            assert data["decision"]["outcome"] != "undetermined", world
            assert len(asked) == len(set(asked)) <= len(facts)
            assert len(asked) >= _fewest(first, world)
            if world["declared"]:
                assert asked == ["declared"]

    def test_one_answer_can_settle_it(self, ok, answers):
        """Declared work is covered by the MDO: one question."""
        answers("yes")
        out = ok(*WALES_ON)
        assert "Settled after 1 question." in out
        assert "COVERED: clinical negligence claim" in out

    def test_each_question_says_where_each_answer_leads(self, ok, answers):
        """The values an answer may take, and what each leads to, are shown before it."""
        answers("yes")
        out = ok(*WALES_ON)
        assert "   yes -> covered; no -> still open\n" in out
        assert "   Answer yes or no; Enter for don't know: yes\n" in out

    def test_dont_know_moves_on_until_nothing_more_can_be_asked(self, ok, answers):
        """Enter means don't know: that fact is not asked again, nor facts only it would help."""
        answers("", "", "", "", "", "")
        out = ok(*WALES_ON)
        assert "Still undetermined after" in out
        assert "nothing more can be asked" in out
        assert out.count(". Was the work declared") == 1
        assert "Enter for don't know: don't know" in out
        assert "UNDETERMINED: clinical negligence claim" in out

    def test_no_more_answers_ends_the_interview(self, ok, answers):
        """At the end of the input the interview stops and prints the decision."""
        answers("no")
        out = ok(*WALES_ON)
        assert "(no more answers)" in out
        assert "Still undetermined after 1 question" in out

    def test_settled_by_the_facts_given(self, ok, answers):
        """With the facts given on the command line, nothing is asked."""
        answers()
        out = ok(*WALES_ON, "--fact", "declared=yes")
        assert "Answer " not in out
        assert "Settled by what was given." in out

    def test_a_bad_answer_from_a_script_is_bad_input(self, fails, answers):
        """A script's answer that is no value of the fact fails, naming the fact."""
        answers("perhaps")
        fails(*WALES_ON, words=("declared", "perhaps"))

    def test_a_bad_answer_at_a_terminal_is_asked_again(self, ok, answers):
        """At a terminal, a bad answer is refused and the question asked again."""
        answers("perhaps", "yes", terminal=True)
        out = ok(*WALES_ON)
        assert "try again" in out
        assert out.count("1. Was the work declared") == 2
        assert "Settled after 1 question." in out

    def test_an_answers_file_naming_no_fact_is_refused(self, fails, tmp_path):
        """A misspelt fact in the answers file is refused, not ignored."""
        script = tmp_path / "answers.txt"
        script.write_text("declard=yes\n", "utf-8")
        fails(*WALES_ON, "--answers", str(script), words=("declard",))

    def test_a_bad_value_in_the_answers_file_is_refused_even_at_a_terminal(
        self, fails, answers, tmp_path
    ):
        """A file's bad answer cannot be asked again: it is bad input."""
        answers(terminal=True)
        script = tmp_path / "answers.txt"
        script.write_text("declared=perhaps\n", "utf-8")
        fails(*WALES_ON, "--answers", str(script), words=("declared", "perhaps"))

    def test_an_answers_file_line_without_a_value_is_refused(self, fails, tmp_path):
        """Each line of the answers file is NAME=VALUE."""
        script = tmp_path / "answers.txt"
        script.write_text("declared\n", "utf-8")
        fails(*WALES_ON, "--answers", str(script), words=("NAME=VALUE",))

    def test_the_claim_date_is_asked_like_a_fact(self, ok, answers):
        """Claims-made cover asks the claim date, and a claim in the window is covered."""
        answers("no", "2024-01-10")
        out = ok(
            "ask",
            "healthcare-services",
            "--person",
            "provider",
            "--on",
            "2022-06-15",
            "--in",
            "england",
            "--matter",
            "defamation",
        )
        assert "2. On what date is the claim first made?" in out
        assert "before 2026-04-01 -> covered; on or after 2026-04-01 -> not covered" in out
        assert (
            "COVERED: defamation from healthcare-services on 2022-06-15 in England, claimed on"
            in out
        )

    def test_a_claim_before_the_incident_is_refused(self, fails, answers):
        """The claim date cannot come before the incident."""
        answers("2020-01-01")
        fails(
            "ask",
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
            words=("claim date", "2022-06-15"),
        )

    @pytest.mark.parametrize(
        ("began", "outcome"), [("2010-03-01", "COVERED"), ("2016-01-01", "NOT COVERED")]
    )
    def test_a_membership_held_now_is_asked_when_it_began(
        self, ok, answers, tmp_path, began, outcome
    ):
        """A file says "held from 2025, or earlier"; the interview asks when it began."""
        answers(began)
        out = ok(
            "ask",
            "good-samaritan",
            "--portfolio",
            str(_held_now(tmp_path)),
            "--on",
            "2015-06-01",
            "--in",
            "wales",
        )
        assert "1. On what date did you begin to hold the membership whose start is unknown?" in out
        assert "before 2015-06-02 -> covered; on or after 2015-06-02 -> not covered" in out
        assert "Settled after 1 question." in out
        assert f"{outcome}: clinical negligence claim from good-samaritan" in out

    def test_held_since_from_an_answers_file_and_after_the_known_date_refused(
        self, cli, fails, tmp_path
    ):
        """An answers file may give held_since; a start after the known date is refused."""
        script = tmp_path / "answers.txt"
        script.write_text("held_since=2010-03-01\n", "utf-8")
        args = ("ask", "good-samaritan", "--portfolio", str(_held_now(tmp_path)))
        args += ("--on", "2015-06-01", "--in", "wales")
        done = cli(*args, "--answers", str(script), "--json")
        assert done.status == 0, done.err
        data = json.loads(done.out)
        assert data["asked"] == [
            {
                "fact": "held_since",
                "question": (
                    "On what date did you begin to hold the membership whose start is unknown?"
                ),
                "answer": "2010-03-01",
            }
        ]
        assert data["decision"]["outcome"] == "covered"
        script.write_text("held_since=2025-06-01\n", "utf-8")
        fails(*args, "--answers", str(script), words=("2025-01-01",))

    def test_check_says_ask_next_when_it_began(self, ok, tmp_path):
        """`check` shows the open answer and which start date leads where."""
        out = ok(
            "check",
            "good-samaritan",
            "--portfolio",
            str(_held_now(tmp_path)),
            "--on",
            "2015-06-01",
            "--in",
            "wales",
        )
        assert "UNDETERMINED" in out
        assert "held from 2025-01-01 or earlier, its start unknown" in out
        assert "Ask next: On what date did you begin to hold the membership" in out

    def test_json_puts_the_questions_on_stderr(self, cli, answers):
        """With --json, stdout holds only the JSON: what was asked and the decision."""
        answers("no", "self")
        done = cli(*WALES_ON, "--json")
        assert done.status == 0
        data = json.loads(done.out)
        assert list(data) == ["holder", "asked", "decision"]
        assert data["asked"][0] == {
            "fact": "declared",
            "question": "Was the work declared to the indemnity provider?",
            "answer": False,
        }
        assert "1. Was the work declared" in done.err


class TestFactsAreReadInThePortfoliosVocabulary:
    """`--fact` names and values are checked against the vocabulary of the portfolio asked about."""

    @pytest.fixture
    def own(self, tmp_path):
        """A portfolio file declaring its own facts in a [vocabulary] table; its scheme uses one."""
        path = tmp_path / "own.toml"
        path.write_text(OWN_WORDS, encoding="utf-8")
        return ["check", "private-practice", "--portfolio", str(path), "--on", "2025-03-10"]

    def test_a_fact_the_file_declares_answers_the_question(self, ok, own):
        """The file's own fact, given on the command line, settles its scheme's requirement."""
        assert (
            ok(*own, "--in", "england", "--fact", "own_fact=yes")
            .splitlines()[1]
            .startswith("COVERED")
        )
        assert (
            ok(*own, "--in", "england", "--fact", "own_fact=no")
            .splitlines()[1]
            .startswith("NOT COVERED")
        )

    def test_without_the_fact_the_answer_names_it(self, ok, own):
        """Left out, the file's own fact is the one the answer waits for."""
        data = json.loads(ok(*own, "--in", "england", "--json"))
        assert data["decision"]["outcome"] == "undetermined"
        assert data["decision"]["missing"] == ["own_fact"]

    def test_a_declared_fact_is_checked_by_its_type(self, fails, own):
        """A yes-no fact the file declares takes only yes or no."""
        fails(*own, "--in", "england", "--fact", "own_fact=maybe", words=("own_fact", "yes or no"))

    def test_a_bad_value_of_a_declared_choice_lists_the_files_values(self, fails, own):
        """A value outside the file's own value set is refused, listing the values it accepts."""
        fails(
            *own,
            "--in",
            "england",
            "--fact",
            "ward=east-ward",
            words=("ward", "'north-ward'", "'south-ward'", "'east-ward'"),
        )

    def test_a_bad_value_lists_the_accepted_ones(self, fails):
        """A value outside a UK value set is refused, listing every value the fact accepts."""
        accepted = uk.vocabulary().fact("engaged_by").values
        assert accepted is not None
        done = fails(*ON_ARGS.split(), "--fact", "engaged_by=nobody")
        for value in accepted.values:
            assert repr(value) in done.err

    def test_a_built_in_person_knows_no_fact_of_the_file(self, fails):
        """The UK vocabulary of a built-in person has no `own_fact`."""
        fails(*ON_ARGS.split(), "--fact", "own_fact=yes", words=("--fact", "'own_fact'"))


class TestGapsAndTimeline:
    """`gaps` lists the uncovered stretches; `timeline` shows all and draws SVG."""

    def test_gaps_finds_the_month_between_two_mdos(self, ok):
        """The locum's switch from MDDUS to Medical Protection left June 2021 uncovered."""
        out = ok("gaps", *LOCUM)
        assert "GAP: incidents 2021-06-01 to 2021-06-30 (30 days)" in out
        assert "1 gap." in out

    def test_gaps_json(self, ok):
        """--json lists the gaps as stretches, with the question asked."""
        data = json.loads(ok("gaps", *LOCUM, "--json"))
        assert data["holder"].startswith("Dr Rhiannon Evans")
        assert [g["incidents"] for g in data["gaps"]] == [
            {"start": "2021-06-01", "end": "2021-07-01"}
        ]
        assert data["undetermined"] == []

    def test_gaps_json_is_the_librarys_timeline_in_the_codecs_shapes(self, ok):
        """--json gives the timeline's question and its gaps exactly as `to_data` writes them."""
        data = json.loads(ok("gaps", *LOCUM, "--json"))
        line = locum_timeline()
        question = {k: v for k, v in to_data(line).items() if k != "stretches"}
        assert data == {
            **question,
            "gaps": [to_data(s) for s in line.gaps],
            "undetermined": [to_data(s) for s in line.undetermined],
        }

    def test_no_gaps(self, ok):
        """A span with cover throughout says so."""
        out = ok("gaps", *LOCUM[:6], "2022-01-01", "--to", "2023-01-01", *LOCUM[-4:])
        assert "No gaps." in out

    def test_a_claim_horizon_maps_claims_made_cover(self, ok):
        """With --claims-until, the provider's claims after its run-off are a gap."""
        args = (
            "gaps healthcare-services --person provider --in england --matter defamation"
            " --fact malicious=no --fact by_employee=yes --from 2021-04-01 --to 2025-04-01"
            " --claims-until 2030-01-01 --json"
        )
        data = json.loads(ok(*args.split()))
        assert data["claim_horizon"] == "2030-01-01"
        assert any(g["claims"] is not None for g in data["gaps"])

    def test_timeline_draws_an_svg(self, ok, tmp_path):
        """--svg writes an SVG picture that parses as XML."""
        picture = tmp_path / "locum.svg"
        out = ok("timeline", *LOCUM, "--svg", str(picture))
        assert "GAP" in out
        assert f"Drawn in {picture}." in out
        root = ET.fromstring(picture.read_text(encoding="utf-8"))  # noqa: S314 - our own file
        assert root.tag.endswith("svg")

    def test_timeline_json(self, ok):
        """--json gives every stretch, and where the picture was drawn."""
        data = json.loads(ok("timeline", *LOCUM, "--json"))
        assert [s["outcome"] for s in data["stretches"]] == ["covered", "not-covered", "covered"]
        assert data["svg"] is None

    def test_timeline_json_is_the_librarys_timeline_in_the_codecs_shape(self, ok, tmp_path):
        """--json is `to_data` of the library's timeline, with the picture's path."""
        picture = tmp_path / "locum.svg"
        data = json.loads(ok("timeline", *LOCUM, "--svg", str(picture), "--json"))
        assert data == {**to_data(locum_timeline()), "svg": str(picture)}


class TestCatalogue:
    """`schemes`, `explain` and `people` show the built-in data."""

    def test_schemes_lists_the_catalogue(self, ok):
        """Every built-in scheme is listed with its key, basis and period in force."""
        out = ok("schemes")
        for key in ("cnst", "cnsgp", "gmpi", "cnoris", "hsc-ni", "mdu", "mduconnect"):
            assert f"\n{key} " in out
        assert "claims-made" in out

    def test_schemes_json(self, ok):
        """--json gives one entry per scheme, its source a citation in the codec's shape."""
        data = json.loads(ok("schemes", "--json"))
        keys = [s["key"] for s in data["schemes"]]
        assert "cnst" in keys
        assert set(data["schemes"][0]) >= {"key", "name", "basis", "in_force", "source"}
        cnst = data["schemes"][keys.index("cnst")]
        assert cnst["source"] == to_data(uk.scheme("cnst").source)

    def test_explain_prints_a_schemes_rules_with_sources(self, ok):
        """explain KEY prints the covers, exclusions and their sources."""
        out = ok("explain", "cnst")
        assert out.startswith("Clinical Negligence Scheme for Trusts (CNST) [cnst]")
        assert "source:" in out

    def test_explain_json_is_the_scheme_file_form(self, ok):
        """--json gives the scheme as a scheme file holds it, and reads back as the same scheme."""
        data = json.loads(ok("explain", "mduconnect", "--json"))
        assert data["scheme"]["basis"] == "claims-made"
        scheme = uk.scheme("mduconnect")
        context = Context(vocabulary=scheme.vocabulary)
        assert from_data(Scheme, data["scheme"], context=context) == scheme

    def test_explain_a_scheme_file(self, ok, tmp_path):
        """explain also reads a scheme file."""
        path = save(uk.person("consultant").memberships[0].scheme, tmp_path / "mine.yaml")
        assert ok("explain", str(path)).startswith("Clinical Negligence Scheme for Trusts")

    def test_people_lists_the_built_in_people(self, ok):
        """Each built-in person is listed with their memberships."""
        out = ok("people")
        for name in uk.PEOPLE:
            assert out.count(f"\n{name} ") + out.startswith(f"{name} ") == 1
        assert "MDU membership [mdu, 2012-08-01 onwards]" in out

    def test_people_json(self, ok):
        """--json gives each person's portfolio in the file form, naming schemes by key."""
        data = json.loads(ok("people", "--json"))
        assert [p["name"] for p in data["people"]] == list(uk.PEOPLE)
        first = data["people"][0]["portfolio"]["memberships"][0]
        assert first["scheme"] == "cnst"


class TestWords:
    """`words` lists the kinds, places, matters and facts a question may use."""

    def test_text_names_every_word_of_the_vocabulary(self, ok):
        """Every kind, place, matter and fact of the UK vocabulary is listed, under its option."""
        out = ok("words")
        words = uk.vocabulary()
        for heading in ("KIND", "--in PLACE", "--matter MATTER", "--fact NAME=VALUE"):
            assert heading in out
        listed = {line.split()[0] for line in out.splitlines() if line.startswith("  ")}
        for terms in (words.kinds, words.jurisdictions, words.matters, words.facts):
            assert {t.name for t in terms} <= listed

    def test_text_says_what_values_a_fact_takes(self, ok):
        """A choice fact lists its values; a yes-no fact says yes or no."""
        lines = {
            line.split()[0]: line for line in ok("words").splitlines() if line.startswith("  ")
        }
        engagers = uk.vocabulary().fact("engaged_by").values
        assert engagers is not None
        assert lines["engaged_by"].endswith("(one of " + ", ".join(engagers.values) + ")")
        assert lines["supervised"].endswith("(yes or no)")
        assert "default: clinical-negligence" in ok("words")

    def test_json_gives_every_word_with_what_it_takes(self, ok):
        """--json lists every word by name, each fact with its type, values and question."""
        data = json.loads(ok("words", "--json"))
        words = uk.vocabulary()
        assert set(data) == {"kinds", "jurisdictions", "territories", "matters", "facts"}
        assert set(data["kinds"]) == {k.name for k in words.kinds}
        assert set(data["jurisdictions"]) == {j.name for j in words.jurisdictions}
        assert set(data["matters"]) == {m.name for m in words.matters}
        assert set(data["facts"]) == {f.name for f in words.facts}
        assert data["territories"]["uk"] == sorted(uk.UK)
        assert data["matters"]["regulatory"]["scope"] == "personal"
        assert "gmc" in data["matters"]["regulatory"]["aliases"]
        for fact in words.facts:
            shown = data["facts"][fact.name]
            assert shown["type"] == fact.type.value
            assert shown["question"] == fact.ask()
            if fact.type is FactType.CHOICE:
                assert fact.values is not None
                assert shown["values"] == list(fact.values.values)


class TestValidate:
    """`validate FILE` says what a good file holds, and names the problem in a bad one."""

    def test_a_good_file(self, ok):
        """A valid file gets one line: its kind, version and a summary."""
        out = ok("validate", CONSULTANT)
        assert out == (
            f"{CONSULTANT}: a valid portfolio file (format version 1): "
            "Dr Aisha Khan, consultant anaesthetist with private practice, 2 memberships\n"
        )

    def test_json(self, ok, tmp_path):
        """--json reports the kind and summary for tools."""
        decision = uk.person("locum").is_covered(
            Activity.of("good-samaritan"), D(2024, 1, 1), "wales"
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

    def test_a_file_the_user_wrote(self, ok, tmp_path):
        """A portfolio written by hand with the user's own scheme validates and answers."""
        mine = save(Portfolio((), "Dr Me"), tmp_path / "me.toml")
        assert "a valid portfolio file" in ok("validate", str(mine))

    @pytest.mark.parametrize(
        "path", sorted(DATA.rglob("*.toml")), ids=lambda p: str(p.relative_to(DATA))
    )
    def test_every_built_in_data_file_is_valid(self, ok, path):
        """Each catalogue document and person under indemnity/uk/data/ validates, as its kind."""
        kind = "portfolio" if path.parent.name == "people" else "catalogue"
        assert f": a valid {kind} file (format version 1): " in ok("validate", str(path))
        data = json.loads(ok("validate", str(path), "--json"))
        assert (data["valid"], data["kind"]) == (True, kind)

    def test_the_built_in_data_is_all_there(self):
        """The catalogue documents and every built-in person are among the files validated."""
        names = {str(p.relative_to(DATA)) for p in DATA.rglob("*.toml")}
        assert {"vocabulary.toml", "sources.toml", "nhs.toml", "mdo.toml"} <= names
        assert {f"people/{name}.toml" for name in uk.PEOPLE} <= names


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
            (f"{ASK} --on 2025-03-10 --in engand", ["--in", "did you mean 'england'"]),
            (f"{ON_ARGS} --claimed-on 2025-13-01", ["--claimed-on"]),
            (f"{ON_ARGS} --claimed-on 2024-01-01", ["claimed_on", "on or after the incident date"]),
            (f"{ON_ARGS} --matter gossip", ["--matter"]),
            (f"{ON_ARGS} --fact supervised", ["NAME=VALUE"]),
            (f"{ON_ARGS} --fact supervisd=yes", ["did you mean 'supervised'"]),
            (f"{ON_ARGS} --fact supervised=maybe", ["yes or no"]),
            (f"{ON_ARGS} --fact private_earnings=lots", ["whole number"]),
            (f"{ON_ARGS} --fact field=knitting", ["field"]),
            (f"{ON_ARGS} --fact declared=yes --fact declared=no", ["given twice"]),
            ("check privat --person consultant --on 2025-03-10 --in wales", ["KIND"]),
            (
                "check private-practice --person consulant --on 2025-03-10 --in wales",
                ["consultant"],
            ),
            ("check private-practice --on 2025-03-10 --in wales", ["--person", "--portfolio"]),
            (f"{ON_ARGS} --portfolio x.toml", ["not allowed"]),
            (f"{ASK} --on 2025-03-10", ["--in"]),
            ("explain cnts", ["did you mean 'cnst'"]),
            ("explain missing.toml", ["missing.toml", "No such file"]),
            ("validate missing.json", ["missing.json", "No such file"]),
            ("validate README.md", ["README.md", ".toml"]),
            ("frobnicate", ["invalid choice"]),
            (f"gaps {LOCUM_ASK} --from 2025-01-01 --to 2024-01-01", ["--to must be after --from"]),
            (f"gaps {LOCUM_ASK} {SPAN} --claims-until 2023-01-01", ["--claims-until"]),
            (f"gaps {LOCUM_ASK} {SPAN} --matter gossip", ["--matter"]),
            (f"timeline {LOCUM_ASK} {SPAN} --svg /no/such/dir/x.svg", ["/no/such/dir/x.svg"]),
            ("people --bogus", ["unrecognized arguments"]),
            ("words --bogus", ["unrecognized arguments"]),
        ],
    )
    def test_bad_arguments(self, fails, args, words):
        """Each bad argument is named in one line, with exit status 2."""
        fails(*args.split(), words=tuple(words))

    def test_a_missing_portfolio_file(self, fails):
        """A portfolio file that is not there is named."""
        fails(
            *CHECK[:2], "--portfolio", "nope.toml", "--on", "2025-03-10", "--in", "wales",
            words=("nope.toml", "No such file or directory"),
        )  # fmt: skip

    def test_a_malformed_file(self, fails, tmp_path):
        """A file that does not parse is named with the line of the problem."""
        path = tmp_path / "broken.toml"
        path.write_text('kind = "portfolio"\nversion = \n', encoding="utf-8")
        fails("validate", str(path), words=("broken.toml", "not valid TOML", "line 2"))

    def test_a_bad_field_names_the_path_inside_the_file(self, fails, tmp_path):
        """A bad value deep in a file is named by its path: portfolio.memberships[2].period.end."""
        path = tmp_path / "people.toml"
        path.write_text(BAD_PORTFOLIO, encoding="utf-8")
        fails("validate", str(path), words=("people.toml", "'portfolio.memberships[2].period.end'"))
        fails(
            *CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england",
            words=("'portfolio.memberships[2].period.end' must be after 'start'",),
        )  # fmt: skip

    def test_an_unknown_scheme_in_a_file(self, fails, tmp_path):
        """A membership naming no known scheme suggests the nearest key."""
        path = tmp_path / "p.toml"
        path.write_text(BAD_PORTFOLIO.replace('"mdu"', '"mdx"'), encoding="utf-8")
        fails(
            "validate",
            str(path),
            words=("'portfolio.memberships[1].scheme'", "did you mean 'mdu'"),
        )

    def test_the_wrong_kind_of_file(self, fails, tmp_path):
        """A scheme file given as a portfolio says what it expected."""
        path = save(uk.person("consultant").memberships[0].scheme, tmp_path / "s.json")
        fails(
            *CHECK[:2], "--portfolio", str(path), "--on", "2025-03-10", "--in", "england",
            words=("expected a portfolio document, got 'scheme'",),
        )  # fmt: skip

    def test_binary_garbage(self, fails, tmp_path):
        """Random bytes in a .yaml file are refused in one line."""
        path = tmp_path / "junk.yaml"
        path.write_bytes(bytes(range(256)))
        fails("validate", str(path), words=("junk.yaml",))

    def test_json_output_does_not_change_errors(self, fails):
        """With --json, errors still go to stderr in one line and stdout stays empty."""
        done = fails(*CHECK, "--in", "atlantis", "--json", words=("atlantis",))
        assert done.out == ""

    def test_a_svg_that_cannot_be_written_leaves_no_file_behind(self, fails, tmp_path):
        """A picture into a folder that is a file fails in one line naming it; nothing is left."""
        blocker = tmp_path / "file"
        blocker.write_text("", encoding="utf-8")
        target = blocker / "x.svg"
        fails("timeline", *LOCUM, "--svg", str(target), words=(str(target),))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def _commands() -> list[list[str]]:
    """Commands touching every part of the built-in data, errors included."""
    found: list[list[str]] = [
        [],
        ["--json"],
        ["schemes"],
        ["schemes", "--json"],
        ["words"],
        ["words", "--json"],
        ["people"],
        ["people", "--json"],
        ["gaps", *LOCUM],
        ["timeline", *LOCUM, "--json"],
        [*CHECK, "--in", "atlantis"],
        ["explain", "cnts"],
    ]
    for key in sorted(e.key for e in uk.listing()):
        found += [["explain", key], ["explain", key, "--json"]]
    for name in uk.PEOPLE:
        found += [
            ["check", "private-practice", "--person", name, "--on", "2025-03-10", "--in", "wales"],
            [
                "check", "healthcare-services", "--person", name, "--on", "2022-06-15",
                "--in", "england", "--matter", "defamation", "--json",
            ],
        ]  # fmt: skip
    found += [["validate", str(p)] for p in sorted(DATA.rglob("*.toml"))]
    return found


class TestNoFileNames:
    """Users see a source's title and publisher, never the seed file it was read from."""

    @pytest.mark.parametrize("args", _commands(), ids=" ".join)
    def test_no_output_names_a_seed_file(self, cli, args):
        """Nothing printed, on stdout or stderr, names a .txt file."""
        done = cli(*args)
        assert done.status in {0, 2}
        assert ".txt" not in done.out
        assert ".txt" not in done.err
        for source in uk.vocabulary().sources:
            if source.retrieved_as:
                assert source.retrieved_as not in done.out + done.err


class TestInProcess:
    """`main(argv)` returns the exit status, for use from Python and the docs."""

    def test_main_returns_zero_and_prints(self, cli):
        """A good command returns 0 and prints on stdout."""
        done = cli("schemes")
        assert done.status == 0
        assert "cnst" in done.out

    def test_main_returns_two_on_bad_input(self, fails):
        """A bad command returns 2 with one line on stderr, and raises nothing."""
        fails("check", "nothing")

    def test_help_returns_zero(self, ok):
        """--help prints usage and returns 0 instead of exiting."""
        assert "--fact NAME=VALUE" in ok("check", "--help")


class TestIssue12:
    """The command-line cases of issue 12: each answered, or refused in one line with status 2."""

    SVG_END = ("timeline", "private-practice", "--person", "locum", "--in", "england")

    def test_a_picture_of_the_last_days_of_the_calendar(self, ok, tmp_path):
        """9999-12-01 to 9999-12-31 was 'year 10000 is out of range'."""
        picture = tmp_path / "end.svg"
        ok(*self.SVG_END, "--from", "9999-12-01", "--to", "9999-12-31", "--svg", str(picture))
        ET.fromstring(picture.read_text(encoding="utf-8"))  # noqa: S314 - our own file

    def test_a_picture_of_the_whole_calendar_with_claims(self, ok, tmp_path):
        """0001-01-01 to 9999-12-31 with claims was 'generator raised StopIteration'."""
        picture = tmp_path / "all.svg"
        ok(
            "timeline", "private-practice", "--person", "provider", "--in", "england",
            "--from", "0001-01-01", "--to", "9999-12-31", "--claims-until", "9999-12-31",
            "--svg", str(picture),
        )  # fmt: skip
        root = ET.fromstring(picture.read_text(encoding="utf-8"))  # noqa: S314 - our own file
        assert root.tag.endswith("svg")

    @pytest.mark.parametrize("fmt", ["json", "yaml"])
    @pytest.mark.parametrize(
        "holder", ["Dr \ud800X", "Dr \x07", "Dr \x1b[31mRed", "Dr \ufffe", "Dr \uffff"]
    )
    def test_unsafe_text_in_a_file_is_refused_by_every_command(self, fails, tmp_path, fmt, holder):
        """Lone surrogates, control characters and noncharacters: one line, never a crash."""
        path = tmp_path / f"mine.{fmt}"
        escaped = json.dumps({"kind": "portfolio", "version": 1, "portfolio": {"holder": holder}})
        path.write_text(escaped, encoding="utf-8")  # JSON is YAML: the character is escaped
        picture = tmp_path / "out.svg"
        words = (str(path), "'portfolio.holder'", "control characters")
        fails("validate", str(path), words=words)
        check = ("check", "private-practice", "--portfolio", str(path), "--in", "england")
        fails(*check, "--on", "2025-01-01", words=words)
        fails(*check, "--on", "2025-01-01", "--json", words=words)
        line = ("timeline", *check[1:], "--from", "2020-01-01", "--to", "2021-01-01")
        fails(*line, "--svg", str(picture), words=words)
        assert not picture.exists()

    def test_a_terminal_sees_escapes_not_control_characters(self, fails):
        """A file name holding an escape sequence is shown escaped, in one line."""
        done = fails("validate", "\x1b[31mred.json", words=("\\x1b[31mred.json",))
        assert "\x1b" not in done.err

    @pytest.mark.parametrize(
        ("changes", "words"),
        [
            ({"version": 1.0}, ("'version'", "whole number 1", "got 1.0")),
            ({"version": "1"}, ("'version'", "got '1'")),
            ({"start": "20250101"}, ("YYYY-MM-DD", "got '20250101'")),
            ({"start": "2025-W01-1"}, ("YYYY-MM-DD", "got '2025-W01-1'")),
            ({"start": "2025-01-01T00:00:00"}, ("YYYY-MM-DD",)),
        ],
    )
    def test_dates_and_versions_are_strict(self, fails, tmp_path, changes, words):
        """Dates are YYYY-MM-DD and the version the whole number 1, as the schema says."""
        document = json.loads(dumps(uk.person("locum"), "json"))
        if "version" in changes:
            document["version"] = changes["version"]
        else:
            document["portfolio"]["memberships"][0]["period"]["start"] = changes["start"]
        path = tmp_path / "strict.json"
        path.write_text(json.dumps(document), encoding="utf-8")
        fails("validate", str(path), words=(str(path), *words))

    def test_a_yaml_date_that_is_no_date_names_its_line(self, fails, tmp_path):
        """A YAML date such as 2025-02-30 is refused with the file and the line."""
        path = tmp_path / "date.yaml"
        path.write_text(
            "kind: portfolio\nversion: 1\nportfolio:\n  memberships:\n"
            "  - scheme: cnst\n    period: {start: 2025-02-30}\n",
            encoding="utf-8",
        )
        fails("validate", str(path), words=(str(path), "2025-02-30", "line 6"))

    def test_a_named_pipe_is_refused_not_waited_on(self, fails, tmp_path):
        """A FIFO blocked forever; now it is refused at once."""
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        fails("validate", str(pipe), words=(str(pipe), "a named pipe"))
        check = ("check", "private-practice", "--portfolio", str(pipe), "--in", "england")
        fails(*check, "--on", "2025-01-01", words=("a named pipe",))

    def test_a_device_behind_a_file_name_is_refused(self, fails, tmp_path):
        """A link named like a document but pointing at /dev/zero is refused, not read."""
        link = tmp_path / "zero.json"
        link.symlink_to("/dev/zero")
        fails("validate", str(link), words=(str(link), "a character device"))

    @pytest.mark.parametrize(
        ("target", "words"),
        [
            ("/dev/full", ("/dev/full", "a regular file to write")),
            ("", ("argument --svg", "a file name")),
            ("/no/such/dir/x.svg", ("/no/such/dir/x.svg", "No such file")),
        ],
    )
    def test_a_picture_that_cannot_be_written_names_the_file(self, fails, target, words):
        """--svg /dev/full was '[Errno 28] ...', --svg '' ': No such file or directory'."""
        fails("timeline", *LOCUM, "--svg", target, words=words)

    def test_the_picture_is_never_drawn_over_the_portfolio_read(self, fails, tmp_path):
        """--portfolio mine.json --svg mine.json overwrote the input; through a link too."""
        mine = tmp_path / "mine.json"
        save(uk.person("locum"), mine)
        before = mine.read_bytes()
        link = tmp_path / "link.json"
        link.symlink_to(mine)
        span = ("--in", "england", "--from", "2020-01-01", "--to", "2021-01-01")
        for read, written in ((mine, mine), (link, mine), (mine, tmp_path / "." / "mine.json")):
            fails(
                "timeline", "private-practice", "--portfolio", str(read), *span,
                "--svg", str(written), words=("--svg", "would write over the file --portfolio"),
            )  # fmt: skip
        assert mine.read_bytes() == before
        assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "mine.json"]

    @pytest.mark.parametrize(
        ("fact", "words"),
        [
            (
                "engaged_by=foo",
                ("fact 'engaged_by'", "'nhs-body'", "'private-employer'", "'self'", "got 'foo'"),
            ),
            ("private_earnings=-5000", ("fact 'private_earnings'", "got -5000")),
            ("supervised=maybe", ("fact 'supervised'", "yes or no", "got 'maybe'")),
        ],
    )
    def test_a_bad_fact_value_lists_what_it_takes(self, fails, fact, words):
        """A bad --fact says the values it takes, in the user's words."""
        done = fails(*CHECK, "--in", "england", "--fact", fact, words=words)
        for internal in ("(str)", "(int)", "datetime.", "Activity.facts"):
            assert internal not in done.err

    @pytest.mark.parametrize(
        "args",
        [
            ["explain", "CNST"],
            ["explain", "Medical Protection"],
            ["check", "Private Practice", "--person", "Consultant", "--on", "2025-03-10",
             "--in", "England"],
            ["check", "private_practice", "--person", "GP trainee", "--on", "2025-03-10",
             "--in", " wales ", "--matter", "Clinical Negligence", "--fact", "Declared=yes"],
        ],
    )  # fmt: skip
    def test_names_forgive_case_and_spacing_everywhere(self, ok, args):
        """Every name the command line takes is matched alike: case and spacing forgiven."""
        ok(*args)

    @pytest.mark.parametrize(
        ("args", "option"),
        [
            ([*CHECK, "--in", "england", "--in", "wales"], "--in"),
            ([*CHECK, "--in", "england", "--on", "2025-03-11"], "--on"),
            ([*CHECK, "--in", "england", "--person", "locum"], "--person"),
            (
                [*CHECK, "--in", "england", "--matter", "complaint", "--matter", "inquest"],
                "--matter",
            ),
            (["timeline", *LOCUM, "--svg", "a.svg", "--svg", "b.svg"], "--svg"),
        ],
    )
    def test_a_single_valued_option_given_twice_is_refused(self, fails, args, option):
        """A repeated --in kept the last silently; now it is an error naming the option."""
        fails(*args, words=(f"argument {option}", "given twice"))


def test_the_readme_says_how_to_reach_the_command_after_installing():
    """The quick start installs into .venv: the README says how `indemnity` is then run."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/indemnity people" in readme
    assert "source .venv/bin/activate" in readme
    assert (Path(sys.executable).parent / "indemnity").exists()
