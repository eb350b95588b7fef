"""`indemnity.sweep` and ``indemnity sweep``: tables of questions in, tables of answers out.

Every answer is checked against the library's plain path (`Portfolio.is_covered`,
asked with the facts read by hand), so the sweep's parsing, caching, chunking,
worker processes and file formats are each checked to change nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pq = pytest.importorskip("pyarrow.parquet")

from indemnity import Activity, MembershipPeriod, Outcome, Period, Portfolio, uk  # noqa: E402
from indemnity.cli import main  # noqa: E402
from indemnity.sweep import (  # noqa: E402
    ANSWER_COLUMNS,
    CAREER_COLUMNS,
    QUESTION_COLUMNS,
    Careers,
    MissingPackageError,
    Summary,
    TableError,
    _arrow,
    sweep,
    sweep_file,
)

# ---------------------------------------------------------------------------
# a small workforce: careers, and questions drawn from a palette

CAREERS = pd.DataFrame(
    [
        ("ada", "cnst", "2019-08-07", "2024-08-07", "", ""),
        ("ada", "mdu", "2019-08-07", "", "", ""),
        ("ben", "cnsgp", "2019-04-01", "", "", ""),
        ("ben", "mddus", "2016-02-01", "2021-06-01", "", ""),
        ("cat", "cnst", "2023-08-02", "2026-08-05", "", ""),
        ("cat", "mps-hee-block", "2023-08-02", "2024-08-01", "private-practice", ""),
        ("cat", "mps-hee-block", "2024-08-01", "2025-08-06", "private-practice", ""),
        ("dan", "cnoris", "2015-01-01", "", "", ""),
        ("eve", "", "", "", "", ""),
        ("ngc", "mduconnect", "2021-04-01", "2025-04-01", "public-liability", "2019-04-01"),
        ("fay", "mdu", "2019-01-01", "2022-01-01", "", ""),
        ("fay", "medical-protection", "2021-07-01", "", "", ""),
    ],
    columns=["person", "scheme", "start", "end", "options", "retroactive_date"],
)
CAREERS["run_off_end"] = ["", "", "", "", "", "", "", "", "", "2026-04-01", "", ""]

WORK = [
    ("nhs-contracted-care", {"engaged_by": "nhs-body"}),
    ("nhs-contracted-care", {"engaged_by": "nhs-staffing-contractor"}),
    ("nhs-contracted-care", {"engaged_by": "nhs-primary-care-provider"}),
    ("private-practice", {"declared": "yes", "nhs_patient": "no", "overall_charge": "no"}),
    ("private-practice", {}),
    ("private-practice", {"declared": "no"}),
    ("category-2-work", {"declared": "yes"}),
    ("good-samaritan", {}),
    ("healthcare-services", {"by_employee": "yes", "malicious": "no"}),
    ("training-placement", {"official_rotation": "yes", "supervised": "yes"}),
]
PEOPLE = ["ada", "ben", "cat", "dan", "eve", "fay", "ngc"]
PLACES = ["england", "scotland", "wales"]
MATTERS = ["", "clinical-negligence", "complaint", "regulatory", "defamation"]
DAYS = ["2014-05-01", "2017-03-10", "2020-06-01", "2021-06-15", "2021-09-01", "2025-03-10"]
FACT_COLUMNS = sorted({name for _, facts in WORK for name in facts})


def question_row(who: str, work: int, place: str, matter: str, on: str, claimed: str) -> dict:
    kind, facts = WORK[work]
    row = {"person": who, "kind": kind, "on": on, "jurisdiction": place, "matter": matter}
    row["claimed_on"] = claimed
    row.update({name: facts.get(name, "") for name in FACT_COLUMNS})
    return row


def palette() -> pd.DataFrame:
    """Every person asked about every kind of work, in a spread of places, matters and dates."""
    rows = []
    for i, who in enumerate(PEOPLE):
        for w in range(len(WORK)):
            for j, on in enumerate(DAYS):
                place = PLACES[(i + w + j) % len(PLACES)]
                matter = MATTERS[(i + 2 * w + j) % len(MATTERS)]
                claimed = "2024-01-10" if on < "2024-01-10" and (i + j) % 3 == 0 else ""
                rows.append(question_row(who, w, place, matter, on, claimed))
    frame = pd.DataFrame(rows)
    frame.insert(0, "id", [f"q{i}" for i in range(len(frame))])
    return frame


QUESTIONS = palette()


def _portfolios() -> dict[str, Portfolio]:
    """Each person's portfolio, built by hand from the careers frame."""
    held: dict[str, list[MembershipPeriod]] = {}
    for row in CAREERS.itertuples():
        held.setdefault(row.person, [])
        if not row.scheme:
            continue
        day = dt.date.fromisoformat
        held[row.person].append(
            MembershipPeriod(
                uk.scheme(row.scheme),
                Period(day(row.start), day(row.end) if row.end else None),
                options=frozenset(o for o in row.options.split(";") if o),
                retroactive_date=day(row.retroactive_date) if row.retroactive_date else None,
                run_off_end=day(row.run_off_end) if row.run_off_end else None,
            )
        )
    return {who: Portfolio(tuple(ms)) for who, ms in held.items()}


