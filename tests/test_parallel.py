"""Parallel and cluster sweeps give the serial result exactly; progress; missing extras."""

from __future__ import annotations

import io
import sys

import numpy as np
import pytest

from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.models import MODELS
from gametheory.parallel import parallel_counts, parallel_sweep, slabs
from gametheory.progress import Progress, track
from gametheory.symbolic.sweep import grid, sweep


def _same(a, b):
    assert a.shape == b.shape
    assert np.array_equal(a.payoffs, b.payoffs)
    assert np.array_equal(a.terminal, b.terminal)
    assert np.array_equal(a.ties, b.ties)
    assert a.choice.keys() == b.choice.keys()
    for v in a.choice:
        assert np.array_equal(a.choice[v], b.choice[v])


def _linkage_plane():
    model = MODELS["linkage"]
    fixed = {k: v for k, v in model.point(lam=0).items() if k not in ("c", "s")}
    return model.build(**fixed)


def _million():
    return grid(c=np.linspace(0, 4, 1000), s=np.linspace(0.1, 4, 1000))


def test_slabs_cover_the_grid_in_order():
    for shape, tasks, per_task in [((7, 300), 4, None), ((5,), 3, 2), ((1, 10), 8, 1)]:
        ranges = slabs(shape, tasks, per_task)
        assert ranges[0][0] == 0 and ranges[-1][1] == shape[0]
        assert all(a[1] == b[0] and a[0] < a[1] for a, b in zip(ranges, ranges[1:]))


def test_serial_slabs_equal_one_sweep_with_chance_and_ties():
    game = ExtensiveGame(["A", "B"], decision("A", {
        "bet": chance({"h": ("p", decision("B", {"x": leaf("c", 1), "y": leaf(1, "c")})),
                       "t": ("1 - p", leaf(0, 0))}),
        "pass": leaf("c/2", 0)}), parameters=["c", "p"])
    values = grid(c=np.linspace(-1, 3, 41), p=np.linspace(0, 1, 11))
    seen = []
    result = parallel_sweep(game, values, points_per_task=30, quiet=True,
                            callback=lambda done, total: seen.append((done, total)))
    _same(result, sweep(game, values))
    counts = parallel_counts(game, values, points_per_task=30, quiet=True)
    assert counts.paths()[None] == int((result.terminal == -1).sum()) > 0   # through chance
    assert counts.ties == int(result.ties.sum()) and counts.points == 41 * 11
    assert len(seen) == len(slabs((41, 11), 4, 30)) > 1
    assert seen[-1][0] == seen[-1][1]
    assert result.ties.any() and (result.terminal == -1).any()


def test_a_million_points_on_two_cores_equal_the_serial_sweep():
    pytest.importorskip("joblib", reason="parallel sweeps need the [parallel] extra")
    game, values = _linkage_plane(), _million()
    serial = sweep(game, values, progress=False)
    assert serial.payoffs[0].size == 10**6
    _same(parallel_sweep(game, values, n_jobs=2, quiet=True), serial)
    counts = parallel_counts(game, values, n_jobs=2, quiet=True, points_per_task=100_000)
    codes, numbers = np.unique(serial.terminal, return_counts=True)
    assert counts.terminals == dict(zip(codes.tolist(), numbers.tolist()))
    assert counts.ties == int(serial.ties.sum()) and counts.points == 10**6
    assert {path: n / 10**6 for path, n in counts.paths().items()} == serial.share()
    shares = serial.share()
    # with lam = 0 and the defaults, A offers S exactly where the side payment pays:
    # R - s*(c + sigma) - d > 0 and s >= gamma; elsewhere nothing (N)
    assert set(shares) == {("N",), ("S", "accept")}


def test_a_two_worker_dask_cluster_equals_the_serial_sweep():
    pytest.importorskip("joblib", reason="cluster sweeps need the [dask] extra")
    distributed = pytest.importorskip("distributed", reason="cluster sweeps need [dask]")
    game, values = _linkage_plane(), _million()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        address = cluster.scheduler_address
        result = parallel_sweep(game, values, scheduler=address, quiet=True)
        counts = parallel_counts(game, values, scheduler=address, quiet=True)
        grid_options = ["--grid", "c=0:4:50", "--grid", "s=1/10:4:40", "--param", "lam=0",
                        "--format", "json", "--quiet"]
        on_cluster = _cli_output(["sweep", "linkage", *grid_options, "--scheduler", address])
    serial = sweep(game, values, progress=False)
    _same(result, serial)
    assert counts.paths() == {path: round(share * 10**6) for path, share in serial.share().items()}
    assert on_cluster == _cli_output(["sweep", "linkage", *grid_options])


def _cli_output(argv):
    import contextlib

    from gametheory.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(argv) == 0
    return out.getvalue()


def test_missing_joblib_and_dask_are_one_line_errors(monkeypatch):
    game = _linkage_plane()
    values = grid(c=[0, 1], s=[1, 2])
    monkeypatch.setitem(sys.modules, "joblib", None)
    with pytest.raises(ImportError, match=r"pip install 'gametheory\[parallel\]'"):
        parallel_sweep(game, values, n_jobs=2)
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ImportError, match=r"pip install 'gametheory\[dask\]'"):
        parallel_sweep(game, values, scheduler="tcp://127.0.0.1:1")
    _same(parallel_sweep(game, values, quiet=True), sweep(game, values))   # serial needs neither


def test_imperfect_information_is_refused():
    with pytest.raises(ValueError, match="perfect-information"):
        parallel_sweep(MODELS["linkage-resolve"].build(**MODELS["linkage-resolve"].point()),
                       {})


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_only_on_a_terminal_and_not_when_quiet():
    pipe = io.StringIO()
    with Progress(2, "work", stream=pipe) as bar:
        bar.update(2)
    assert pipe.getvalue() == "" and not bar.shown
    terminal = _Terminal()
    with Progress(4, "work", stream=terminal, use_tqdm=False) as bar:
        bar.update()
        assert "work 1/4 (25%)" in terminal.getvalue()
    quiet = _Terminal()
    calls = []
    with Progress(3, stream=quiet, quiet=True, callback=lambda d, t: calls.append(d)) as bar:
        bar.update(3)
    assert quiet.getvalue() == "" and calls == [3]


def test_track_counts_items_after_they_are_used():
    calls = []
    for item in track(["a", "b", "c"], callback=lambda done, total: calls.append((done, total))):
        assert len(calls) == "abc".index(item)
    assert calls == [(1, 3), (2, 3), (3, 3)]
