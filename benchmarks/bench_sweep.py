"""`indemnity sweep` over a generated workforce: time and peak memory for N questions.

Run it as a plain script (the ``tables`` extra installed; ``dask`` for ``--dask``)::

    .venv/bin/python benchmarks/bench_sweep.py --questions 1000000 --workers 2
    .venv/bin/python benchmarks/bench_sweep.py --questions 10000000 --workers 2
    .venv/bin/python benchmarks/bench_sweep.py --questions 1000000 --dask 2

It writes a careers table and a questions table (Parquet by default, or CSV)
to a temporary folder, as an NHS body's records would give them: one person
in ten questions, consultants, GPs, doctors in Scotland, trainees with
Medical Protection's block membership and agency locums, each with their own
dates; ten questions each about their NHS work (a claim and a complaint),
private practice, category 2 work and a Good Samaritan act, early and late in
post. Then it runs ``indemnity sweep`` on them as a separate process, as a
user would, and reports the wall time and the peak memory of that process
and its workers together (their resident memory summed, sampled every
50 ms), and the largest single process. ``--dask N`` starts a local Dask
cluster of N single-threaded worker processes and sweeps on it through
``--dask ADDRESS``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from indemnity import uk

CAREERS = ("consultant", "gp", "scottish", "trainee", "agency-locum")
QUESTIONS_EACH = 10
SEED = 1887  # SI 2014/1887, the legal requirement
ENGAGER = {
    "consultant": "nhs-body",
    "gp": "nhs-primary-care-provider",
    "scottish": "nhs-body",
    "trainee": "nhs-body",
    "agency-locum": "nhs-staffing-contractor",
}
CAREER_SCHEMA = pa.schema(
    [(name, pa.string()) for name in ("person", "scheme", "start", "end", "options", "label")]
)
FACTS = ("engaged_by", "nhs_patient", "declared", "overall_charge")
QUESTION_SCHEMA = pa.schema(
    [
        (name, pa.string())
        for name in ("id", "person", "kind", "on", "jurisdiction", "matter", *FACTS)
    ]
)


def person(i: int) -> tuple[str, str, dt.date, dt.date, str]:
    """A person: id, career, start, end, where they work (deterministic)."""
    career = CAREERS[i % len(CAREERS)]
    start = dt.date(2012, 1, 1) + dt.timedelta(days=(i * 7919 + SEED) % 3650)
    end = start + dt.timedelta(days=365 * (2 + (i * 31) % 9))
    return f"P{i:08d}", career, start, end, "scotland" if career == "scottish" else "england"


def career_rows(i: int) -> list[tuple[str, str, str, str, str, str]]:
    """The careers table's rows of person `i`."""
    who, career, start, end, _ = person(i)
    held = (start.isoformat(), end.isoformat())
    match career:
        case "consultant":
            return [(who, "cnst", *held, "", "CNST"), (who, "mdu", *held, "", "MDU")]
        case "gp":
            return [(who, "cnsgp", *held, "", "CNSGP"), (who, "mddus", *held, "", "MDDUS")]
        case "scottish":
            return [(who, "cnoris", *held, "", "CNORIS"), (who, "mddus", *held, "", "MDDUS")]
        case "trainee":
            rows = [(who, "cnst", *held, "", "CNST")]
            for m in uk.trainee_memberships(start, end, private_practice=True):
                end_ = m.period.end.isoformat() if m.period.end else ""
                rows.append(
                    (who, m.scheme.key, m.period.start.isoformat(), end_, "private-practice", "")
                )
            return rows
        case _:
            return [(who, "cnst", *held, "", "CNST")]


OTHER_WORK = (
    ("private-practice", "", "no", "yes", "no"),
    ("category-2-work", "", "", "yes", ""),
    ("good-samaritan", "", "", "", ""),
)


def question_rows(i: int) -> list[tuple[str, ...]]:
    """The questions table's ten rows about person `i`."""
    who, career, start, end, place = person(i)
    nhs = ("nhs-contracted-care", ENGAGER[career], "", "", "")
    asked = [(nhs, "clinical-negligence"), (nhs, "complaint")]
    asked += [(work, "clinical-negligence") for work in OTHER_WORK]
    rows = []
    for k, ((kind, *facts), matter) in enumerate(asked):
        for j, when in enumerate((start + dt.timedelta(days=100 + 37 * k), end - dt.timedelta(30))):
            q = f"Q{i:08d}-{2 * k + j}"
            rows.append((q, who, kind, when.isoformat(), place, matter, *facts))
    return rows


def _write(path: Path, schema: pa.Schema, rows_of, people: int, step: int = 20_000) -> None:
    writer = (pq.ParquetWriter if path.suffix == ".parquet" else pacsv.CSVWriter)(str(path), schema)
    try:
        for lo in range(0, people, step):
            rows = [r for i in range(lo, min(people, lo + step)) for r in rows_of(i)]
            columns = list(zip(*rows, strict=True))
            writer.write_table(pa.table(columns, schema=schema))
    finally:
        writer.close()