PORTFOLIOS = _portfolios()
_YES_NO = {"yes": True, "no": False}


def expected(row: dict) -> dict[str, str | None]:
    """The answer columns of one question, asked the plain way."""
    words = uk.vocabulary()
    facts = {}
    for name in FACT_COLUMNS:
        if row[name]:
            fact = words.fact(name)
            facts[name] = (
                _YES_NO.get(row[name], row[name]) if fact.type.value == "yes-no" else row[name]
            )
    decision = PORTFOLIOS[row["person"]].is_covered(
        Activity.of(row["kind"], **facts),
        dt.date.fromisoformat(row["on"]),
        row["jurisdiction"],
        matter=row["matter"] or None,
        claimed_on=dt.date.fromisoformat(row["claimed_on"]) if row["claimed_on"] else None,
    )
    out: dict[str, str | None] = {
        "outcome": decision.outcome.value,
        "schemes": None,
        "ask_next": None,
        "missing": None,
        "reason": None,
    }
    if decision.outcome is Outcome.COVERED:
        out["schemes"] = ";".join(dict.fromkeys(g.scheme for g in decision.grounds))
        return out
    reasons = decision.reasons
    if decision.outcome is Outcome.UNDETERMINED:
        reasons = tuple(r for r in reasons if r.code.is_open) or reasons
        asked = decision.next_question
        out["ask_next"] = asked.fact.name if asked else None
        out["missing"] = ";".join(sorted(f.name for f in decision.missing)) or None
    else:
        reasons = tuple(r for r in reasons if r.code.value != "outside-period") or reasons
    out["reason"] = reasons[0].code.value if reasons else None
    return out


def plain(value: object) -> object:
    """A cell as plain Python: pandas' and polars' missing values as None."""
    if value is None or (isinstance(value, float) and value != value):  # noqa: PLR0124 - NaN
        return None
    return value


def answers_of(frame) -> list[dict[str, object]]:
    """The answer columns of an answers frame (pandas, polars or Arrow), row by row."""
    if isinstance(frame, pd.DataFrame):
        frame = pa.Table.from_pandas(frame, preserve_index=False)
    elif isinstance(frame, pl.DataFrame):
        frame = frame.to_arrow()
    rows = frame.select(["outcome", "schemes", "ask_next", "missing", "reason"]).to_pylist()
    return [{k: plain(v) for k, v in row.items()} for row in rows]


@pytest.fixture(scope="module")
def careers() -> Careers:
    return Careers.from_frame(CAREERS)


@pytest.fixture(scope="module")
def truth() -> list[dict[str, str | None]]:
    return [expected(row) for row in QUESTIONS.to_dict("records")]


# ---------------------------------------------------------------------------
# the answers


