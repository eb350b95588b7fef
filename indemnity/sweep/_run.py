"""Running a sweep: over a data frame, over files in worker processes, or on a Dask cluster."""

from __future__ import annotations

import collections
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

from indemnity.errors import InvalidFieldError
from indemnity.sweep._arrow import module, pyarrow
from indemnity.sweep._careers import Careers
from indemnity.sweep._engine import OUTPUT, sweeper
from indemnity.sweep._frames import kind_of, like, row_names, to_arrow
from indemnity.sweep._summary import Summary
from indemnity.sweep._tables import Layout, Source, Writer, answer_columns, output_schema
from indemnity.uk.registry import vocabulary as uk_vocabulary

__all__ = ["CHUNK", "sweep", "sweep_dask", "sweep_file"]

CHUNK = 50_000
"""Questions per chunk: what one worker answers at a time, and what memory holds per chunk."""

CareersLike = Careers | str | os.PathLike[str] | Any


def careers_of(careers: CareersLike) -> Careers | None:
    """`careers` as `Careers`: as it is, read from a file, or taken from a data frame."""
    if careers is None or isinstance(careers, Careers):
        return careers
    if isinstance(careers, str | os.PathLike):
        return Careers.read(careers)
    return Careers.from_frame(careers)


def _layout(
    columns: Sequence[str], table: str, keep: Sequence[str], careers: Careers | None
) -> Layout:
    # facts are checked against the catalogue's words when people come from a careers table;
    # portfolio files may declare words of their own, checked as their rows are read
    words = uk_vocabulary() if careers is not None and "person" in columns else None
    return Layout(columns, table, keep, words)


# ---------------------------------------------------------------------------
# data frames


def sweep(
    questions: Any,
    careers: CareersLike = None,
    *,
    keep: Sequence[str] = (),
    folder: str | os.PathLike[str] | None = None,
) -> Any:
    """Answer every question of a data frame, in this process.

    Args:
        questions: A pandas or polars DataFrame, or an Arrow table, with the
            columns of `QUESTION_COLUMNS` and a column per fact given.
        careers: Who holds what: `Careers`, a careers file, or a careers data
            frame; None when the questions name portfolios (``portfolio``).
        keep: More columns of `questions` to copy to the answers.
        folder: Where portfolio files are named from (the working folder by default).

    Returns:
        The answers (`ANSWER_COLUMNS`, without ``row``), as the same kind of
        frame; a pandas frame keeps the questions' index.

    Raises:
        TableError: a cell or a column is wrong; names the row (a pandas
            frame's index label, else the position from 0) and the column.
        MissingPackageError: pyarrow (or the frame's own package) is not installed.
    """
    held = careers_of(careers)
    table = to_arrow(questions)
    layout = _layout(table.column_names, "questions", keep, held)
    names = row_names(questions)
    work = sweeper(held, "questions", Path(folder) if folder is not None else Path.cwd())
    answers, _ = answer_columns(table, layout, work, names or range(table.num_rows))
    return _assemble(questions, table, layout, answers)


def _assemble(frame: Any, table: Any, layout: Layout, answers: dict[str, Any]) -> Any:
    pa = pyarrow()
    if kind_of(frame) == "pandas":
        out = frame[list(layout.copied)].copy()
        converted = pa.table(answers).to_pandas()
        for name in OUTPUT:
            out[name] = converted[name].to_numpy()
        return out
    columns = {name: table.column(name) for name in layout.copied}
    columns.update(answers)
    return like(pa.table(columns), frame)


# ---------------------------------------------------------------------------
# files


def _chunk_task(  # noqa: PLR0917 - a task's arguments travel as a tuple
    chunk: Any, first: int, table: str, folder: str, layout: Layout, careers: Careers | str | None
) -> tuple[dict[str, Any], Summary]:
    """Answer one chunk of a file (in a worker: a process, or a Dask worker)."""
    pa = pyarrow()
    held = _WORKER_CAREERS if isinstance(careers, str) else careers
    work = sweeper(held, table, Path(folder))
    answers, summary = answer_columns(chunk, layout, work, range(first, first + chunk.num_rows))
    answers["row"] = pa.array(range(first, first + chunk.num_rows), pa.int64())
    for name in layout.copied:
        answers[name] = chunk.column(name)
    return answers, summary


_WORKER_CAREERS: Careers | None = None
_SHARED = "careers given when the worker started"


