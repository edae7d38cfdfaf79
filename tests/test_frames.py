"""DataFrames and HTML of solutions, episodes and sweeps: exact values, names, missing pandas."""

from __future__ import annotations

import sys
from fractions import Fraction
from importlib import resources

import numpy as np
import pytest
import sympy

import gametheory as gt
from gametheory.catalog import (entry_game, kuhn_poker, leduc_poker, matching_pennies,
                                prisoners_dilemma)
from gametheory.games import ExtensiveGame, StrategicGame, decision, leaf
from gametheory.report.html import MAX_DRAWN_NODES, game_html, game_svg, solution_html
from gametheory.symbolic.parametric import parametric_spe
from gametheory.symbolic.sweep import grid, sweep

try:
    import tomllib
except ModuleNotFoundError:          # Python 3.10
    import tomli as tomllib

pandas = pytest.importorskip("pandas", reason="pandas is an optional extra (gametheory[pandas])")
from gametheory.report.frames import (episode_frame, solution_frame, support_path,  # noqa: E402
                                      sweep_frame)


def _entry(fight_payoff_of_incumbent):
    return ExtensiveGame(["E", "I"], decision("E", {
        "Out": leaf(0, 2),
        "In": decision("I", {"Fight": leaf(-1, fight_payoff_of_incumbent),
                             "Share": leaf(1, 1)})}), title="entry")


def test_equilibrium_rows_are_exact_and_named():
    frame = solution_frame(gt.solve(_entry(-1)))
    assert list(frame.index) == [1] and frame.index.name == "equilibrium"
    row = frame.loc[1]
    # backward induction: I shares (1 > -1), so E enters (1 > 0)
    assert (row["u_E"], row["u_I"]) == (Fraction(1), Fraction(1))
    assert isinstance(row["u_E"], Fraction) and isinstance(row["regret"], Fraction)
    assert row["path"] == ("In", "Share")
    assert row["strategy_E"] == "#1: In" and row["strategy_I"] == "#2: Share"
    assert row["regret"] == 0


def test_mutated_game_changes_the_row():
    # fighting now pays the incumbent 3 > 1: it fights, so E stays out (0 > -1)
    row = solution_frame(gt.solve(_entry(3))).loc[1]
    assert (row["u_E"], row["u_I"], row["path"]) == (0, 2, ("Out",))


def test_mixed_strategies_by_name_and_float_view():
    frame = solution_frame(gt.solve(matching_pennies()))
    assert frame.loc[1, "strategy_1"] == "H 1/2, T 1/2"
    assert frame.loc[1, "u_1"] == 0 and "path" not in frame.columns
    floats = solution_frame(gt.solve(matching_pennies()), exact=False)
    assert isinstance(floats.loc[1, "u_1"], float) and floats.loc[1, "u_1"] == 0.0
    assert floats.loc[1, "strategy_2"] == "H 1/2, T 1/2"


def test_kuhn_poker_value_and_chance_in_path():
    frame = solution_frame(gt.solve(kuhn_poker()))
    # the value of Kuhn poker to the first player is -1/18 (Kuhn 1950)
    assert set(frame["u_P1"]) == {Fraction(-1, 18)}
    path = frame.loc[1, "path"]
    # every deal of positive probability is on the path, in pre-order, before the bets
    assert path[:6] == ("JQ", "JK", "QJ", "QK", "KJ", "KQ")
    assert float(frame.loc[1, "u_P1"]) == solution_frame(gt.solve(kuhn_poker()),
                                                         exact=False).loc[1, "u_P1"]


def test_perfect_bayesian_rows_carry_their_supporting_beliefs():
    from gametheory.catalog import beer_quiche
    frame = solution_frame(gt.solve(beer_quiche(), method="pbe"))
    # Cho and Kreps (1987): two pooling equilibria, each held up by the receiver believing that
    # a sender who deviates is weak with probability at least 1/2
    assert len(frame) == 2 and frame["regret"].tolist() == [0, 0]
    for conditions in frame["conditions"]:
        (belief,) = set().union(*(c.free_symbols for c in conditions))
        holds = sympy.And(*conditions)
        assert holds.subs(belief, sympy.Rational(1, 2)) and not holds.subs(belief,
                                                                           sympy.Rational(49, 100))
    assert all(">= 1" in text for text in solution_frame(gt.solve(beer_quiche(), method="pbe"),
                                                         exact=False)["conditions"])


def test_support_path_follows_every_positive_branch():
    one, zero, half = Fraction(1), Fraction(0), Fraction(1, 2)
    game = _entry(-1)
    assert support_path(game, [[(half, half)], [(zero, one)]]) == ("Out", "In", "Share")
    assert support_path(game, [[(zero, one)], [(one, zero)]]) == ("In", "Fight")


def _symbolic_entry():
    return ExtensiveGame(["E", "I"], decision("E", {"Out": leaf(0, 2), "In": decision(
        "I", {"Fight": leaf(-1, "f"), "Share": leaf(1, "g")})}), parameters=["f", "g"])