class TestAnswers:
    """A sweep answers as the library's plain path does, whatever the table's form."""

    def test_the_palette_covers_every_outcome_and_open_reason(self, truth) -> None:
        outcomes = {row["outcome"] for row in truth}
        assert outcomes == {"covered", "not-covered", "undetermined"}
        assert any(row["ask_next"] == "claimed_on" for row in truth)
        assert any(row["schemes"] and ";" in row["schemes"] for row in truth)

    def test_pandas_in_pandas_out(self, careers, truth) -> None:
        frame = QUESTIONS.set_axis([f"r{i}" for i in range(len(QUESTIONS))])
        answers = sweep(frame, careers)
        assert isinstance(answers, pd.DataFrame)
        assert list(answers.index) == list(frame.index)
        assert list(answers.columns) == ["id", "person", *list(ANSWER_COLUMNS)[3:]]
        assert answers_of(answers) == truth

    def test_polars_in_polars_out(self, careers, truth) -> None:
        answers = sweep(pl.from_pandas(QUESTIONS), careers)
        assert isinstance(answers, pl.DataFrame)
        assert answers_of(answers) == truth

    def test_arrow_in_arrow_out(self, careers, truth) -> None:
        answers = sweep(pa.Table.from_pandas(QUESTIONS), careers)
        assert isinstance(answers, pa.Table)
        assert answers_of(answers) == truth

    def test_careers_as_a_frame_or_a_file(self, tmp_path, truth) -> None:
        CAREERS.to_csv(tmp_path / "careers.csv", index=False)
        assert answers_of(sweep(QUESTIONS, CAREERS)) == truth
        assert answers_of(sweep(QUESTIONS, tmp_path / "careers.csv")) == truth

    def test_typed_columns_answer_as_text_does(self, careers) -> None:
        typed = QUESTIONS.head(60).copy()
        typed["on"] = pd.to_datetime(typed["on"])
        for name in ("declared", "nhs_patient", "overall_charge", "by_employee", "malicious"):
            typed[name] = typed[name].map({"yes": True, "no": False, "": None})
        assert answers_of(sweep(typed, careers)) == answers_of(sweep(QUESTIONS.head(60), careers))

    def test_kept_columns_follow_whose(self, careers) -> None:
        answers = sweep(QUESTIONS.head(3), careers, keep=["kind", "on"])
        assert list(answers.columns)[:4] == ["id", "person", "kind", "on"]

    def test_built_in_people_and_portfolio_files(self, tmp_path) -> None:
        Path(tmp_path / "mine.toml").write_text(
            Path(uk.person_file("locum")).read_text(encoding="utf-8"), encoding="utf-8"
        )
        frame = pd.DataFrame(
            {
                "portfolio": ["consultant", "mine.toml", "locum"],
                "kind": ["private-practice"] * 3,
                "on": ["2025-03-10", "2021-06-15", "2021-06-15"],
                "jurisdiction": ["england"] * 3,
                "declared": ["yes"] * 3,
                "engaged_by": ["private-employer"] * 3,
            }
        )
        answers = sweep(frame, folder=tmp_path)
        assert list(answers["outcome"]) == ["covered", "not-covered", "not-covered"]
        assert list(answers["portfolio"]) == ["consultant", "mine.toml", "locum"]

    @settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(PEOPLE),
                st.integers(0, len(WORK) - 1),
                st.sampled_from(PLACES),
                st.sampled_from(MATTERS),
                st.dates(dt.date(2012, 1, 1), dt.date(2027, 1, 1)),
                st.one_of(st.none(), st.integers(0, 2000)),
            ),
            min_size=1,
            max_size=25,
        )
    )
    def test_any_rows_answer_as_asked_one_by_one(self, careers, drawn) -> None:
        rows = []
        for who, work, place, matter, on, late in drawn:
            claimed = "" if late is None else (on + dt.timedelta(days=late)).isoformat()
            rows.append(question_row(who, work, place, matter, on.isoformat(), claimed))
        frame = pd.DataFrame(rows)
        assert answers_of(sweep(frame, careers)) == [expected(r) for r in rows]


