"""Benchmark: decisions per second against general rules engines, and import cost.

Run it as a plain script (it needs the `bench` extra: zen-engine, rule-engine)::

    .venv/bin/python benchmarks/bench_decisions.py [--questions 4000] [--repeat 5]

Three measurements, each with its baselines timed in the same run, printing
figures and ratios and whether each goal of issue 7 is met (nothing asserts a
time; machines are shared and noisy, so each figure is the best of --repeat).

1. The trainee private-practice decision of seed 003 (the overall-charge
   exclusion, twenty excluded fields, two exceptions inside them, the £10,000
   fee threshold), over a stream of varied questions:

   - ``indemnity, explained``: built from raw input each time (an `Activity`
     and a `Question`, validated), asked through the catalogue's trainee
     portfolio compiled once, returning a `Decision` that explains itself,
     plus the fee from `indemnity.uk.private_practice_fee`;
   - ``indemnity, explain()``: the same, also rendering `explain()` (the
     reasons are then worked out by the plain path);
   - ``zen-engine``: the same rules as a GoRules ZEN first-hit decision table,
     evaluated through its Python binding by every route it offers: the
     README's ``create_decision(...).evaluate(dict)``, the same with JSON text,
     ``ZenEngine.evaluate(key, dict)`` with a loader (the decision compiled
     once, cached by key), and ``evaluate_batch``; the ratio is printed
     against the README route and against the fastest;
   - ``rule-engine``: one `rule_engine.Rule` per row, first hit;
   - ``hand-written``: a plain Python function of the same rules, outcome and
     fee only; against it, ``indemnity, outcome only`` (`CompiledPortfolio.outcomes`
     over prepared questions, plus the fee).

   Goals: explained >= 10x zen-engine and >= 3x rule-engine; outcome-only
   within 5x of hand-written. Every engine must agree on every question.

2. `is_covered` on a realistic career portfolio (ten memberships over five
   catalogue schemes), varied questions over a career: explained decisions
   per second on one core, compiled and plain. Goal: >= 100,000 a second.

3. ``import indemnity`` in a fresh interpreter against importing its runtime
   dependencies alone (attrs, python-dateutil). Goal: <= 1.3x. The cost of
   importing the core names is printed too, for information.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable, Iterable

from indemnity import Activity, Field, Matter, Outcome, Portfolio, Procedure, Question, uk

EXCLUDED_FIELDS = (
    Field.AIR_AMBULANCE,
    Field.BARIATRIC_SURGERY,
    Field.BENEFITS_WORK,
    Field.CIRCUMCISION,
    Field.COMPLEMENTARY_MEDICINE,
    Field.COSMETIC_MEDICINE,
    Field.GENERAL_PRACTICE,
    Field.HEALTH_SCREENING,
    Field.MEDICAL_NON_CLINICAL,
    Field.MEDICOLEGAL,
    Field.NEUROSURGERY,
    Field.OBSTETRICS,
    Field.OCCUPATIONAL_MEDICINE,
    Field.OPHTHALMOLOGY,
    Field.ORAL_AND_MAXILLOFACIAL_SURGERY,
    Field.PLASTIC_SURGERY,
    Field.SLIMMING_CLINIC,
    Field.SPORTS_CLUB_DOCTOR,
    Field.SPINAL_SURGERY,
    Field.PREGNANCY_TERMINATION,
)
COSMETIC_SPARED = (
    Procedure.BOTOX,
    Procedure.NON_PERMANENT_FILLER,
    Procedure.SUPERFICIAL_CHEMICAL_PEEL,
)
SCREENING_SPARED = (Procedure.DVLA_MEDICAL,)
JOINED, COMPLETION = dt.date(2025, 8, 6), dt.date(2028, 2, 2)


def best(fn: Callable[[], object], repeat: int) -> float:
    """The best wall time of `repeat` calls of `fn`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


# 1. The trainee private-practice decision -------------------------------------------------


