"""The sweep on a Dask cluster answers exactly as the single-process sweep does.

A small `LocalCluster` (two workers, threads in this process) is started once
for the module; both routes are checked: `sweep_dask` over a Dask DataFrame
(``map_partitions``), and `sweep_file` sending chunks to the cluster's
scheduler by its address, as ``indemnity sweep --dask ADDRESS`` does.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from indemnity.sweep import Careers, TableError, sweep, sweep_dask, sweep_file  # noqa: E402
from tests.test_sweep import CAREERS, QUESTIONS, _write, answers_of  # noqa: E402


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as local,
        distributed.Client(local) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def careers() -> Careers:
    return Careers.from_frame(CAREERS)


def test_a_dask_dataframe_is_answered_as_one_frame_is(cluster, careers) -> None:
    single = sweep(QUESTIONS, careers)
    spread = dd.from_pandas(QUESTIONS, npartitions=5)
    answers = sweep_dask(spread, careers, keep=["kind"])
    assert answers.npartitions == 5
    got = answers.compute()
    assert list(got.index) == list(single.index)
    assert answers_of(got) == answers_of(single)
    assert list(got["kind"].astype(object)) == list(QUESTIONS["kind"])


def test_careers_may_be_a_file(cluster, tmp_path) -> None:
    careers_file = _write(CAREERS, tmp_path / "careers.csv")
    got = sweep_dask(dd.from_pandas(QUESTIONS.head(50), npartitions=2), careers_file).compute()
    assert answers_of(got) == answers_of(sweep(QUESTIONS.head(50), CAREERS))


def test_a_bad_cell_names_its_row_by_index_label(cluster, careers) -> None:
    bad = QUESTIONS.copy()
    bad.loc[100, "on"] = "someday"
    answers = sweep_dask(dd.from_pandas(bad, npartitions=4), careers)
    with pytest.raises(TableError, match=r"^questions: row 100, column 'on'"):
        answers.compute()


def test_a_file_swept_on_the_cluster_is_the_file_swept_here(cluster, careers, tmp_path) -> None:
    source = _write(QUESTIONS, tmp_path / "q.csv")
    here = sweep_file(source, tmp_path / "here.csv", careers=careers, chunk=64, progress=False)
    address = cluster.scheduler.address
    there = sweep_file(
        source, tmp_path / "there.csv", careers=careers, chunk=64, dask=address, progress=False
    )
    assert (tmp_path / "here.csv").read_bytes() == (tmp_path / "there.csv").read_bytes()
    assert here == there
    by_client = sweep_file(
        source,
        tmp_path / "client.parquet",
        careers=careers,
        chunk=100,
        dask=cluster,
        progress=False,
    )
    assert by_client == here