# ---------------------------------------------------------------------------
# files


def _write(frame: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        pq.write_table(pa.Table.from_pandas(frame.astype(str), preserve_index=False), path)
    return path


def _read(path: Path) -> pa.Table:
    if path.suffix == ".csv":
        import pyarrow.csv as pacsv

        return pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(strings_can_be_null=True))
    return pq.read_table(path)


class TestFiles:
    """Files are read and written a chunk at a time; the answers do not depend on how."""

    @pytest.mark.parametrize(
        ("given", "written"), [("csv", "csv"), ("parquet", "parquet"), ("csv", "parquet")]
    )
    def test_a_file_sweep_answers_every_row_in_order(
        self, tmp_path, careers, truth, given, written
    ) -> None:
        source = _write(QUESTIONS, tmp_path / f"q.{given}")
        out = tmp_path / f"answers.{written}"
        summary = sweep_file(source, out, careers=careers, chunk=37, progress=False)
        table = _read(out)
        assert table.column_names == ["row", "id", "person", *list(ANSWER_COLUMNS)[3:]]
        assert table.column("row").to_pylist() == list(range(1, len(QUESTIONS) + 1))
        assert [str(v) for v in table.column("id").to_pylist()] == list(QUESTIONS["id"])
        assert answers_of(table) == truth
        assert summary == Summary.of(table)
        assert summary.questions == len(QUESTIONS)

    @pytest.mark.parametrize("chunk", [1, 50, 10_000])
    def test_chunks_change_nothing(self, tmp_path, careers, chunk) -> None:
        source = _write(QUESTIONS.head(120), tmp_path / "q.csv")
        sweep_file(source, tmp_path / f"a{chunk}.csv", careers=careers, chunk=chunk, progress=False)
        sweep_file(source, tmp_path / "whole.csv", careers=careers, chunk=120, progress=False)
        assert (tmp_path / f"a{chunk}.csv").read_bytes() == (tmp_path / "whole.csv").read_bytes()

    def test_worker_processes_change_nothing(self, tmp_path, careers) -> None:
        source = _write(QUESTIONS, tmp_path / "q.parquet")
        careers_file = _write(CAREERS, tmp_path / "careers.csv")
        one = sweep_file(source, tmp_path / "one.csv", careers=careers, chunk=100, progress=False)
        two = sweep_file(
            source, tmp_path / "two.csv", careers=careers_file, chunk=100, workers=2, progress=False
        )
        assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
        assert one == two

    def test_an_empty_table_writes_the_header(self, tmp_path, careers) -> None:
        source = _write(QUESTIONS.head(0), tmp_path / "q.csv")
        summary = sweep_file(source, tmp_path / "a.csv", careers=careers, progress=False)
        assert summary.questions == 0
        assert (tmp_path / "a.csv").read_text().startswith('"row","id","person","outcome"')

    def test_a_failed_sweep_leaves_the_old_answers_and_no_temporary_file(
        self, tmp_path, careers
    ) -> None:
        bad = QUESTIONS.copy()
        bad.loc[150, "on"] = "2025-02-30"
        source = _write(bad, tmp_path / "q.csv")
        out = tmp_path / "answers.csv"
        out.write_text("the old answers\n")
        with pytest.raises(TableError, match=r"q\.csv: row 151 \(line 152\), column 'on'"):
            sweep_file(source, out, careers=careers, chunk=40, progress=False)
        assert out.read_text() == "the old answers\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.csv", "q.csv"]

    def test_an_error_in_a_worker_process_names_the_row(self, tmp_path, careers) -> None:
        bad = QUESTIONS.copy()
        bad.loc[300, "jurisdiction"] = "englnd"
        source = _write(bad, tmp_path / "q.parquet")
        with pytest.raises(
            TableError, match=r"row 301, column 'jurisdiction'.*did you mean 'england'"
        ):
            sweep_file(
                source, tmp_path / "a.parquet", careers=careers, chunk=50, workers=2, progress=False
            )
        assert sorted(p.name for p in tmp_path.iterdir()) == ["q.parquet"]

    def test_a_progress_bar_only_when_asked_or_on_a_terminal(self, tmp_path, careers) -> None:
        source = _write(QUESTIONS, tmp_path / "q.parquet")
        shown = io.StringIO()
        sweep_file(source, tmp_path / "a.csv", careers=careers, chunk=100, progress=shown)
        assert "indemnity sweep:" in shown.getvalue()
        assert f"{len(QUESTIONS):,} questions" in shown.getvalue()
        assert "100%" in shown.getvalue()

    def test_an_unknown_format_is_refused(self, tmp_path, careers) -> None:
        source = _write(QUESTIONS.head(3), tmp_path / "q.csv")
        with pytest.raises(Exception, match=r"a\.xlsx: not a table: expected a \.csv, \.parquet"):
            sweep_file(source, tmp_path / "a.xlsx", careers=careers)