def raw_questions(n: int, seed: int = 7) -> list[dict[str, object]]:
    """Varied raw questions: fields, procedures, overall charge, earnings, dates."""
    rng = random.Random(seed)
    fields = list(Field)
    procedures = list(Procedure)
    span = (COMPLETION - JOINED).days
    out = []
    for _ in range(n):
        field = rng.choice(fields)
        procedure = rng.choice(
            (*COSMETIC_SPARED, Procedure.PERMANENT_FILLER)
            if field is Field.COSMETIC_MEDICINE
            else (*SCREENING_SPARED, Procedure.OTHER)
            if field is Field.HEALTH_SCREENING
            else procedures
        )
        out.append(
            {
                "field": field.value,
                "procedure": procedure.value,
                "overall_charge": rng.random() < 0.15,
                "earnings": rng.choice([0, 5_000, 10_000, 10_001, 25_000]),
                "on": JOINED + dt.timedelta(days=rng.randrange(span)),
            }
        )
    return out


def hand_written(
    field: str, procedure: str, overall_charge: bool, earnings: int
) -> tuple[bool, int]:
    """The rules of seed 003 as a plain function: covered, and the annual fee."""
    fee = 0 if earnings <= 10_000 else 1_100
    if overall_charge:
        return False, fee
    if field in _EXCLUDED and procedure not in _SPARED.get(field, ()):
        return False, fee
    if procedure == _LASER:  # "ophthalmology (including refractive laser surgery)"
        return False, fee
    return True, fee


_EXCLUDED = frozenset(f.value for f in EXCLUDED_FIELDS)
_LASER = Procedure.REFRACTIVE_LASER_SURGERY.value
_SPARED = {
    Field.COSMETIC_MEDICINE.value: frozenset(p.value for p in COSMETIC_SPARED),
    Field.HEALTH_SCREENING.value: frozenset(p.value for p in SCREENING_SPARED),
}


def zen_table() -> str:
    """The same rules as a GoRules JDM graph with one first-hit decision table."""
    q = json.dumps
    rows = [
        ({"charge": "true"}, "false"),
        (
            {
                "field": q(Field.COSMETIC_MEDICINE.value),
                "procedure": ", ".join(q(p.value) for p in COSMETIC_SPARED),
            },
            "true",
        ),
        (
            {
                "field": q(Field.HEALTH_SCREENING.value),
                "procedure": ", ".join(q(p.value) for p in SCREENING_SPARED),
            },
            "true",
        ),
        ({"field": ", ".join(q(f.value) for f in EXCLUDED_FIELDS)}, "false"),
        ({"procedure": q(Procedure.REFRACTIVE_LASER_SURGERY.value)}, "false"),
        ({}, "true"),
    ]
    inputs = {"charge": "overall_charge", "field": "field", "procedure": "procedure"}
    rules = []
    for i, (cells, covered) in enumerate(rows):
        rule = {"_id": f"r{i}", **{k: cells.get(k, "") for k in inputs}}
        rule |= {"covered": covered, "fee": "earnings > 10000 ? 1100 : 0"}
        rules.append(rule)
    table = {
        "hitPolicy": "first",
        "inputs": [
            {"id": k, "name": k, "type": "expression", "field": v} for k, v in inputs.items()
        ],
        "outputs": [
            {"id": k, "name": k, "type": "expression", "field": k} for k in ("covered", "fee")
        ],
        "rules": rules,
    }
    pos = {"x": 0, "y": 0}
    return json.dumps(
        {
            "contentType": "application/vnd.gorules.decision",
            "nodes": [
                {"id": "in", "type": "inputNode", "name": "Request", "position": pos},
                {
                    "id": "table",
                    "type": "decisionTableNode",
                    "name": "Trainee private practice",
                    "position": pos,
                    "content": table,
                },
                {"id": "out", "type": "outputNode", "name": "Response", "position": pos},
            ],
            "edges": [
                {"id": "e1", "type": "edge", "sourceId": "in", "targetId": "table"},
                {"id": "e2", "type": "edge", "sourceId": "table", "targetId": "out"},
            ],
        }
    )


