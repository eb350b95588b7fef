"""Benchmark: the trainee private-practice decision against general rules engines.

Run it as a plain script (it needs the `bench` extra: zen-engine, rule-engine)::

    .venv/bin/python benchmarks/bench_decisions.py [--questions 4000] [--rounds 7]

One stream of varied raw questions (field, procedure, overall charge,
earnings, date) about Medical Protection's additional private-practice
membership for trainees: the overall-charge exclusion, twenty excluded
fields, two exceptions inside them, and the £10,000 fee threshold. Every
contender answers every question of the stream, in the same order, and all
must agree with a hand-written function of the same rules. The contenders
run interleaved, round by round (see benchmarks/_rounds.py); each ratio is
worked out per round and printed with its median and spread, against its
target (issue 14). Nothing here asserts a time.

Contenders (each from the same raw dicts, covered and fee):

- ``indemnity, explained``: `Activity.of(...)` and `is_covered(...)` on the
  trainee's compiled portfolio, the plain public route, giving a `Decision`
  (outcome, cited grounds, reasons on demand), and the fee from
  `indemnity.uk.private_practice_fee`;
- ``indemnity, reasons read``: the same, reading `decision.reasons`;
- ``indemnity, explained, new dates``: the explained route on the same
  questions with every date moved, round by round, to one not asked before
  (the answers do not depend on the date within the trainee's career, and
  the check below proves it), on a compiled portfolio of its own: every
  other contender asks the same stream each round, so this one shows what a
  date never asked before costs (information: no target);
- ``indemnity, prepared asker``: `CompiledPortfolio.asker(kind, facts=...)`,
  a prepared question with a fixed fact layout, its call taken once as a
  bound method (`Asker.ask`, the route its documentation gives for a loop)
  and called with a tuple of the values and the date (the tuples built
  outside the timing, as ZEN's contexts are), and the same fee function;
- ``indemnity, asker as an instance``: the same asker called as an instance,
  ``asker(values, on)`` (information: what the bound method saves);
- ``zen, static loader``: `ZenEngine({"loader": {"type": "static", ...}})`
  and `engine.evaluate(key, context)`: ZEN's fastest per-question route;
- ``zen, evaluate_batch``: the same engine, all questions in one call;
- ``zen, README route``: `engine.create_decision(content).evaluate(context)`;
- ``rule-engine``: one `rule_engine.Rule` per row of the table, first hit;
- ``hand-written``: a plain function of the same rules.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
from collections.abc import Callable, Iterable, Iterator

from _rounds import interleave, rate_verdict, rates, ratio, spread, verdict

from indemnity import Activity, CompiledPortfolio, Decision, Portfolio, uk
from indemnity.uk import Field, Procedure

EXCLUDED_FIELDS = (
    Field.AIR_AMBULANCE_REPATRIATION,
    Field.BARIATRIC_SURGERY,
    Field.BENEFITS_WORK,
    Field.CIRCUMCISION,
    Field.COMPLEMENTARY_MEDICINE,
    Field.COSMETIC_AESTHETIC_MEDICINE,
    Field.GENERAL_PRACTICE,
    Field.HEALTH_SCREENING,
    Field.MEDICAL_NON_CLINICAL_WORK,
    Field.MEDICOLEGAL_WORK,
    Field.NEUROSURGERY,
    Field.OBSTETRICS,
    Field.OCCUPATIONAL_MEDICINE,
    Field.OPHTHALMOLOGY,
    Field.ORAL_AND_MAXILLOFACIAL_SURGERY,
    Field.PLASTIC_RECONSTRUCTIVE_AESTHETIC_SURGERY,
    Field.SLIMMING_CLINIC,
    Field.SPORTS_CLUB_DOCTOR,
    Field.SPINAL_PROCEDURES_SURGERY,
    Field.PREGNANCY_TERMINATION,
)
COSMETIC_SPARED = (
    Procedure.BOTOX,
    Procedure.NON_PERMANENT_FILLER,
    Procedure.SUPERFICIAL_CHEMICAL_PEEL,
)
SCREENING_SPARED = (Procedure.DVLA_MEDICAL,)
JOINED, COMPLETION = dt.date(2025, 8, 6), dt.date(2028, 2, 2)
FACTS = ("field", "procedure", "overall_charge", "declared", "nhs_patient")


def raw_questions(n: int, seed: int = 7) -> list[dict[str, object]]:
    """Varied raw questions, as a web form would send them."""
    rng = random.Random(seed)
    fields = [f.value for f in Field]
    procedures = [p.value for p in Procedure]
    span = (COMPLETION - JOINED).days
    out = []
    for _ in range(n):
        field = rng.choice(fields)
        if field == Field.COSMETIC_AESTHETIC_MEDICINE:
            procedure = rng.choice([*COSMETIC_SPARED, Procedure.PERMANENT_FILLER]).value
        elif field == Field.HEALTH_SCREENING:
            procedure = rng.choice([*SCREENING_SPARED, Procedure.HGV_MEDICAL]).value
        else:
            procedure = rng.choice(procedures)
        out.append(
            {
                "field": field,
                "procedure": procedure,
                "overall_charge": rng.random() < 0.15,
                "earnings": rng.choice([0, 5_000, 10_000, 10_001, 25_000]),
                "on": JOINED + dt.timedelta(days=rng.randrange(span)),
            }
        )
    return out


_EXCLUDED = frozenset(f.value for f in EXCLUDED_FIELDS)
_SPARED = {
    Field.COSMETIC_AESTHETIC_MEDICINE.value: frozenset(p.value for p in COSMETIC_SPARED),
    Field.HEALTH_SCREENING.value: frozenset(p.value for p in SCREENING_SPARED),
}


def hand_written(
    field: str, procedure: str, overall_charge: bool, earnings: int
) -> tuple[bool, int]:
    """The rules as a plain function: covered, and the annual fee."""
    fee = 0 if earnings <= 10_000 else 1_100
    if overall_charge:
        return False, fee
    if field in _EXCLUDED and procedure not in _SPARED.get(field, ()):
        return False, fee
    return True, fee


def zen_table() -> dict[str, object]:
    """The same rules as a GoRules JDM graph with one first-hit decision table."""
    q = json.dumps
    rows = [
        ({"charge": "true"}, "false"),
        (
            {
                "field": q(Field.COSMETIC_AESTHETIC_MEDICINE.value),
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
    return {
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


def rule_engine_rules() -> list[tuple[object, bool]]:
    """The same rules, one `rule_engine.Rule` per row, for a first-hit scan."""
    import rule_engine

    cosmetic = json.dumps([p.value for p in COSMETIC_SPARED])
    excluded = json.dumps([f.value for f in EXCLUDED_FIELDS])
    rows = [
        ("overall_charge == true", False),
        (f"field == '{Field.COSMETIC_AESTHETIC_MEDICINE.value}' and procedure in {cosmetic}", True),
        (f"field == '{Field.HEALTH_SCREENING.value}' and procedure == 'dvla-medical'", True),
        (f"field in {excluded}", False),
        ("true", True),
    ]
    return [(rule_engine.Rule(text), covered) for text, covered in rows]


Answers = list[tuple[bool, int]]


def moved_dates(raw: list[dict[str, object]], times: int) -> Iterator[list[dt.date]]:
    """The stream's dates, moved by a week more each time, within the career (see above)."""
    span = (COMPLETION - JOINED).days
    offsets = [(r["on"] - JOINED).days for r in raw]  # type: ignore[operator]
    moved = [
        [JOINED + dt.timedelta(days=(o + 7 * (k + 1)) % span) for o in offsets]
        for k in range(times)
    ]
    return iter(moved)