# ---------------------------------------------------------------------------
# bad input


def _questions(**changes: object) -> pd.DataFrame:
    frame = QUESTIONS.head(4).copy()
    for column, value in changes.items():
        frame.loc[2, column] = value
    return frame


class TestBadRows:
    """A cell the library cannot read names the table, the row and the column."""

    @pytest.mark.parametrize(
        ("column", "value", "words"),
        [
            ("on", "10/03/2025", r"column 'on' expected a date written YYYY-MM-DD"),
            ("kind", "private-practise", r"column 'kind'.*did you mean 'private-practice'"),
            ("jurisdiction", "", r"column 'jurisdiction' expected a name"),
            ("matter", "gossip", r"column 'matter'"),
            ("declared", "perhaps", r"column 'declared' expected yes or no"),
            ("engaged_by", "nhs-bodie", r"column 'engaged_by'.*did you mean 'nhs-body'"),
            ("person", "zed", r"column 'person' expected a person of the careers table"),
            ("claimed_on", "2010-01-01", r"column 'claimed_on' expected a date on or after"),
        ],
    )
    def test_a_bad_cell(self, careers, column, value, words) -> None:
        with pytest.raises(TableError, match=r"^questions: row 2, " + words) as caught:
            sweep(_questions(**{column: value}), careers)
        assert (caught.value.row, caught.value.column) == (2, column)

    def test_a_pandas_row_is_named_by_its_label(self, careers) -> None:
        frame = _questions(on="soon").set_axis(["a", "b", "c", "d"])
        with pytest.raises(TableError, match=r"^questions: row c, column 'on'"):
            sweep(frame, careers)

    def test_a_column_naming_no_fact(self, careers) -> None:
        frame = QUESTIONS.head(2).rename(columns={"nhs_patient": "nhs_patients"})
        with pytest.raises(
            TableError, match=r"'nhs_patients', which names no fact; did you mean 'nhs_patient'"
        ):
            sweep(frame, careers)

    @pytest.mark.parametrize("drop", ["kind", "on", "jurisdiction", "person"])
    def test_a_missing_column(self, careers, drop) -> None:
        with pytest.raises(
            TableError, match=repr(drop) if drop != "person" else "'person' or 'portfolio'"
        ):
            sweep(QUESTIONS.head(2).drop(columns=[drop]), careers)

    def test_people_without_careers(self) -> None:
        with pytest.raises(TableError, match="a careers table"):
            sweep(QUESTIONS.head(2))

    def test_the_error_pickles(self) -> None:
        err = TableError("q.csv", 3, "on", "a date", "x", "q.csv: row 3 (line 4), column 'on' ...")
        back = pickle.loads(pickle.dumps(err))  # noqa: S301 - our own bytes
        assert (str(back), back.row, back.column, back.table) == (str(err), 3, "on", "q.csv")


