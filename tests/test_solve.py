"""The front door: method dispatch, certification, known values, JSON."""

import importlib.util
import json
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import StrategicGame
from gametheory.catalog import (centipede, entry_game, kuhn_poker, matching_pennies,
                                 prisoners_dilemma, selten_horse)
from gametheory.solvers import Solution, solve

F = Fraction
SHARED = Path(__file__).resolve().parents[2] / "shared"


def _has(module):
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def _sequence(name):
    for module in ("gametheory.solvers.sequence_form", f"gametheory.solvers.{name}"):
        if _has(module) and hasattr(importlib.import_module(module), name):
            return
    pytest.skip(f"{name} is not available yet")


def test_auto_picks_and_says_so():
    assert solve(entry_game()).method == "spe"
    assert "backward induction" in solve(entry_game()).note
    assert solve(matching_pennies()).method == "enummixed"
    assert solve(selten_horse()).method == "enumpure"
    three = StrategicGame.from_arrays(*([[[[1, 0], [0, 1]], [[0, 1], [1, 0]]]] * 3))
    assert solve(three).method == "enumpure"


def test_unknown_method():
    with pytest.raises(ValueError):
        solve(entry_game(), "magic")
    with pytest.raises(ValueError):
        solve(matching_pennies(), "spe")
    with pytest.raises(ValueError):
        solve(entry_game(), "lp")          # not constant-sum


def test_every_equilibrium_is_certified():
    for game, method in [(entry_game(), "spe"), (centipede(5), "spe"),
                         (prisoners_dilemma(), "enummixed"), (matching_pennies(), "lcp"),
                         (matching_pennies(), "lp"), (entry_game(), "enumpure"),
                         (entry_game(), "enummixed"), (selten_horse(), "spe")]:
        sol = solve(game, method)
        assert isinstance(sol, Solution) and len(sol) >= 1
        assert all(e.regret == 0 for e in sol)


def test_entry_game_enummixed_on_reduced_form():
    sol = solve(entry_game(), "enummixed")
    # (In, Accommodate) and Out with Fight at probability >= 1/2: its two extreme points
    assert sorted(e.strategies for e in sol) == [
        ((0, 1), (0, 1)), ((1, 0), (F(1, 2), F(1, 2))), ((1, 0), (1, 0))]


def test_kuhn_value_lp():
    _sequence("sequence_lp")
    sol = solve(kuhn_poker(), "lp")
    assert sol[0].payoffs == (F(-1, 18), F(1, 18)) and sol[0].regret == 0


def test_kuhn_value_lcp():
    _sequence("sequence_lcp")
    sol = solve(kuhn_poker(), "lcp")
    assert sol[0].payoffs == (F(-1, 18), F(1, 18)) and sol[0].regret == 0


def test_stripped_down_poker_value():
    path = SHARED / "games" / "gambit" / "stripped_down_poker.efg"
    if not path.exists():
        pytest.skip("../shared is absent")
    _sequence("sequence_lcp")
    from gametheory.io import read
    sol = solve(read(path), "lcp")
    assert sol[0].payoffs[0] == F(1, 3) and sol[0].regret == 0


def test_json_document():
    doc = solve(entry_game(), "spe").to_json_dict()
    assert doc == {"game": {"title": "Entry game", "players": ["Entrant", "Incumbent"]},
                   "method": "spe",
                   "equilibria": [{
                       "payoffs": ["1", "1"], "regret": "0", "subgame_regret": "0",
                       "behavior": [[["0", "1"]], [["0", "1"]]],
                       "moves": [{"player": "Entrant", "infoset": "#1",
                                  "actions": {"Out": "0", "In": "1"}},
                                 {"player": "Incumbent", "infoset": "#2",
                                  "actions": {"Fight": "0", "Accommodate": "1"}}]}]}
    json.dumps(doc)
    doc = solve(matching_pennies(), "enummixed").to_json_dict()
    assert doc["equilibria"] == [{"payoffs": ["0", "0"], "regret": "0",
                                  "strategies": [["1/2", "1/2"], ["1/2", "1/2"]],
                                  "mixed": {"1": {"H": "1/2", "T": "1/2"},
                                            "2": {"H": "1/2", "T": "1/2"}}}]


def test_every_json_equilibrium_has_a_regret_and_labelled_actions():
    for game, method in [(entry_game(), "spe"), (matching_pennies(), "enummixed"),
                         (centipede(4), "enumpure")]:
        for equilibrium in solve(game, method).to_json_dict()["equilibria"]:
            assert "regret" in equilibrium
            assert "moves" in equilibrium or "mixed" in equilibrium


def test_limit_passes_through_auto():
    sol = solve(centipede(4), limit=1)
    assert len(sol) == 1 and not sol.complete and sol.count == 2