def rule_engine_rules() -> list[tuple[object, bool]]:
    """The same rules, one `rule_engine.Rule` per row, for a first-hit scan."""
    import rule_engine

    cosmetic = json.dumps([p.value for p in COSMETIC_SPARED])
    excluded = json.dumps([f.value for f in EXCLUDED_FIELDS])
    rows = [
        ("overall_charge == true", False),
        (f"field == '{Field.COSMETIC_MEDICINE.value}' and procedure in {cosmetic}", True),
        (f"field == '{Field.HEALTH_SCREENING.value}' and procedure == 'dvla-medical'", True),
        (f"field in {excluded}", False),
        (f"procedure == '{Procedure.REFRACTIVE_LASER_SURGERY.value}'", False),
        ("true", True),
    ]
    return [(rule_engine.Rule(text), covered) for text, covered in rows]


def bench_trainee(n: int, repeat: int) -> dict[str, float]:  # noqa: PLR0915 - one measurement, its baselines side by side
    """Measure the trainee private-practice decision on every engine; check they agree."""
    import zen

    raw = raw_questions(n)
    portfolio = Portfolio(uk.trainee_memberships(JOINED, COMPLETION, private_practice=True))
    compiled = portfolio.compile()
    fee_of = uk.private_practice_fee

    def ask(r: dict[str, object]) -> Question:
        activity = Activity.of(
            "private-practice",
            field=r["field"],
            procedure=r["procedure"],
            overall_charge=r["overall_charge"],
            declared=True,
            nhs_patient=False,
        )
        return Question.ask(activity, r["on"], "england")  # type: ignore[arg-type]

    def ours() -> list[tuple[bool, int]]:
        return [(compiled.decide(ask(r)).covered, fee_of(r["earnings"]).annual_fee) for r in raw]

    def ours_explained_text() -> int:
        return sum(len(compiled.decide(ask(r)).explain()) for r in raw)

    prepared = [ask(r) for r in raw]
    earnings = [r["earnings"] for r in raw]

    def ours_outcomes() -> list[tuple[bool, int]]:
        outcomes = compiled.outcomes(prepared)
        return [
            (o is Outcome.COVERED, 0 if e <= 10_000 else 1_100)
            for o, e in zip(outcomes, earnings, strict=True)
        ]

    def hand() -> list[tuple[bool, int]]:
        return [
            hand_written(r["field"], r["procedure"], r["overall_charge"], r["earnings"])
            for r in raw
        ]

    contexts = [
        {k: r[k] for k in ("field", "procedure", "overall_charge", "earnings")} for r in raw
    ]
    texts = [json.dumps(c) for c in contexts]
    engine = zen.ZenEngine(
        {"loader": {"type": "static", "content": {"t": json.loads(zen_table())}}}
    )
    decision = engine.create_decision(zen.ZenDecisionContent(zen_table()))

    def zen_dict() -> list[tuple[bool, int]]:
        out = []
        for c in contexts:
            res = decision.evaluate(c)["result"]
            out.append((res["covered"], res["fee"]))
        return out

    def zen_text() -> list[tuple[bool, int]]:
        out = []
        for t in texts:
            res = decision.evaluate(t)["result"]
            out.append((res["covered"], res["fee"]))
        return out

    def zen_by_key() -> list[tuple[bool, int]]:
        out = []
        for c in contexts:
            res = engine.evaluate("t", c)["result"]
            out.append((res["covered"], res["fee"]))
        return out

    def zen_batch() -> list[tuple[bool, int]]:
        batch = engine.evaluate_batch([{"key": "t", "context": c} for c in contexts])
        return [(b["data"]["result"]["covered"], b["data"]["result"]["fee"]) for b in batch]

    rules = rule_engine_rules()

    def rule_engine_first_hit() -> list[tuple[bool, int]]:
        out = []
        for c in contexts:
            for rule, covered in rules:
                if rule.matches(c):  # type: ignore[attr-defined]
                    out.append((covered, 0 if c["earnings"] <= 10_000 else 1_100))
                    break
        return out

    expected = hand()
    for name, fn in [
        ("indemnity", ours),
        ("indemnity outcomes", ours_outcomes),
        ("zen dict", zen_dict),
        ("zen text", zen_text),
        ("zen by key", zen_by_key),
        ("zen batch", zen_batch),
        ("rule-engine", rule_engine_first_hit),
    ]:
        got = fn()
        if got != expected:
            bad = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
            sys.exit(f"{name} disagrees with the hand-written rules on {raw[bad]}: {got[bad]}")

    rate = {}
    rate["indemnity, explained"] = n / best(ours, repeat)
    rate["indemnity, explain() rendered"] = n / best(ours_explained_text, repeat)
    rate["indemnity, outcome only"] = n / best(ours_outcomes, repeat)
    rate["hand-written"] = n / best(hand, repeat)
    zen_rates = {
        "decision.evaluate(dict), as its README shows": n / best(zen_dict, repeat),
        "decision.evaluate(json text)": n / best(zen_text, repeat),
        "engine.evaluate(key, dict), loader-cached": n / best(zen_by_key, repeat),
        "engine.evaluate_batch": n / best(zen_batch, repeat),
    }
    for route, value in zen_rates.items():
        rate[f"zen-engine: {route}"] = value
    rate["zen-engine README route"] = zen_rates["decision.evaluate(dict), as its README shows"]
    rate["zen-engine fastest route"] = max(zen_rates.values())
    rate["rule-engine"] = n / best(rule_engine_first_hit, repeat)
    return rate