class TestBadCareers:
    """A careers row the library cannot read names its row and column too."""

    @pytest.mark.parametrize(
        ("column", "value", "words"),
        [
            (
                "scheme",
                "mdu2",
                (
                    r"row 2, column 'scheme': no scheme of the catalogue has the key 'mdu2'; "
                    r"did you mean 'mdu'"
                ),
            ),
            ("start", "2019-13-01", r"row 2, column 'start' expected a date written YYYY-MM-DD"),
            ("start", "", r"row 2, column 'start' expected the first day"),
            ("end", "2018-01-01", r"row 2, column 'end'"),
            ("options", "yacht-cover", r"row 2, column 'options'"),
            ("retroactive_date", "2019-01-01", r"row 2, column 'retroactive_date'.*occurrence"),
            ("person", "", r"row 2, column 'person' expected a name"),
        ],
    )
    def test_a_bad_cell(self, column, value, words) -> None:
        frame = CAREERS.copy()
        frame.loc[1, column] = value
        with pytest.raises(TableError, match=r"^careers: " + words):
            Careers.from_frame(frame)

    def test_a_bad_row_of_a_file_names_its_line(self, tmp_path) -> None:
        frame = CAREERS.copy()
        frame.loc[4, "end"] = "2020-02-30"
        with pytest.raises(TableError, match=r"^c\.csv: row 5 \(line 6\), column 'end'"):
            Careers.read(_write(frame, tmp_path / "c.csv"))

    def test_an_unknown_column(self) -> None:
        with pytest.raises(TableError, match="did you mean 'scheme'"):
            Careers.from_frame(CAREERS.rename(columns={"scheme": "schema"}))

    def test_careers_pickle_and_find_people(self, careers) -> None:
        back = pickle.loads(pickle.dumps(careers))  # noqa: S301 - our own bytes
        assert back.token == careers.token
        assert back.people == sorted(PEOPLE)
        assert "ada" in back
        assert "zed" not in back
        assert back.portfolio("cat") == careers.portfolio("cat") == PORTFOLIOS["cat"]
        assert len(back.portfolio("eve")) == 0
        assert back.find(["eve", "ad", "adam", "ngc"]) == [4, -1, -1, 6]
        with pytest.raises(Exception, match="zed"):
            back.portfolio("zed")

    def test_the_layouts_are_documented(self) -> None:
        assert {"person", "kind", "on", "jurisdiction"} <= set(QUESTION_COLUMNS)
        assert {"person", "scheme", "start", "end"} <= set(CAREER_COLUMNS)
        assert list(ANSWER_COLUMNS)[:3] == ["row", "id", "person"]


class TestMissingPackages:
    def test_a_missing_package_names_the_extra(self, monkeypatch) -> None:
        def refuse(name: str) -> object:
            raise ImportError(f"No module named {name!r}")

        monkeypatch.setattr(_arrow.importlib, "import_module", refuse)
        with pytest.raises(
            MissingPackageError, match=r"pip install 'indemnity\[tables\]'"
        ) as caught:
            sweep(QUESTIONS.head(1), CAREERS)
        assert isinstance(caught.value, ImportError)
        with pytest.raises(MissingPackageError, match=r"indemnity\[dask\]"):
            _arrow.module("distributed")


class TestSummary:
    def test_summaries_add_up_and_read_as_data(self) -> None:
        a = Summary(2, {"covered": 1, "undetermined": 1}, {"declared": 1})
        b = Summary(1, {"undetermined": 1}, {"declared": 1, "claimed_on": 1})
        total = a + b
        assert total == Summary(
            3, {"covered": 1, "undetermined": 2}, {"declared": 2, "claimed_on": 1}
        )
        assert total.to_data() == {
            "questions": 3,
            "outcomes": {"covered": 1, "not-covered": 0, "undetermined": 2},
            "undetermined_waiting_on": {"declared": 2, "claimed_on": 1},
        }
        assert "undetermined, waiting on:" in total.describe()
        assert pickle.loads(pickle.dumps(total)) == total  # noqa: S301 - our own bytes


# ---------------------------------------------------------------------------
# the command line


