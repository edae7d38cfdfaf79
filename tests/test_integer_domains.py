"""Integer parameters over huge domains: decided by integer arithmetic, never enumerated.

A parameter ``n`` with domain ``integer [0, 100000000]`` is one integer variable with two
bounds for z3 (linear integer arithmetic is decidable; Dutertre and de Moura, CAV 2006): every
region of the parametric solution is decided, and at integer points the regions give exactly
the subgame-perfect equilibria that backward induction finds on the game with the parameters
fixed.
"""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
import sympy

from gametheory import solve
from gametheory.cli import main
from gametheory.io import read
from gametheory.parameters import Parameter
from gametheory.symbolic import decide
from gametheory.symbolic.decide import covered, satisfiable
from gametheory.symbolic.parametric import parametric_spe

HUGE = "integer [0, 100000000]"


def _entry(domain: str = HUGE) -> dict:
    """Entry deterrence with an integer ``n`` and a real ``c``: the incumbent B fights iff
    ``c - 2n >= 1``; the entrant A enters a fight iff ``n - 5 >= 1``."""
    return {"players": ["A", "B"],
            "parameters": [{"name": "n", "domain": domain}, {"name": "c", "domain": "real"}],
            "tree": {"player": "A", "moves": [
                {"action": "out", "node": {"payoffs": ["1", "0"]}},
                {"action": "in", "node": {"player": "B", "moves": [
                    {"action": "fight", "node": {"payoffs": ["n - 5", "c - 2*n"]}},
                    {"action": "share", "node": {"payoffs": ["3", "1"]}}]}}]}}


def _parity(domain: str = HUGE) -> dict:
    """One mover, three actions: ``x`` (payoff 1) is optimal only where ``2n - 6 <= 1`` and
    ``8 - 2n <= 1``, that is at ``n = 7/2``, which no integer is; ``y`` (``2n - 6``) is optimal
    for ``n >= 4`` and ``z`` (``8 - 2n``) for ``n <= 3``."""
    return {"players": ["A"], "parameters": [{"name": "n", "domain": domain}],
            "tree": {"player": "A", "moves": [
                {"action": "x", "node": {"payoffs": ["1"]}},
                {"action": "y", "node": {"payoffs": ["2*n - 6"]}},
                {"action": "z", "node": {"payoffs": ["8 - 2*n"]}}]}}


def _write(tmp_path, data, name="game.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data))
    return path


def _equilibria_by_backward_induction(game, values):
    """(behaviour, payoffs) of every SPE of the game with the parameters fixed."""
    fixed = game.substitute(values)
    return {(e.behavior, e.payoffs) for e in solve(fixed, method="spe")}


def _equilibria_by_regions(solution, values):
    return {(e.profile, e.payoffs) for e in solution.at(values)}


def test_decide_huge_integer_domain_without_enumeration():
    n = Parameter("n", HUGE)
    N = n.symbol
    # 2n = 7 has a real solution and no integer one
    assert satisfiable([sympy.Eq(2 * N, 7)], [n]).status == "false"
    assert satisfiable([sympy.Eq(2 * N, 7)], [Parameter("n", "[0, 100000000]")]).status == "true"
    assert satisfiable([sympy.Eq(2 * N, 7)], [n], witness=False).status == "false"
    # strictly between 3 and 4: empty over the integers
    assert satisfiable([N > 3, N < 4], [n]).status == "false"
    decision = satisfiable([N > 99999998], [n])
    assert decision.status == "true" and decision.witness[N] in (99999999, 100000000)
    assert satisfiable([N > 100000000], [n]).status == "false"
    # no point strictly between the two parts: covered over the integers only
    assert covered([N >= 0], [[N <= 3], [N >= 4]], [n]).status == "true"
    assert covered([N >= 0], [[N <= 3], [N >= 4]],
                   [Parameter("n", "[0, 100000000]")]).status == "false"


def test_integers_mixed_with_reals_and_switches():
    n, c, lam = Parameter("n", HUGE), Parameter("c", "real"), Parameter("lam", "{0, 1}")
    N, C, L = n.symbol, c.symbol, lam.symbol
    decision = satisfiable([C - 2 * N >= 1, 2 * C < 4 * N + 3, L * N > 2], [n, c, lam])
    # c in [2n + 1, 2n + 3/2) is a non-empty interval for every n; lam = 1 and n >= 3
    assert decision.status == "true"
    w = decision.witness
    assert w[L] == 1 and w[N].denominator == 1 and w[N] >= 3
    assert 2 * w[N] + 1 <= w[C] < 2 * w[N] + Fraction(3, 2)
    # c - 2n >= 1 and c - 2n < 1: empty whatever the domains
    assert satisfiable([C - 2 * N >= 1, C - 2 * N < 1], [n, c]).status == "false"


@pytest.mark.parametrize("generic", [False, True])
def test_every_region_decided_and_equal_to_backward_induction(tmp_path, generic):
    game = read(_write(tmp_path, _entry()))
    solution = parametric_spe(game, generic=generic)
    assert solution.pieces and all(piece.decided for piece in solution)
    points = [{"n": n, "c": c} for n in (0, 5, 6, 7, 10**8)
              for c in (Fraction(-3), Fraction(13), Fraction(27, 2), Fraction(14), 10**9)]
    compared = 0
    for point in points:
        by_regions = _equilibria_by_regions(solution, point)
        expected = _equilibria_by_backward_induction(game, point)
        on_boundary = len(expected) > 1
        if generic and on_boundary:
            assert by_regions <= expected     # a generic solution drops the boundaries
            continue
        assert by_regions == expected, point
        compared += 1
    assert compared >= 20


def test_regions_where_only_reals_would_have_points(tmp_path):
    game = read(_write(tmp_path, _parity()))
    solution = parametric_spe(game)
    assert all(piece.decided for piece in solution)
    assert sorted(piece.path for piece in solution) == [("y",), ("z",)]
    for n in (0, 3, 4, 10**8):
        assert _equilibria_by_regions(solution, {"n": n}) == \
            _equilibria_by_backward_induction(game, {"n": n})
    # the same game over the reals has x optimal at n = 7/2: the integer answer above is not
    # one that the solver would give whatever the domain
    real = parametric_spe(read(_write(tmp_path, _parity("[0, 100000000]"), "real.json")))
    assert ("x",) in {piece.path for piece in real}
    assert _equilibria_by_regions(real, {"n": Fraction(7, 2)}) == {
        ((((Fraction(1), Fraction(0), Fraction(0)),),), (Fraction(1),)),
        ((((Fraction(0), Fraction(1), Fraction(0)),),), (Fraction(1),)),
        ((((Fraction(0), Fraction(0), Fraction(1)),),), (Fraction(1),))}


def test_cli_regions_prints_no_undecided_region(tmp_path, capsys):
    path = _write(tmp_path, _entry())
    assert main(["regions", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 region(s)" in out and "undecided" not in out
    assert main(["regions", str(path), "--generic"]) == 0
    out = capsys.readouterr().out
    assert "undecided" not in out


def test_caches_are_bounded_and_cleared():
    info = decide.cache_info()
    assert info and all(i.maxsize is not None for i in info.values())
    n = Parameter("n", HUGE)
    satisfiable([n.symbol > 5], [n])
    assert decide.cache_info()["_satisfiable"].currsize >= 1
    decide.clear_caches()
    assert all(i.currsize == 0 for i in decide.cache_info().values())