# 2. A career portfolio ---------------------------------------------------------------------


def career() -> Portfolio:
    """Ten memberships over five catalogue schemes: a doctor's twenty years."""
    from indemnity import MembershipPeriod, Period

    s = uk.scheme
    d = dt.date
    return Portfolio(
        (
            MembershipPeriod(
                s("medical-protection"),
                Period(d(2006, 8, 2), d(2012, 8, 1)),
                label="MPS as FY/core trainee",
            ),
            MembershipPeriod(
                s("cnst"), Period(d(2006, 8, 2), d(2012, 8, 1)), label="NHS trust, Leeds"
            ),
            MembershipPeriod(
                s("cnoris"), Period(d(2012, 8, 1), d(2015, 8, 5)), label="NHS board, Glasgow"
            ),
            MembershipPeriod(
                s("mddus"), Period(d(2012, 8, 1), d(2015, 8, 5)), label="MDDUS in Scotland"
            ),
            MembershipPeriod(
                s("cnst"), Period(d(2015, 8, 5), d(2020, 4, 1)), label="NHS trust, London"
            ),
            MembershipPeriod(s("mdu"), Period(d(2015, 8, 5), d(2020, 4, 1)), label="MDU"),
            MembershipPeriod(s("medical-protection"), Period(d(2020, 4, 1)), label="MPS again"),
            MembershipPeriod(s("cnst"), Period(d(2020, 4, 1)), label="NHS trust, Bristol"),
            MembershipPeriod(
                s("nhs-wales"), Period(d(2022, 1, 10), d(2023, 1, 9)), label="Welsh locum year"
            ),
            MembershipPeriod(
                s("mdu"), Period(d(2003, 1, 1), d(2006, 8, 2)), label="MDU as a student"
            ),
        ),
        holder="Dr Career",
    )


def career_questions(n: int, seed: int = 11) -> list[Question]:
    """Varied questions over the career: activities, places, matters, dates."""
    rng = random.Random(seed)
    activities = [
        Activity.of("nhs-contracted-care", engaged_by="nhs-body"),
        Activity.of("private-practice", nhs_patient=False, declared=True),
        Activity.of("category-2-work", declared=True),
        Activity.of("good-samaritan"),
        Activity.of("nhs-contracted-care", engaged_by="nhs-staffing-contractor"),
    ]
    places = ["england", "scotland", "wales", "overseas"]
    matters = [Matter.CLINICAL_NEGLIGENCE, Matter.COMPLAINT, Matter.REGULATORY, Matter.INQUEST]
    start, days = dt.date(2004, 1, 1), 365 * 22
    return [
        Question.ask(
            rng.choice(activities),
            start + dt.timedelta(days=rng.randrange(days)),
            rng.choice(places),
            matter=rng.choice(matters),
        )
        for _ in range(n)
    ]