class TestCommand:
    def test_a_sweep_writes_answers_and_prints_counts(self, tmp_path, capsys, truth) -> None:
        source = _write(QUESTIONS, tmp_path / "q.csv")
        careers_file = _write(CAREERS, tmp_path / "c.csv")
        out = tmp_path / "a.parquet"
        status = main(["sweep", str(source), "--careers", str(careers_file), "--out", str(out)])
        printed = capsys.readouterr()
        assert status == 0
        assert printed.err == ""  # no progress bar when stderr is not a terminal
        assert printed.out.startswith(f"{len(QUESTIONS):,} questions\n  covered")
        assert f"Answers written to {out}." in printed.out
        assert answers_of(_read(out)) == truth

    def test_json(self, tmp_path, capsys) -> None:
        import json

        source = _write(QUESTIONS, tmp_path / "q.csv")
        careers_file = _write(CAREERS, tmp_path / "c.csv")
        argv = [
            "sweep",
            str(source),
            "--careers",
            str(careers_file),
            "--out",
            str(tmp_path / "a.csv"),
        ]
        assert main([*argv, "--json", "--workers", "2", "--chunk", "100", "--keep", "kind"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["questions"] == len(QUESTIONS)
        assert sum(data["outcomes"].values()) == len(QUESTIONS)
        assert "seconds" in data

    @pytest.mark.parametrize(
        ("args", "words"),
        [
            (
                ["--careers", "c.csv", "--out", "a.csv", "--workers", "0"],
                "argument --workers: expected a whole number",
            ),
            (["--careers", "nowhere.csv", "--out", "a.csv"], "nowhere.csv"),
            (["--careers", "c.csv", "--out", "a.txt"], "a.txt: not a table"),
            (
                ["--careers", "c.csv", "--out", "a.csv", "--keep", "shoe_size"],
                "a column 'shoe_size' to keep",
            ),
            (["--out", "a.csv"], "a careers table"),
        ],
    )
    def test_bad_input_is_one_line_and_status_2(
        self, tmp_path, capsys, monkeypatch, args, words
    ) -> None:
        monkeypatch.chdir(tmp_path)
        bad = QUESTIONS.copy()
        _write(bad, tmp_path / "q.csv")
        _write(CAREERS, tmp_path / "c.csv")
        assert main(["sweep", "q.csv", *args]) == 2
        err = capsys.readouterr().err
        assert err.startswith("indemnity: error: ")
        assert err.count("\n") == 1
        assert words in err

    def test_a_bad_row_is_one_line_naming_it(self, tmp_path, capsys, monkeypatch) -> None:
        monkeypatch.chdir(tmp_path)
        bad = QUESTIONS.copy()
        bad.loc[9, "declared"] = "maybe"
        _write(bad, tmp_path / "q.csv")
        _write(CAREERS, tmp_path / "c.csv")
        assert main(["sweep", "q.csv", "--careers", "c.csv", "--out", "a.csv"]) == 2
        err = capsys.readouterr().err
        assert err == (
            "indemnity: error: q.csv: row 10 (line 11), column 'declared' expected yes or no,"
            " got 'maybe'\n"
        )
        assert not (tmp_path / "a.csv").exists()


def test_the_scale_page_shell_examples_print_what_it_shows(tmp_path) -> None:
    """The sweep's shell examples in ``docs/scale.md`` run and print what the page shows.

    The page's other shell blocks run benchmarks for minutes, and are left out.
    """
    from tests.test_cli_docs import ROOT, run_step, steps

    page = ROOT / "docs" / "scale.md"
    found = [
        step
        for step in steps(page.read_text(encoding="utf-8"))
        if step.lang != "bash" or not step.body.lstrip().startswith(".venv/")
    ]
    assert sum("indemnity sweep" in step.body for step in found) >= 2
    for step in found:
        done = run_step(step, tmp_path)
        where = f"scale.md:{step.line}"
        assert "Traceback" not in done.stdout, where
        if step.expected is None:
            assert done.returncode == 0, f"{where}: {done.stdout}"
        else:
            assert done.stdout == step.expected[2], f"output differs at {where}"
