"""``limit`` stops the search: the first ``limit`` equilibria are found without listing the rest.

A chain of ``k`` decision nodes where every move pays 0 to everyone has every pure profile as a
subgame-perfect equilibrium (each mover is indifferent everywhere): 2**k of them.  At k = 27
that is 134,217,728 SPE; asking for 5 must not enumerate them (a hang guard fails the test if it
does).  A game of pure coordination on 0 has every profile as a pure Nash equilibrium.
"""

from __future__ import annotations

import signal
from contextlib import contextmanager

import numpy as np
import pytest

import gametheory as gt
from gametheory import ExtensiveGame, decision, leaf
from gametheory.cli import main
from gametheory.games import StrategicGame


class Overtime(BaseException):
    pass


@contextmanager
def hang_guard(seconds: float):
    """Fail (instead of hanging the run) if the block takes more than ``seconds``."""
    def expire(signum, frame):
        raise Overtime(f"more than {seconds} s: the search did not stop at the limit")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def tied_chain(k: int, forced: int | None = None) -> ExtensiveGame:
    """``k`` nodes, movers alternating; "stop" and "go" pay 0, except at node ``forced`` (counted
    from the root) where stopping pays its mover 1, so that the mover must stop there."""
    node = leaf(0, 0)
    for depth in range(k - 1, -1, -1):
        mover = depth % 2
        stop = [0, 0]
        if depth == forced:
            stop[mover] = 1
        node = decision(mover, {"stop": leaf(*stop), "go": node})
    return ExtensiveGame(["A", "B"], node)


def test_five_of_a_hundred_million_spe(tmp_path):
    with hang_guard(60):
        solution = gt.solve(tied_chain(27), limit=5)
    assert solution.count == 2**27 == 134_217_728
    assert len(solution.equilibria) == 5 and not solution.complete
    assert solution.note.endswith("134217728 pure SPE, 5 listed")
    behaviors = {e.behavior for e in solution}
    assert len(behaviors) == 5                              # five different profiles
    assert all(e.regret == 0 and e.subgame_regret == 0 for e in solution)
    # mutation: stopping pays B 1 at node 3, so B stops there; upstream, B at node 1 then
    # strictly prefers "go" when A goes on at node 2 (B reaches its 1), and is indifferent when
    # A stops: 3 choices for nodes 1-2, 2 at node 0, 2**23 below node 3: 3 * 2**24 SPE
    with hang_guard(60):
        forced = gt.solve(tied_chain(27, forced=3), limit=5)
    assert forced.count == 3 * 2**24 and len(forced.equilibria) == 5
    for e in forced:
        node3 = e.behavior[1][1]                             # B's second node: the 4th in all
        assert node3 == (1, 0)                               # "stop", probability 1


def test_the_command_line_stops_at_the_limit(tmp_path, capsys):
    path = tmp_path / "chain.efg"
    gt.write(tied_chain(27), path)
    with hang_guard(120):
        status = main(["solve", str(path), "--limit", "3"])
    out = capsys.readouterr().out
    assert status == 0 and "134217728 pure SPE, 3 listed" in out
    assert [line.split()[:2] for line in out.splitlines() if line.startswith("Equilibrium")] \
        == [["Equilibrium", "1"], ["Equilibrium", "2"], ["Equilibrium", "3"]]


def test_enumpure_lists_the_first_pure_equilibria_and_counts_all():
    n = 120
    coordination = StrategicGame(["A", "B"], [[f"a{i}" for i in range(n)]] * 2,
                                 np.zeros((2, n, n), dtype=np.int64))
    with hang_guard(60):
        solution = gt.solve(coordination, "enumpure", limit=4)
    assert solution.count == n * n and not solution.complete
    assert [tuple(s.index(1) for s in e.strategies) for e in solution] == [
        (0, 0), (0, 1), (0, 2), (0, 3)]
    assert all(e.regret == 0 for e in solution)
    # mutation: A strictly prefers row 7 against every column: only (7, j) remain
    payoffs = np.zeros((2, n, n), dtype=np.int64)
    payoffs[0, 7, :] = 1
    row7 = StrategicGame(["A", "B"], [[f"a{i}" for i in range(n)]] * 2, payoffs)
    solution = gt.solve(row7, "enumpure", limit=2)
    assert solution.count == n
    assert [tuple(s.index(1) for s in e.strategies) for e in solution] == [(7, 0), (7, 1)]
    with pytest.raises(ValueError, match="at least 1"):
        gt.solve(row7, "enumpure", limit=0)