def test_region_rows_keep_conditions_and_payoffs_symbolic():
    solution = parametric_spe(_symbolic_entry(), generic=True)
    frame = solution_frame(solution)
    assert frame.index.name == "region" and len(frame) == 2
    f, g = sympy.Symbol("f", real=True), sympy.Symbol("g", real=True)
    by_path = {row["path"]: row for _, row in frame.iterrows()}
    # I shares where g > f, then E enters; I fights where f > g, then E stays out
    share, out = by_path[("In", "Share")], by_path[("Out",)]
    assert share["u_I"] == g and out["u_I"] == 2
    for row, relation in ((share, g > f), (out, f > g)):
        condition = sympy.And(*row["conditions"])
        assert condition.subs({f: 0, g: 1}) == bool(relation.subs({f: 0, g: 1}))
        assert condition.subs({f: 1, g: 0}) == bool(relation.subs({f: 1, g: 0}))
    assert share["strategy_I"] == "#2: Share" and bool(share["decided"])
    text = solution_frame(solution, exact=False)
    assert all(isinstance(c, str) for c in text["conditions"])
    assert text.loc[text["path"] == ("In", "Share"), "u_I"].item() == "g"
    assert text.loc[text["path"] == ("Out",), "u_I"].item() == 2.0


def test_region_rows_match_the_json_of_the_solution():
    from gametheory.models import MODELS
    solution = gt.solve(MODELS["linkage"].build(lam=0))
    frame = solution_frame(solution)
    regions = solution.to_json_dict()["regions"]
    assert len(frame) == len(regions)
    for (_, row), region in zip(frame.iterrows(), regions):
        assert [sympy.sstr(c) for c in row["conditions"]] == region["conditions"]
        assert list(row["path"]) == region["path"]
        assert [sympy.sstr(row[f"u_{p}"]) for p in ("A", "B", "V")] == region["payoffs"]


def test_boundary_rows_are_listed_when_not_generic():
    frame = solution_frame(parametric_spe(_symbolic_entry()))
    # the tie f = g belongs to both regions: closed conditions
    assert all(isinstance(c, (sympy.Le, sympy.Ge)) for row in frame["conditions"] for c in row)
    f, g = sympy.Symbol("f", real=True), sympy.Symbol("g", real=True)
    on_tie = [row for row in frame["conditions"] if sympy.And(*row).subs({f: 1, g: 1})]
    assert len(on_tie) == 2
    text = solution_frame(parametric_spe(_symbolic_entry()), exact=False)["conditions"]
    assert sorted(text) == ["f - g <= 0", "f - g >= 0"]


def test_episode_frame_is_exact_and_matches_the_data_file():
    frame = episode_frame()
    text = resources.files("gametheory.models").joinpath("data", "anglo_japanese.toml")
    data = tomllib.loads(text.read_text("utf-8"))
    calibrated = [e for e in data["episode"] if e.get("calibrated", True)]
    assert {e["id"] for e in calibrated} <= set(frame.index)
    for episode in calibrated:
        for name, value in episode.get("values", {}).items():
            assert frame.loc[episode["id"], name] == Fraction(str(value))
            assert isinstance(frame.loc[episode["id"], name], Fraction)
        assert frame.loc[episode["id"], "observed"] == episode.get("observed", "")
    assert frame.loc["E6", "predicted"] == "L"
    floats = episode_frame(exact=False)
    assert floats.loc["E6", "c"] == float(frame.loc["E6", "c"])


def test_sweep_frame_rows():
    game = ExtensiveGame(["A", "B"], decision("A", {"x": leaf("c", 0), "y": leaf(1, "c")}),
                         parameters=["c"])
    values = grid(c=[0, 3])
    frame = sweep_frame(sweep(game, values), values)
    assert frame["c"].tolist() == [0.0, 3.0]
    assert frame["path"].tolist() == ["y", "x"]           # A takes x exactly when c > 1
    assert frame["u_B"].tolist() == [0.0, 0.0] and frame["u_A"].tolist() == [1.0, 3.0]
    assert str(frame["path"].dtype) == "category"


def test_missing_pandas_is_a_clear_import_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'gametheory\[pandas\]'"):
        solution_frame(gt.solve(entry_game()))


# ------------------------------------------------------------------ HTML and SVG

def test_solution_html_is_a_table_with_one_row_per_equilibrium():
    solution = gt.solve(matching_pennies())
    html = solution_html(solution)
    assert html.count("<tr>") == 1 + len(solution)
    assert "<td>H 1/2, T 1/2</td>" in html
    regions = solution_html(parametric_spe(_symbolic_entry(), generic=True))
    assert regions.count("<tr>") == 3 and "&gt;" in regions and "2 regions" in regions


def test_game_html_and_svg():
    html = entry_game()._repr_html_()
    assert "<th>players</th><td>Entrant, Incumbent</td>" in html
    svg = entry_game()._repr_svg_()
    assert svg is not None and "<svg" in svg and "Accommodate" in svg
    table = prisoners_dilemma()._repr_html_()
    assert "<td>Defect</td>" in table and "<td>1, 1</td>" in table
    assert "<svg" in prisoners_dilemma()._repr_svg_()
    three = StrategicGame(["a", "b", "c"], [["x"], ["y"], ["z"]], np.zeros((3, 1, 1, 1)))
    assert three._repr_svg_() is None and "<table" in three._repr_html_()


def test_big_trees_are_not_drawn_inline():
    game = leduc_poker()
    assert game.n_nodes > MAX_DRAWN_NODES
    assert game_svg(game) is None
    assert "<table" in game_html(game)