def _start_worker(careers: Careers | None) -> None:
    global _WORKER_CAREERS  # noqa: PLW0603 - one table per worker process, set as it starts
    _WORKER_CAREERS = careers


def sweep_file(
    questions: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    careers: CareersLike = None,
    keep: Sequence[str] = (),
    workers: int = 1,
    dask: str | Any | None = None,
    chunk: int = CHUNK,
    progress: bool | TextIO | None = None,
) -> Summary:
    """Answer every question of a questions file and write the answers file, a chunk at a time.

    Memory holds the careers and a few chunks, never the whole table: chunks
    are read as workers free up and written as soon as they are answered, in
    order. The answers file is written under a temporary name beside it and
    renamed when the sweep is done, so it is never half written.

    Args:
        questions: A CSV or Parquet file of questions (`QUESTION_COLUMNS`).
        out: The answers file to write (`ANSWER_COLUMNS`); ``.csv`` or ``.parquet``.
        careers: Who holds what: `Careers`, a careers file or a data frame;
            None when the questions name portfolios (``portfolio``).
        keep: More question columns to copy to the answers.
        workers: Worker processes to answer in (1: this process).
        dask: A Dask scheduler's address (``tcp://host:8786``), or a
            ``distributed.Client``, to answer on that cluster instead.
        chunk: Questions per chunk.
        progress: A stream to show a progress bar on; None shows one on
            stderr when it is a terminal; False shows none.

    Returns:
        The summary: answers by outcome, undetermined ones by missing fact.

    Raises:
        TableError: a cell or a column is wrong; names the row and column.
        FileFormatError: a file is not a table of its format.
        MissingPackageError: pyarrow, or Dask for `dask`, is not installed.
        OSError: a file cannot be read or written.
    """
    if workers < 1:
        raise InvalidFieldError("workers", "a number of worker processes, 1 or more", workers)
    if chunk < 1:
        raise InvalidFieldError("chunk", "a number of rows, 1 or more", chunk)
    started = time.perf_counter()
    held = careers_of(careers)
    source = Source(questions, chunk)
    layout = _layout(source.column_names, source.name, keep, held)
    schema = output_schema(source.schema, layout, numbered=True)
    folder = str(Path(questions).resolve().parent)
    bar = _Bar.of(progress, source)
    total = Summary()
    with Writer(out, schema) as writer, _executor(workers, dask, held) as (submit, window, shared):
        pending: collections.deque[Future[tuple[dict[str, Any], Summary]]] = collections.deque()
        first = 1
        try:
            for part in source:
                pending.append(
                    submit(_chunk_task, part, first, source.name, folder, layout, shared)
                )
                first += part.num_rows
                while len(pending) >= window or (pending and pending[0].done()):
                    total += _write(pending.popleft(), writer, bar)
            while pending:
                total += _write(pending.popleft(), writer, bar)
        except BaseException:
            for future in pending:
                future.cancel()
            raise
        finally:
            bar.close()
    return total.timed(time.perf_counter() - started)


def _write(future: Future[tuple[dict[str, Any], Summary]], writer: Writer, bar: _Bar) -> Summary:
    answers, summary = future.result()
    writer.write(answers)
    bar.advance(summary.questions)
    return summary


