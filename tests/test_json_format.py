"""Tests of the JSON game format (symbolic games)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from gametheory.catalog import entry_game, kuhn_poker, selten_horse
from gametheory.games import ExtensiveGame, decision, leaf
from gametheory.io.json_format import read_assumptions, read_json, to_json_dict, write_json
from gametheory.parameters import Parameter


def same_game(a, b):
    assert a.players == b.players and a.title == b.title
    assert [(p.name, p.domain, p.meaning) for p in a.parameters] == \
        [(p.name, p.domain, p.meaning) for p in b.parameters]
    assert tuple(a.infosets) == tuple(b.infosets)
    assert a.terminal_payoffs().tolist() == b.terminal_payoffs().tolist()
    assert a.tree.infoset.tolist() == b.tree.infoset.tolist()
    assert a.node_labels == b.node_labels


@pytest.mark.parametrize("make", [entry_game, kuhn_poker, selten_horse])
def test_round_trip_numeric_games(make):
    game = make()
    same_game(read_json(write_json(game)), game)


def test_round_trip_symbolic_game(tmp_path):
    game = ExtensiveGame(["A", "B"], decision("A", {
        "N": leaf(0, 0),
        "S": decision("B", {"accept": leaf("R - (sigma + c)*s", "s - gamma"),
                            "reject": leaf("-f", 0)}),
    }), parameters=[Parameter("R", "> 0", meaning="security value"),
                    Parameter("s", "(0, 1]"), Parameter("gamma", ">= 0"),
                    Parameter("sigma", ">= 0"), Parameter("c", ">= 0"),
                    Parameter("f", "{0, 1}"), ], title="side payment")
    path = tmp_path / "game.json"
    write_json(game, path, assumptions=["R > gamma"])
    back = read_json(path)
    same_game(back, game)
    assert back.is_symbolic
    data = json.loads(path.read_text())
    assert data["tree"]["moves"][1]["node"]["moves"][0]["node"]["payoffs"] == [
        "R - s*(c + sigma)", "-gamma + s"]
    [assumption] = read_assumptions(path)
    assert str(assumption) == "R > gamma"


def test_hand_written_json_with_shared_infoset():
    text = json.dumps({"players": ["1", "2"], "tree": {"player": "1", "moves": [
        {"action": "L", "node": {"player": "2", "infoset": "h", "moves": [
            {"action": "l", "node": {"payoffs": [1, "1/2"]}},
            {"action": "r", "node": {"payoffs": [0, 0]}}]}},
        {"action": "R", "node": {"player": "2", "infoset": "h", "moves": [
            {"action": "l", "node": {"payoffs": [0, 0]}},
            {"action": "r", "node": {"payoffs": ["0.5", 2]}}]}}]}})
    game = read_json(text)
    assert game.n_infosets == 2 and not game.is_perfect_information
    assert game.terminal_payoffs()[0].tolist() == [1, Fraction(1, 2)]
    assert game.terminal_payoffs()[3].tolist() == [Fraction(1, 2), 2]


@pytest.mark.parametrize("bad, message", [
    ('{"players": ["A"], "tree": {"payoffs": ["__import__(\'os\')"]}}', "unknown function"),
    ('{"players": ["A"], "tree": {"payoffs": ["x"]}}', "unknown name"),
    ('{"players": ["A"], "tree": {"payoffs": [1, 2]}}', "one entry per player"),
    ('{"players": ["A"], "tree": {"player": "B", "moves": [{"action": "x", "node": {}}]}}',
     "unknown player"),
    ('[1]', "object"),
    ('{"players": ["A"], "tree": {"payoffs": [1.5]}}', "numbers are strings"),
])
def test_unsafe_or_invalid_input_is_refused(bad, message):
    with pytest.raises(ValueError, match=message):
        read_json(bad)


def test_chance_probabilities_are_exact():
    game = read_json(json.dumps({"players": ["A"], "parameters": [
        {"name": "p", "domain": "[0, 1]"}], "tree": {"chance": True, "moves": [
            {"action": "H", "prob": "p", "node": {"payoffs": [1]}},
            {"action": "T", "prob": "1 - p", "node": {"payoffs": [0]}}]}}))
    assert [str(x) for x in game.infosets[0].probs] == ["p", "1 - p"]
    assert to_json_dict(game)["tree"]["moves"][1]["prob"] == "1 - p"