def ours(raw: list[dict[str, object]], rounds: int) -> dict[str, Callable[[], Answers]]:
    """This library's contenders, each a function answering the whole stream."""
    portfolio = Portfolio(uk.trainee_memberships(JOINED, COMPLETION, private_practice=True))
    compiled = CompiledPortfolio(portfolio)
    fee_of = uk.private_practice_fee

    def decided(r: dict[str, object], on: object, compiled: CompiledPortfolio) -> Decision:
        """The plain public route from one raw question: `Activity.of`, then `is_covered`."""
        activity = Activity.of(
            "private-practice",
            field=r["field"],
            procedure=r["procedure"],
            overall_charge=r["overall_charge"],
            declared=True,
            nhs_patient=False,
        )
        return compiled.is_covered(activity, on, "england")  # type: ignore[arg-type]

    def explained() -> Answers:
        out = []
        for r in raw:
            decision = decided(r, r["on"], compiled)
            out.append((decision.covered, fee_of(r["earnings"]).annual_fee))  # type: ignore[arg-type]
        return out

    def reasons_read() -> Answers:
        out = []
        for r in raw:
            decision = decided(r, r["on"], compiled)
            if not decision.reasons and not decision.covered:
                sys.exit("a refusal without reasons")
            out.append((decision.covered, fee_of(r["earnings"]).annual_fee))  # type: ignore[arg-type]
        return out

    dates = moved_dates(raw, rounds + 1)  # made before the timing: one list per call
    # Its own compiled portfolio: what it remembers is not the other routes' to drop.
    apart = CompiledPortfolio(portfolio)

    def explained_new_dates() -> Answers:
        out = []
        for r, on in zip(raw, next(dates), strict=True):
            decision = decided(r, on, apart)
            out.append((decision.covered, fee_of(r["earnings"]).annual_fee))  # type: ignore[arg-type]
        return out

    found: dict[str, Callable[[], Answers]] = {
        "indemnity, explained": explained,
        "indemnity, reasons read": reasons_read,
        "indemnity, explained, new dates": explained_new_dates,
    }
    asker = compiled.asker("private-practice", facts=FACTS, jurisdiction="england")
    ask = asker.ask  # the asker's call as a bound method, taken once (its documented loop route)
    # The asker's fixed layout, built from the raw dicts outside the timing, as
    # ZEN's contexts are below.
    rows = [
        ((r["field"], r["procedure"], r["overall_charge"], True, False), r["on"], r["earnings"])
        for r in raw
    ]

    def prepared() -> Answers:
        out = []
        for values, on, earnings in rows:
            out.append((ask(values, on).covered, fee_of(earnings).annual_fee))  # type: ignore[arg-type]
        return out

    def prepared_instance() -> Answers:
        out = []
        for values, on, earnings in rows:
            out.append((asker(values, on).covered, fee_of(earnings).annual_fee))  # type: ignore[arg-type]
        return out

    found["indemnity, prepared asker"] = prepared
    found["indemnity, asker as an instance"] = prepared_instance
    return found