def bench_career(n: int, repeat: int) -> dict[str, float]:
    """Explained decisions per second on the career portfolio, compiled and plain."""
    portfolio = career()
    questions = career_questions(n)
    compiled = portfolio.compile()
    for q in questions:
        plain, fast = portfolio.decide(q), compiled.decide(q)
        if (plain.outcome, plain.grounds, plain.missing) != (
            fast.outcome,
            fast.grounds,
            fast.missing,
        ):
            sys.exit(f"compiled and plain paths disagree on {q}")

    def fast() -> None:
        for q in questions:
            compiled.decide(q)

    def fast_cold() -> None:
        for q in questions:
            portfolio.compile().decide(q)

    def plain() -> None:
        for q in questions:
            portfolio.decide(q)

    return {
        "compiled, explained": n / best(fast, repeat),
        "compiled afresh per question": n / best(fast_cold, repeat),
        "plain Portfolio.decide": n / best(plain, repeat),
    }


# 3. Import cost ----------------------------------------------------------------------------


def import_cost(code: str, repeat: int) -> float:
    """Best wall time of a fresh interpreter running `code`."""

    def run() -> None:
        subprocess.run([sys.executable, "-c", code], check=True)

    return best(run, repeat)


def bench_import(repeat: int) -> dict[str, float]:
    """Seconds spent importing, over an empty interpreter's start."""
    empty = import_cost("pass", repeat)
    return {
        "dependencies alone": import_cost("import attrs, dateutil.relativedelta", repeat) - empty,
        "import indemnity": import_cost("import attrs, dateutil.relativedelta, indemnity", repeat)
        - empty,
        "core names": import_cost(
            "from indemnity import Portfolio, Activity, Decision, Question", repeat
        )
        - empty,
        "the catalogue": import_cost("import indemnity.uk as uk; uk.schemes()", repeat) - empty,
    }


def goal(ok: bool) -> str:
    """A mark for a goal met or missed."""
    return "met" if ok else "MISSED"


def main(argv: Iterable[str] | None = None) -> None:
    """Run the three measurements and print figures, ratios and goals."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(list(argv) if argv is not None else None)

    print(f"Python {sys.version.split()[0]}; {args.questions} questions; best of {args.repeat}")
    print("\n1. Trainee private-practice decision (seed 003), decisions per second")
    r = bench_trainee(args.questions, args.repeat)
    for name, value in r.items():
        if name not in {"zen-engine README route", "zen-engine fastest route"}:
            print(f"   {name:58} {value:>12,.0f}")
    ratios = [
        (
            "explained / zen-engine, README route",
            r["indemnity, explained"] / r["zen-engine README route"],
            ">= 10",
            10,
        ),
        (
            "explained / zen-engine, fastest route",
            r["indemnity, explained"] / r["zen-engine fastest route"],
            ">= 10",
            10,
        ),
        ("explained / rule-engine", r["indemnity, explained"] / r["rule-engine"], ">= 3", 3),
    ]
    for name, value, want, bound in ratios:
        print(f"   {name:58} {value:>11.1f}x  goal {want}: {goal(value >= bound)}")
    slower = r["hand-written"] / r["indemnity, outcome only"]
    print(
        f"   {'hand-written / outcome only (how many times slower)':58} {slower:>11.1f}x  "
        f"goal <= 5: {goal(slower <= 5)}"
    )

    print("\n2. Career portfolio (10 memberships, 5 schemes), explained decisions per second")
    c = bench_career(args.questions, args.repeat)
    for name, value in c.items():
        print(f"   {name:58} {value:>12,.0f}")
    print(
        f"   {'goal >= 100,000 (compiled, explained)':58} {'':>12}  "
        f"{goal(c['compiled, explained'] >= 100_000)}"
    )

    print("\n3. Import cost, milliseconds over an empty interpreter")
    imp = bench_import(max(args.repeat, 7))
    for name, value in imp.items():
        print(f"   {name:58} {value * 1000:>12.1f}")
    ratio = imp["import indemnity"] / imp["dependencies alone"]
    core = imp["core names"] / imp["dependencies alone"]
    label = "import indemnity / dependencies alone"
    print(f"   {label:58} {ratio:>11.2f}x  goal <= 1.3: {goal(ratio <= 1.3)}")
    print(f"   {'core names / dependencies alone (information)':58} {core:>11.2f}x")


if __name__ == "__main__":
    main()