class _Inline(Executor):
    """Runs each task as it is submitted, in this process."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as err:  # noqa: BLE001 - handed to whoever reads the result
            future.set_exception(err)
        return future


class _executor:  # noqa: N801 - used as a function in a with statement
    """Where chunks are answered: (submit, how many chunks may be in flight, careers to pass)."""

    def __init__(self, workers: int, dask: str | Any | None, careers: Careers | None) -> None:
        self.workers = workers
        self.dask = dask
        self.careers = careers
        self._close: Callable[[], None] = lambda: None

    def __enter__(self) -> tuple[Callable[..., Future[Any]], int, Any]:
        if self.dask is not None:
            return self._on_dask()
        if self.workers == 1:
            pool: Executor = _Inline()
            return pool.submit, 1, self.careers
        context = multiprocessing.get_context(
            "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
        )
        pool = ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(self.careers,)
        )
        self._close = lambda: pool.shutdown(wait=True, cancel_futures=True)
        return pool.submit, 2 * self.workers, _SHARED

    def _on_dask(self) -> tuple[Callable[..., Future[Any]], int, Any]:
        distributed = module("distributed")
        client: Any = self.dask
        if isinstance(client, str):
            client = distributed.Client(client)
            self._close = client.close
        threads = max(1, sum(client.nthreads().values()))
        shared = None
        if self.careers is not None:
            [shared] = client.scatter([self.careers], broadcast=True, hash=False)

        def submit(fn: Callable[..., Any], /, *args: Any) -> Future[Any]:
            # pure=False: a chunk is not worth hashing to name its task
            return client.submit(fn, *args, pure=False)  # type: ignore[no-any-return]

        return submit, 2 * threads, shared

    def __exit__(self, *exc: object) -> None:
        self._close()


class _Bar:
    """A progress bar on a terminal; nothing at all elsewhere."""

    def __init__(self, stream: TextIO | None, source: Source) -> None:
        self.stream = stream
        self.source = source
        self.count = 0
        self.started = time.perf_counter()
        self.shown = 0.0

    @classmethod
    def of(cls, progress: bool | TextIO | None, source: Source) -> _Bar:  # noqa: FBT001
        if progress is None:
            stream = sys.stderr if _is_terminal(sys.stderr) else None
        elif progress is True:
            stream = sys.stderr
        elif progress is False:
            stream = None
        else:
            stream = progress
        if stream is not None:
            source.count()  # a CSV file's lines are counted once, for the bar's length
        return cls(stream, source)

    def advance(self, questions: int) -> None:
        self.count += questions
        now = time.perf_counter()
        if self.stream is None or now - self.shown < 0.2:  # noqa: PLR2004 - five times a second
            return
        self.shown = now
        self._draw(now)

    def _draw(self, now: float) -> None:
        assert self.stream is not None  # noqa: S101 - only drawn with a stream
        total = self.source.count()
        done = min(1.0, self.count / total) if total else 1.0
        rate = self.count / max(now - self.started, 1e-9)
        width = 30
        filled = round(done * width)
        bar = f"[{'#' * filled}{'.' * (width - filled)}] {done:4.0%} "
        self.stream.write(f"\rindemnity sweep: {bar}{self.count:,} questions, {rate:,.0f}/s \x1b[K")
        self.stream.flush()

    def close(self) -> None:
        if self.stream is not None and self.count:
            self._draw(time.perf_counter())
            self.stream.write("\n")
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


# ---------------------------------------------------------------------------
# Dask data frames


def _answer_partition(frame: Any, careers: Careers | None, keep: Sequence[str], folder: str) -> Any:
    """Answer one partition of a Dask DataFrame (a pandas frame), naming rows by index label."""
    layout = _layout(list(frame.columns), "questions", keep, careers)
    work = sweeper(careers, "questions", Path(folder))
    arrow = to_arrow(frame)
    answers, _ = answer_columns(arrow, layout, work, list(frame.index))
    return _assemble(frame, arrow, layout, answers)


def sweep_dask(
    questions: Any,
    careers: CareersLike = None,
    *,
    keep: Sequence[str] = (),
    folder: str | os.PathLike[str] | None = None,
) -> Any:
    """Answer every question of a Dask DataFrame, partition by partition, lazily.

    Each partition is answered by `sweep` on a worker (through
    ``map_partitions``); the answers are a Dask DataFrame with the questions'
    index and divisions, computed when asked (``.compute()``,
    ``.to_parquet(...)``). The careers travel to each worker once, as one
    task of the graph that every partition's task depends on.

    Args:
        questions: A ``dask.dataframe.DataFrame`` of questions (`QUESTION_COLUMNS`).
        careers: Who holds what: `Careers`, a careers file (read here, then
            sent), or a data frame; None when the questions name portfolios.
        keep: More question columns to copy to the answers.
        folder: Where portfolio files are named from, as the workers see it.

    Returns:
        A Dask DataFrame of answers (`ANSWER_COLUMNS`, without ``row``).

    Raises:
        TableError: a column is wrong (at once), or a cell (when computed).
        MissingPackageError: Dask is not installed.
    """
    dask = module("dask")
    pd = module("pandas")
    held = careers_of(careers)
    empty = pd.DataFrame({c: pd.Series([], dtype=t) for c, t in questions.dtypes.items()})
    empty.index = questions._meta.index
    where = str(Path(folder) if folder is not None else Path.cwd())
    meta = _answer_partition(empty, held, keep, where)
    shared = dask.delayed(held, pure=True, traverse=False) if held is not None else None
    return questions.map_partitions(
        _answer_partition, shared, tuple(keep), where, meta=meta, align_dataframes=False
    )