def contenders(raw: list[dict[str, object]], rounds: int) -> dict[str, Callable[[], Answers]]:
    """Every contender, each a function answering the whole stream (called rounds + 1 times)."""
    import zen

    found = ours(raw, rounds)
    content = zen_table()
    engine = zen.ZenEngine({"loader": {"type": "static", "content": {"t": content}}})
    readme = engine.create_decision(zen.ZenDecisionContent(json.dumps(content)))
    contexts = [
        {k: r[k] for k in ("field", "procedure", "overall_charge", "earnings")} for r in raw
    ]

    def zen_static() -> Answers:
        out = []
        for c in contexts:
            res = engine.evaluate("t", c)["result"]
            out.append((res["covered"], res["fee"]))
        return out

    def zen_batch() -> Answers:
        batch = engine.evaluate_batch([{"key": "t", "context": c} for c in contexts])
        return [(b["data"]["result"]["covered"], b["data"]["result"]["fee"]) for b in batch]

    def zen_readme() -> Answers:
        out = []
        for c in contexts:
            res = readme.evaluate(c)["result"]
            out.append((res["covered"], res["fee"]))
        return out

    rules = rule_engine_rules()

    def rule_engine_first_hit() -> Answers:
        out = []
        for c in contexts:
            for rule, covered in rules:
                if rule.matches(c):  # type: ignore[attr-defined]
                    out.append((covered, 0 if c["earnings"] <= 10_000 else 1_100))  # type: ignore[operator]
                    break
        return out

    def hand() -> Answers:
        return [
            hand_written(r["field"], r["procedure"], r["overall_charge"], r["earnings"])  # type: ignore[arg-type]
            for r in raw
        ]

    found |= {
        "zen, static loader": zen_static,
        "zen, evaluate_batch": zen_batch,
        "zen, README route": zen_readme,
        "rule-engine": rule_engine_first_hit,
        "hand-written": hand,
    }
    return found


def main(argv: Iterable[str] | None = None) -> None:
    """Check that every contender agrees, then time them in interleaved rounds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(list(argv) if argv is not None else None)

    raw = raw_questions(args.questions)
    runs = contenders(raw, args.rounds)
    expected = runs["hand-written"]()
    for name, fn in runs.items():
        got = fn()
        if got != expected:
            bad = next(i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b)
            sys.exit(f"{name} disagrees with the hand-written rules on {raw[bad]}: {got[bad]}")
    print(
        f"Python {sys.version.split()[0]}; {args.questions} questions, every contender agreeing; "
        f"{args.rounds} interleaved rounds: median [lowest .. highest round]"
    )
    r = rates(interleave(runs, args.rounds), args.questions)
    for name, values in r.items():
        print(f"  {name:34} {spread(values)}")
    print("Ratios, per round:")
    explained = r["indemnity, explained"]
    checks = [
        ("explained / zen static loader", explained, "zen, static loader", 2.0),
        ("explained / zen README route", explained, "zen, README route", 20.0),
        ("explained / rule-engine", explained, "rule-engine", 5.0),
    ]
    checks.append(
        ("prepared asker / zen static loader", r["indemnity, prepared asker"],
         "zen, static loader", 8.0)
    )  # fmt: skip
    for label, ours, theirs, target in checks:
        print(f"  {label:42} {verdict(ratio(ours, r[theirs]), target)}")
    print("Rates against a fixed target:")
    targets = [("indemnity, reasons read", 100_000.0), ("indemnity, prepared asker", 1_000_000.0)]
    for name, target in targets:
        print(f"  {name:42} {rate_verdict(r[name], target)}")
    new = ratio(r["indemnity, explained, new dates"], r["zen, static loader"])
    shown = f"{statistics.median(new):6.2f}x [{min(new):.2f} .. {max(new):.2f}]"
    print(f"  {'explained, new dates / zen static (information)':42} {shown}")
    bound = ratio(r["indemnity, prepared asker"], r["indemnity, asker as an instance"])
    print(f"  {'asker bound / as an instance (information)':42} {statistics.median(bound):6.2f}x")
    slower = ratio(r["hand-written"], explained)
    print(f"  {'hand-written / explained (information)':42} {statistics.median(slower):6.1f}x")


if __name__ == "__main__":
    main()