def generate(folder: Path, questions: int, fmt: str) -> tuple[Path, Path]:
    """Write the careers and questions tables for `questions` questions; return their paths."""
    people = max(1, questions // QUESTIONS_EACH)
    careers = folder / f"careers.{fmt}"
    asked = folder / f"questions.{fmt}"
    _write(careers, CAREER_SCHEMA, career_rows, people)
    _write(asked, QUESTION_SCHEMA, question_rows, people)
    return careers, asked


# ---------------------------------------------------------------------------
# measuring


def _tree(root: int) -> list[int]:
    """`root` and every process below it."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*"):
            with contextlib.suppress(OSError):
                todo.extend(int(c) for c in (task / "children").read_text().split())
    return found


def _cpu(pid: int) -> float:
    """The CPU seconds (user and system) process `pid` has used so far."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _kib(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class Sampler(threading.Thread):
    """Samples the resident memory of a process tree: the peak of the sum, and the largest one."""

    def __init__(self, root: int, *, skip_root: bool = False) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.skip_root = skip_root
        self.peak_total = 0
        self.peak_one: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            pids = _tree(self.root)[1:] if self.skip_root else _tree(self.root)
            total = 0
            for pid in pids:
                rss = _kib(pid, "VmRSS")
                total += rss
                self.peak_one[pid] = max(self.peak_one.get(pid, 0), _kib(pid, "VmHWM"))
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu(pid))
            self.peak_total = max(self.peak_total, total)
            self.stop.wait(0.05)


def run_sweep(command: list[str], *, local_workers: bool) -> tuple[float, dict, Sampler]:
    """Run the sweep command; its time, its JSON summary, and its memory.

    With `local_workers`, the Dask workers this process started are measured
    too: every process below this one.
    """
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    sampler = Sampler(os.getpid(), skip_root=True) if local_workers else Sampler(child.pid)
    sampler.start()
    out, _ = child.communicate()
    elapsed = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    if child.returncode:
        raise SystemExit(f"the sweep failed: {command}")
    return elapsed, json.loads(out), sampler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1_000_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--chunk", type=int, default=None)
    parser.add_argument("--dask", type=int, metavar="N", help="sweep on a local cluster of N")
    parser.add_argument("--keep", metavar="FOLDER", help="write the tables here, and keep them")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        careers, questions = generate(folder, args.questions, args.format)
        made = time.perf_counter() - start
        answers = folder / f"answers.{args.format}"
        command = [sys.executable, "-m", "indemnity", "sweep", str(questions)]
        command += ["--careers", str(careers), "--out", str(answers), "--json"]
        if args.chunk:
            command += ["--chunk", str(args.chunk)]
        cluster = None
        if args.dask:
            from distributed import LocalCluster

            cluster = LocalCluster(
                n_workers=args.dask, threads_per_worker=1, dashboard_address=None
            )
            command += ["--dask", cluster.scheduler_address]
            where = f"a local Dask cluster of {args.dask} worker processes"
        else:
            command += ["--workers", str(args.workers)]
            where = f"{args.workers} worker process{'es' if args.workers > 1 else ''}"
        before = os.getloadavg()[0]
        try:
            elapsed, summary, sampler = run_sweep(command, local_workers=bool(args.dask))
        finally:
            if cluster is not None:
                cluster.close()
        size = sum(p.stat().st_size for p in (careers, questions))
        report(args, size, made, where, elapsed, before, summary, sampler)


def report(  # noqa: PLR0917 - what was measured, printed in one place
    args: argparse.Namespace,
    size: int,
    made: float,
    where: str,
    elapsed: float,
    before: float,
    summary: dict,
    sampler: Sampler,
) -> None:
    """Print what was measured."""
    total = summary["questions"]
    print(f"{total:,} questions ({args.format}, {size / 2**20:,.0f} MiB with the careers),")
    print(f"  {where}; tables generated in {made:.0f} s")
    cpu = sum(sampler.cpu.values())
    print(f"time {elapsed:.1f} s: {total / elapsed:,.0f} questions a second")
    print(f"  CPU {cpu:.0f} s in all processes: {total / cpu:,.0f} questions a CPU second")
    if args.dask:
        print("  (the scheduler runs in this script's process and is not counted)")
    print(
        f"  (load average {before:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"on {os.cpu_count()} cores: other work on the machine slows this)"
    )
    if args.dask:
        print("peak memory, the command and the Dask workers together (not the scheduler):")
    else:
        print("peak memory, the command and its workers together:")
    print(
        f"  {sampler.peak_total / 1024:,.0f} MiB; largest process "
        f"{max(sampler.peak_one.values()) / 1024:,.0f} MiB"
    )
    for outcome, n in summary["outcomes"].items():
        print(f"  {outcome:13} {n:>12,}")
    for fact, n in summary["undetermined_waiting_on"].items():
        print(f"    waiting on {fact}: {n:,}")


if __name__ == "__main__":
    main()
