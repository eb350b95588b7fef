"""Sweep a workforce: a table of questions about many people in, a table of answers out.

An NHS body or a workforce platform keeps its people and their careers in
tables. A sweep reads two of them and writes a third:

- a **questions table**, one row per question: whose (``person``, or a
  ``portfolio`` file), what kind of work (``kind``), when (``on``), where
  (``jurisdiction``), optionally the ``matter``, ``claimed_on`` and
  ``notified_on``, an ``id``, and one column per fact known (``declared``,
  ``nhs_patient``, ...), an empty cell being an unknown fact
  (`QUESTION_COLUMNS`);
- a **careers table**, one row per membership: ``person``, ``scheme`` (a
  catalogue key), ``start`` and optionally ``end``, ``options``, ``label``,
  ``retroactive_date``, ``run_off_end`` (`CAREER_COLUMNS`);
- an **answers table**, one row per question, in order: ``row``, ``id``,
  ``person``, then ``outcome``, the covering ``schemes``, the fact to
  ``ask_next`` and the ``missing`` facts of an undetermined answer, and the
  first ``reason`` code (`ANSWER_COLUMNS`).

Each person's portfolio is compiled once (`CompiledPortfolio`), and each
distinct activity is checked once, so a sweep answers tens of thousands of
questions a second in each process. Tables are CSV or Parquet files
(`sweep_file`, ``indemnity sweep``), pandas or polars data frames (`sweep`),
or Dask DataFrames (`sweep_dask`); they come and go through Arrow, which the
``tables`` extra installs (``pip install 'indemnity[tables]'``; Dask is the
``dask`` extra). A cell the library cannot read raises `TableError`, naming
the table, the row and the column.

>>> import pandas as pd
>>> from indemnity.sweep import sweep
>>> careers = pd.DataFrame({"person": ["ada"], "scheme": ["mdu"], "start": ["2020-08-05"]})
>>> questions = pd.DataFrame({
...     "person": ["ada", "ada"],
...     "kind": ["private-practice", "private-practice"],
...     "on": ["2025-03-10", "2025-03-10"],
...     "jurisdiction": ["england", "england"],
...     "declared": ["yes", None],
... })
>>> sweep(questions, careers)[["outcome", "schemes", "ask_next"]]
     outcome schemes ask_next
0    covered     mdu      NaN
1  undetermined     NaN  declared
"""

from indemnity.sweep._arrow import MissingPackageError
from indemnity.sweep._careers import Careers
from indemnity.sweep._columns import ANSWER_COLUMNS, CAREER_COLUMNS, QUESTION_COLUMNS, TableError
from indemnity.sweep._run import CHUNK, sweep, sweep_dask, sweep_file
from indemnity.sweep._summary import Summary

__all__ = [
    "ANSWER_COLUMNS",
    "CAREER_COLUMNS",
    "CHUNK",
    "QUESTION_COLUMNS",
    "Careers",
    "MissingPackageError",
    "Summary",
    "TableError",
    "sweep",
    "sweep_dask",
    "sweep_file",
]
