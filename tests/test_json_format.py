"""Tests of the JSON game format (symbolic games)."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ------------------------------------------------------------------ the iterative JSON code

_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=6)
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner,
                                                                max_size=4),
    max_leaves=30)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(_JSON_VALUES)
def test_iterative_json_agrees_with_the_standard_library(value):
    from gametheory.io.json_format import dumps_iterative, loads_iterative
    for text in (json.dumps(value), json.dumps(value, indent=1), json.dumps(value, indent=3)):
        assert loads_iterative(text) == json.loads(text)
    assert dumps_iterative(value) == json.dumps(value, indent=1)
    assert json.loads(dumps_iterative(value, flat_below=1)) == value


@pytest.mark.parametrize("bad", ["[1,]", '{"a":1,}', "[1 2]", '{"a" 1}', '"abc', "[", "",
                                 '{"a":1}x', "tru", "01", '{"a":"\\x"}', "[-]", '{1: 2}'])
def test_iterative_json_refuses_what_the_standard_library_refuses(bad):
    from gametheory.io.json_format import loads_iterative
    with pytest.raises(ValueError):
        json.loads(bad)
    with pytest.raises(ValueError, match="not JSON"):
        loads_iterative(bad)


def test_iterative_json_depth_is_bounded(monkeypatch):
    from gametheory.io import json_format
    assert json_format.MAX_JSON_DEPTH >= 300_003        # trees 100,000 levels deep
    monkeypatch.setattr(json_format, "MAX_JSON_DEPTH", 5000)
    deep = "[" * 5000 + "]" * 5000
    value = json_format.loads_iterative(deep)
    for _ in range(4999):
        value = value[0]
    assert value == []
    with pytest.raises(ValueError, match="levels deep"):
        json_format.loads_iterative("[" + deep + "]")
