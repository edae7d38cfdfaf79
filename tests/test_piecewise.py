"""Piecewise payoffs (Abs, Max, Min, Piecewise) in the parametric solver: answers derived by
hand, the linear cells, and mutations that must change the regions."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction

import pytest
import sympy

from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.parameters import Parameter
from gametheory.symbolic.feasibility import Feasibility
from gametheory.symbolic.parametric import TooManyRegions, parametric_spe
from gametheory.symbolic.piecewise import alternatives, fixed_atoms, linear_cases, resolve


def abs_game(outside="1"):
    """A alone: x pays |c|, y pays ``outside``."""
    return ExtensiveGame(["A"], decision("A", {"x": leaf("Abs(c)"), "y": leaf(outside)}),
                         parameters=[Parameter("c", "real")])


def regions(solution):
    return {(frozenset(map(str, piece.conditions)), piece.path, piece.payoffs)
            for piece in solution}


def test_abs_game_generic_by_hand():
    # |c| > 1 exactly when c > 1 or c < -1: x there (payoff c or -c), y on -1 < c < 1
    c = sympy.Symbol("c", real=True)
    assert regions(parametric_spe(abs_game(), generic=True)) == {
        (frozenset({"c > 1"}), ("x",), (c,)),
        (frozenset({"c < -1"}), ("x",), (-c,)),
        (frozenset({"c > -1", "c < 1"}), ("y",), (1,))}


def test_abs_game_closed_by_hand():
    # ties at c = 1 and c = -1 belong to both actions
    c = sympy.Symbol("c", real=True)
    assert regions(parametric_spe(abs_game())) == {
        (frozenset({"c >= 1"}), ("x",), (c,)),
        (frozenset({"c <= -1"}), ("x",), (-c,)),
        (frozenset({"c >= -1", "c <= 1"}), ("y",), (1,))}


def test_abs_game_mutation_moves_the_regions():
    # y paying 2 instead of 1 moves the breakpoints to c = 2 and c = -2
    mutated = regions(parametric_spe(abs_game("2"), generic=True))
    assert mutated != regions(parametric_spe(abs_game(), generic=True))
    assert {conditions for conditions, path, _ in mutated if path == ("y",)} == {
        frozenset({"c > -2", "c < 2"})}


def test_max_and_min_in_a_two_player_game_by_hand():
    # B's reply to x pays B max(c, 0) for l, 1 for r; A gets min(c, 2) after l, 0 after r,
    # 1/2 for y.  B plays l iff max(c, 0) > 1, i.e. c > 1; then A gets min(c, 2) > 1/2 from
    # x.  The cells c > 2 and 1 < c < 2 hold one equilibrium: they are one region, whose
    # payoff for A keeps its Min (c <= 2 and c >= 2 both occur there).
    game = ExtensiveGame(["A", "B"], decision("A", {
        "x": decision("B", {"l": leaf("Min(c, 2)", "Max(c, 0)"), "r": leaf(0, 1)}),
        "y": leaf("1/2", 0)}), parameters=[Parameter("c", "real")])
    c = sympy.Symbol("c", real=True)
    found = regions(parametric_spe(game, generic=True))
    assert found == {
        (frozenset({"c > 1"}), ("x", "l"), (sympy.Min(c, 2), c)),
        (frozenset({"c < 1"}), ("y",), (sympy.Rational(1, 2), 0))}
    closed = regions(parametric_spe(game))
    assert (frozenset({"c >= 1"}), ("x", "l"), (sympy.Min(c, 2), c)) in closed
    assert not any("Max" in text or "Min" in text for conditions, _, _ in found | closed
                   for text in conditions)


def test_piecewise_payoff_split_by_its_conditions():
    # x pays 3 where c > 0 and -1 elsewhere; y pays 1: x exactly where c > 0
    c = sympy.Symbol("c", real=True)
    game = ExtensiveGame(["A"], decision("A", {
        "x": leaf(sympy.Piecewise((3, c > 0), (-1, True))), "y": leaf(1)}),
        parameters=[Parameter("c", "real")])
    for generic in (True, False):
        assert regions(parametric_spe(game, generic=generic)) == {
            (frozenset({"c > 0"}), ("x",), (3,)), (frozenset({"c <= 0"}), ("y",), (1,))}


def test_domain_decides_atoms():
    a, b = Parameter("a", ">= 0"), Parameter("b", "real")
    assert fixed_atoms([sympy.Abs(a.symbol - 1) + sympy.Abs(a.symbol)], [a]) == {
        sympy.Abs(a.symbol): a.symbol,
        sympy.Abs(a.symbol - 1): sympy.Abs(a.symbol - 1)}
    cells = linear_cases([sympy.Abs(a.symbol - b.symbol)], [a, b], strict=True)
    assert {frozenset(map(str, cell.conditions)) for cell in cells} == {
        frozenset({"a - b > 0"}), frozenset({"a - b < 0"})}
    check = Feasibility([a, b])
    assert resolve(sympy.Abs(a.symbol - b.symbol), frozenset({b.symbol < -1}), check) == \
        a.symbol - b.symbol


def test_alternatives_cover_without_overlap():
    x, y = sympy.symbols("x y", real=True)
    for atom in (sympy.Abs(x - y), sympy.Max(x, y, 1), sympy.Min(x, 2 * y)):
        pieces = alternatives(atom)
        for vx in range(-3, 4):
            for vy in range(-3, 4):
                point = {x: vx, y: vy}
                holding = [value for cell, value in pieces
                           if all(bool(r.subs(point)) for r in cell)]
                assert len(holding) == 1, (atom, point)
                assert holding[0].subs(point) == atom.subs(point)


def test_region_limit_cli_one_line():
    run = subprocess.run([sys.executable, "-m", "gametheory", "regions", "two-level",
                          "--max-regions", "5"], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert run.stdout == "" and len(run.stderr.strip().splitlines()) == 1
    assert "at least" in run.stderr and "--param" in run.stderr


def test_region_limit_library():
    with pytest.raises(TooManyRegions):
        parametric_spe(abs_game(), max_regions=2)
    assert len(parametric_spe(abs_game(), max_regions=3)) == 3


def test_factored_comparisons_agree_with_the_product():
    """compare_factored's alternatives hold exactly where the product is positive
    (non-negative when closed), at every point of a grid over the domain."""
    from gametheory.symbolic.relations import compare_factored
    p, a, b = sympy.symbols("p a b", real=True)
    bounds = {p: (0, 1), a: (0, None)}
    grid = [Fraction(k, 4) for k in range(0, 5)]
    for diff in ((1 - p) * (a - b), p * a - p * b + 0, p * (a - 2 * b) * (1 - p), a * p - b):
        for strict in (True, False):
            options = compare_factored(diff, strict, bounds)
            for vp in grid:
                for va in grid:
                    for vb in (Fraction(-1), Fraction(1, 3), Fraction(2)):
                        point = {p: vp, a: va, b: vb}
                        value = diff.subs(point)
                        expected = value > 0 if strict else value >= 0
                        got = any(all(bool(r.subs(point)) for r in option)
                                  for option in options)
                        assert got == bool(expected), (diff, strict, point)


def test_regions_cli_assume_narrows_by_hand():
    # x_F < 2x_N < 2x_V: both N and V accept F's ideal point, so F offers it and gets 0 in
    # every equilibrium (they differ only off the path)
    import json
    run = subprocess.run([sys.executable, "-m", "gametheory", "regions", "two-level",
                          "--generic", "--format", "json", "--assume", "x_N < x_V",
                          "--assume", "x_F < 2*x_N"], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert data["regions"] and all(r["path"] == ["x=x_F", "accept", "approve"] and
                                   r["payoffs"][0] == "0" for r in data["regions"])
    assert data["assumptions"] == ["x_N < x_V", "x_F < 2*x_N"] and "listed once" in data["note"]


def test_simultaneous_move_with_abs_by_hand():
    # B plays L (1 > 0) whatever A does; A, not seeing B, gets |c| from T and 1 from D
    def column(top):
        return decision("B", {"L": leaf("Abs(c)" if top else 1, 1), "R": leaf(0, 0)},
                        infoset="b")

    game = ExtensiveGame(["A", "B"], decision("A", {"T": column(True), "D": column(False)}),
                         parameters=[Parameter("c", "real")])
    c = sympy.Symbol("c", real=True)
    assert regions(parametric_spe(game, generic=True)) == {
        (frozenset({"c > 1"}), ("T", "L"), (c, 1)),
        (frozenset({"c < -1"}), ("T", "L"), (-c, 1)),
        (frozenset({"c > -1", "c < 1"}), ("D", "L"), (1, 1))}
    assert all(piece.decided for piece in parametric_spe(game))
