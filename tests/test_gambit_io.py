"""Tests of the Gambit .efg/.nfg reader and writer (gametheory.io.gambit)."""

from __future__ import annotations

import io
import json
import os
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import GameFormatError
from gametheory.games import ExtensiveGame, Infoset, Outcome, StrategicGame, decision, leaf
from gametheory.games.forms import strategy_counts
from gametheory.io import read, read_efg, read_nfg, to_efg, to_nfg, write
from gametheory.io.efg import simplest_between, snap_probabilities

SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT = SHARED / "games" / "gambit"
FILES = sorted(GAMBIT.glob("*.efg")) + sorted(GAMBIT.glob("*.nfg")) if GAMBIT.exists() else []


def needs_shared():
    if not GAMBIT.exists():
        pytest.skip("../shared is absent")


@pytest.fixture(scope="module")
def expected():
    needs_shared()
    data = json.loads((GAMBIT / "expected.json").read_text())
    return {entry["file"]: entry for entry in data["games"]}


def signature(game):
    """Everything a round trip must preserve, in comparable form."""
    if isinstance(game, ExtensiveGame):
        order = game.preorder()
        return (game.title, game.description, game.players, game.infosets, game.outcomes,
                game.tree.infoset[order].tolist(), game.tree.outcome[order].tolist(),
                [game.node_labels.get(int(v), "") for v in order])
    return (game.title, game.description, game.players, game.strategies,
            game.payoffs.shape, game.payoffs.tolist())


def error_of(text, **options) -> GameFormatError:
    with pytest.raises(GameFormatError) as info:
        read(text, **options)
    return info.value


# ------------------------------------------------------------------ the Gambit repository files

@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_reads_with_expected_counts(path, expected):
    game = read(path)
    entry = expected[path.name]
    assert game.n_players == entry["n_players"]
    if all(game.players) and len(set(game.players)) == game.n_players:   # else pygambit renames
        assert list(game.players) == entry["players"]
    if path.suffix == ".efg":
        assert isinstance(game, ExtensiveGame)
        assert game.n_nodes == entry["n_nodes"]
        assert game.n_terminal == entry["n_terminal"]
        assert game.n_infosets == entry["n_infosets"]          # player infosets, chance excluded
        assert sum(s.player == -1 for s in game.infosets) == entry["n_chance_infosets"]
        assert len(game.outcomes) == entry["n_outcomes"]
        # infoset_actions is pygambit's per-player order, which is first appearance too;
        # pygambit relabels empty and duplicate action labels, so compare counts only.
        assert [[len(game.infosets[k].actions) for k in sets] for sets in game.player_infosets] \
            == [[len(actions) for actions in player] for player in entry["infoset_actions"]]
    else:
        assert isinstance(game, StrategicGame)
        assert list(game.shape) == entry["strategy_counts"]


@pytest.mark.parametrize("path", [p for p in FILES if p.suffix == ".efg"], ids=lambda p: p.name)
def test_reduced_strategy_counts(path, expected):
    game, counts = read(path), expected[path.name]["strategy_counts"]
    assert list(strategy_counts(game)) == counts
    if np.prod(counts) <= 5000:
        assert list(game.reduced_strategic_form().shape) == counts


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_round_trip(path):
    game = read(path)
    text = write(game)
    again = read(text)
    assert signature(again) == signature(game)
    assert write(again) == text


def test_gambit_written_files_are_reproduced_byte_for_byte():
    """Files Gambit itself wrote (first-appearance numbering, fractions) come back unchanged."""
    needs_shared()
    same = [p.name for p in FILES if p.suffix == ".efg"
            and write(read(p)) == p.read_text(encoding="utf-8")]
    assert "stripped_down_poker.efg" not in same       # Gambit numbered its outcomes 1 2 4 3
    assert {"bayes2a.efg", "condjury.efg", "montyhal.efg"} <= set(same)
    assert len(same) >= 100


def test_payoff_and_outcome_versions_agree():
    needs_shared()
    outcome = read(GAMBIT / "coordination_4x4_outcome.nfg")
    payoff = read(GAMBIT / "coordination_4x4_payoff.nfg")
    assert outcome.payoffs.tolist() == payoff.payoffs.tolist()
    assert outcome.payoffs[0, 2, 2] == 1 and outcome.payoffs[0, 2, 1] == 0


# ------------------------------------------------------------------ grammar samples

POKER = '''EFG 2 R "A simple Poker game" { "Alice" "Bob" }
"Stripped-Down Poker: a simple game of one-card poker from Reiley et al (2008)."

c "" 1 "Deal" { "King" 1/2 "Queen" 1/2 } 0
p "" 1 1 "Alice has King" { "Bet" "Fold" } 0
p "" 2 1 "Bob's response" { "Call" "Fold" } 0
t "" 1 "Win Big" { 2, -2 }
t "" 2 "Win" { 1, -1 }
t "" 3 "Lose" { -1, 1 }
p "" 1 2 "Alice has Queen" { "Bet" "Fold" } 0
p "" 2 1 "Bob's response" { "Call" "Fold" } 0
t "" 4 "Lose Big" { -2, 2 }
t "" 2 "Win" { 1, -1 }
t "" 3 "Lose" { -1, 1 }
'''


def test_stripped_down_poker_sample():
    game = read(POKER)
    assert game.title == "A simple Poker game" and game.players == ("Alice", "Bob")
    assert game.n_nodes == 11 and game.n_terminal == 6
    assert [s.label for s in game.infosets] == ["Deal", "Alice has King", "Bob's response",
                                                "Alice has Queen"]
    assert game.player_infosets == ((1, 3), (2,))
    assert game.infosets[0].probs == (Fraction(1, 2), Fraction(1, 2))
    assert [o.label for o in game.outcomes] == ["Win Big", "Win", "Lose", "Lose Big"]
    assert game.outcomes[3].payoffs == (-2, 2)
    assert to_efg(game) == POKER                 # Gambit's own layout, byte for byte


SELTEN = ('NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" } '
          '{ 3 2 }\n1 1 0 2 0 2 1 1 0 3 2 0\n')


def test_nfg_payoff_sample_odometer_order():
    game = read(SELTEN)
    assert game.shape == (3, 2) and game.strategies == (("1", "2", "3"), ("1", "2"))
    # player 1's strategy changes fastest: (1,1) (2,1) (3,1) (1,2) (2,2) (3,2)
    assert [game.payoff((a, b)) for b in range(2) for a in range(3)] == [
        (1, 1), (0, 2), (0, 2), (1, 1), (0, 3), (2, 0)]


def test_nfg_outcome_version_with_count_header_and_label_header():
    outcome_body = ('{ { "a" 1, 1 } { "b" 0 2 } { "c" 0, 3, } { "d" 2, 0 } }\n'
                    '1 2 2 1 3 4\n')
    counted = read('NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" '
                   '{ "Player 1" "Player 2" } { 3 2 }\n' + outcome_body)
    assert counted.payoffs.tolist() == read(SELTEN).payoffs.tolist()
    labelled = read('NFG 1 R "" { "Player 1" "Player 2" } { { "T" "M" "B" } { "L" "R" } }\n'
                    '"a description"\n' + outcome_body)
    assert labelled.strategies == (("T", "M", "B"), ("L", "R"))
    assert labelled.description == "a description"
    assert labelled.payoffs.tolist() == counted.payoffs.tolist()
    zero = read('NFG 1 R "" { "A" } { 2 } { { "" 5 } } 0 1')
    assert zero.payoffs.tolist() == [[0, 5]]


def test_nfg_writer_layout_and_legacy_d():
    game = read('NFG 1 D "t" { "A" "B" } { { "x" "y" } { "z" } }\n0.5 -1 .25 1e2')
    assert to_nfg(game) == ('NFG 1 R "t" { "A" "B" }\n\n{ { "x" "y" }\n{ "z" }\n}\n""\n\n'
                            '1/2 -1\n1/4 100\n')


def test_numbers_are_exact():
    game = read('EFG 2 D "" { "A" "B" "C" } t "" 1 "" { .5 -1.5e-3, +3/4 }')
    assert game.outcomes[0].payoffs == (Fraction(1, 2), Fraction(-3, 2000), Fraction(3, 4))
    game = read('EFG 2 R "" { "A" } t "" 1 "" { 0.1 }')
    assert game.outcomes[0].payoffs == (Fraction(1, 10),)
    assert read('EFG 2 R "" { "A" } t "" 1 "" { 1E+2 }').outcomes[0].payoffs == (100,)


def test_strings_escapes_and_whitespace():
    game = read('EFG 2 R "say \\"hi\\"" { "back\\slash" "a\\\\b" }\n'
                '"multi\nline"\nt "\\"" 0')
    assert game.title == 'say "hi"'
    assert game.players == ("back\\slash", "a\\\\b")        # backslash kept before other chars
    assert game.description == "multi\nline"
    assert game.node_labels == {0: '"'}
    assert read(to_efg(game)).players == game.players


def test_labels_are_kept_as_given():
    game = read('EFG 2 R "" { "" "" } p " x " 1 1 "" { "" "" } 0 t "n" 0 t "n" 0')
    assert game.players == ("", "") and game.infosets[0].actions == ("", "")
    assert game.node_labels == {0: " x ", 1: "n", 2: "n"}


def test_repeated_descriptions_and_nonterminal_outcomes():
    text = ('EFG 2 R "" { "A" "B" }\n'
            'p "" 1 7 "I" { "l" "r" } 9 "mid" { 1, 1 }\n'
            'p "" 2 7 "J" { "x" "y" } 0\n'
            't "" 3 "end" { 2, 0 }\n'
            't "" 9\n'
            'p "" 2 7 "J" { "x" "y" } 3 "end" { 2, 0 }\n'
            't "" 0\n'
            't "" 9 "mid" { 1, 1 }\n')
    game = read(text)
    assert [(s.player, s.label) for s in game.infosets] == [(0, "I"), (1, "J")]
    assert [o.label for o in game.outcomes] == ["mid", "end"]       # renumbered 1, 2
    assert game.terminal_payoffs().tolist() == [[3, 1], [2, 2], [3, 1], [4, 2]]
    assert to_efg(game).splitlines()[3:5] == ['p "" 1 1 "I" { "l" "r" } 1 "mid" { 1, 1 }',
                                              'p "" 2 1 "J" { "x" "y" } 0']


def test_infoset_numbers_are_per_player_and_chance_has_its_own():
    game = read('EFG 2 R "" { "A" "B" } c "" 1 "" { "h" 1/3 "t" 2/3 } 0 '
                'p "" 1 1 "a" { "x" } 0 t "" 0 p "" 2 1 "b" { "y" } 0 t "" 0')
    assert [(s.player, s.label) for s in game.infosets] == [(-1, ""), (0, "a"), (1, "b")]



def test_identical_descriptions_share_one_infoset_and_are_still_checked():
    text = ('EFG 2 R "" { "A" "B" }\n'
            'p "" 1 1 "" { "l" "r" } 0\n'
            'p "" 1 2 "" { "l" "r" } 0\n'            # new, described like infoset 1
            't "" 1 "" { 1, +2 }\nt "" 2 "" { -0, 123456789012345678901 }\n'
            'p "" 1 02 "" { "l" "r" } 1\n'           # infoset 2 again, number spelled 02
            'c "" 1 "" { "h" 1/2 "t" 0.5 } 0\nt "" 0\nt "" 0\n'
            'c "" 1 "" { "h" 0.50 "t" 1/2 } 1 "" { 1, 2 }\nt "" 0\nt "" 0\n')
    game = read(text)
    assert game.infosets[0] is game.infosets[1] and game.infosets[0] is not game.infosets[2]
    assert [s.player for s in game.infosets] == [0, 0, -1]
    assert game.tree.infoset[game.preorder()].tolist() == [0, 1, -1, -1, 1, 2, -1, -1, 2, -1, -1]
    assert [o.payoffs for o in game.outcomes] == [(1, 2), (0, 123456789012345678901)]
    error = error_of(text.replace('02 "" { "l" "r" }', '02 "" { "l" "x" }'))
    assert (error.line, error.problem) == (6, "action 2 of infoset 2 of player 1 is 'x' here "
                                              "and 'r' at line 3")
    error = error_of(text.replace('{ "h" 0.50 "t" 1/2 }', '{ "h" 0.25 "t" 3/4 }'))
    assert (error.line, error.problem) == (10, "action 1 of chance infoset 1 has probability "
                                               "1/4 here and 1/2 at line 7")


def test_payoffs_beyond_the_number_cache_are_exact(monkeypatch):
    from gametheory.io import efg, lexer
    monkeypatch.setattr(efg, "CACHED_NUMBERS", 2)
    monkeypatch.setattr(lexer, "CACHED_NUMBERS", 2)
    game = read(HEADER + 'p "" 1 1 "" { "a" "b" "c" } 0\nt "" 1 "" { 1/3, 7 }\n'
                't "" 2 "" { 1/3 7 }\nt "" 3 "" { 7, 2.5 }\n')
    assert [o.payoffs for o in game.outcomes] == [(Fraction(1, 3), 7), (Fraction(1, 3), 7),
                                                  (7, Fraction(5, 2))]

# ------------------------------------------------------------------ sources and writing

def test_sources_path_file_bytes(tmp_path):
    path = tmp_path / "poker.efg"
    path.write_text(POKER, encoding="utf-8")
    reference = signature(read(POKER))
    assert signature(read(path)) == reference
    assert signature(read(str(path))) == reference
    assert signature(read(POKER.encode())) == reference
    assert signature(read("\ufeff" + POKER)) == reference
    with open(path, "rb") as handle:
        assert signature(read(handle)) == reference
    assert signature(read(io.StringIO(POKER))) == reference
    assert signature(read_efg(path)) == reference
    with pytest.raises(GameFormatError, match=r"poker\.efg:1:1: expected 'NFG'"):
        read_nfg(path)
    with pytest.raises(GameFormatError, match="expected 'EFG'"):
        read_efg(SELTEN)


def test_write_to_paths_and_files(tmp_path):
    game = read(POKER)
    assert write(game, tmp_path / "a.efg") == POKER
    assert (tmp_path / "a.efg").read_text(encoding="utf-8") == POKER
    text = write(game, tmp_path / "a.nfg")              # reduced strategic form
    reduced = read(tmp_path / "a.nfg")
    assert text.startswith("NFG 1 R") and reduced.shape == (4, 2)
    assert reduced.payoffs.tolist() == game.reduced_strategic_form().payoffs.tolist()
    buffer = io.StringIO()
    assert write(read(SELTEN), buffer) == buffer.getvalue()
    assert read(buffer.getvalue()).payoffs.tolist() == read(SELTEN).payoffs.tolist()


def test_writer_refuses_unwritable_labels():
    game = read('EFG 2 R "" { "A" } t "a\\\\b\\"c" 0')     # backslashes inside are fine ...
    assert game.node_labels == {0: 'a\\\\b"c'}
    assert read(to_efg(game)).node_labels == game.node_labels
    bad = StrategicGame(["A\\"], [["x"]], [[1]])            # ... a final backslash is not
    with pytest.raises(ValueError, match="backslash"):
        to_nfg(bad)


def test_symbolic_games_are_not_written():
    tree = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}), parameters=["c"])
    with pytest.raises(ValueError, match="symbolic"):
        to_efg(tree)
    assert read(to_efg(tree.substitute({"c": "1/3"}))).outcomes[0].payoffs == (Fraction(1, 3),)
    table = StrategicGame(["A"], [["x"]], np.array([[sympy.Symbol("c")]], dtype=object))
    with pytest.raises(ValueError, match="symbolic"):
        to_nfg(table)


# ------------------------------------------------------------------ errors

HEADER = 'EFG 2 R "t" { "A" "B" }\n""\n'
TWO_LEAVES = 't "" 0\nt "" 0\n'


@pytest.mark.parametrize("text, where, problem", [
    ("", (1, 1), "empty file"),
    (" \n\t\n", (1, 1), "empty file"),
    ('EFX 2 R "t" { "A" }', (1, 1), "expected 'EFG' or 'NFG'"),
    ('EFG 3 R "t" { "A" }\nt "" 0', (1, 5), "expected version 2"),
    ('EFG 2 X "t" { "A" }\nt "" 0', (1, 7), "expected the number type 'R'"),
    ('EFG 2 R { "A" }\nt "" 0', (1, 9), "expected the game title"),
    ('EFG 2 R "t" { }\nt "" 0', (1, 13), "the game has no players"),
    ('EFG 2 R "t" { "A" }', (1, 20), "the file ends before the tree is complete (1 more node "),
    (HEADER + 'p "" 1 1 "" { "a" "b" } 0\nt "" 0\n', (4, 7),
     "the file ends before the tree is complete (1 more node expected)"),
    (HEADER + TWO_LEAVES, (4, 1), "unexpected 't' after the end of the tree"),
    (HEADER + 't "" 1 "o" { 1, x }\n', (3, 17), "expected a payoff or '}', found 'x'"),
    (HEADER + 't "" 1 "o" { 1, 2\n', (3, 18), "the file ends where a payoff or '}' was expected"),
    (HEADER + 't "" 1 "o" { 1/0, 1 }\n', (3, 14), "division by zero in '1/0'"),
    (HEADER + 't "" 1 "o" { 1e99999, 1 }\n', (3, 14), "exponent of '1e99999' is larger"),
    (HEADER + 't "" 1 "o" { 1, 2, 3 }\n', (3, 12), "outcome 1 has 3 payoffs, expected 2"),
    (HEADER + 't "" 1 "o" { 1 }\n', (3, 12), "outcome 1 has 1 payoff, expected 2"),
    (HEADER + 't "" 1 "o" { 1,, 2 }\n', (3, 16), "expected a payoff or '}', found ','"),
    (HEADER + 'p "" 3 1 "" { "a" } 0\nt "" 0\n', (3, 6),
     "player 3 does not exist (the game has 2 players)"),
    (HEADER + 'p "" 0 1 "" { "a" } 0\nt "" 0\n', (3, 6), "player 0 does not exist"),
    (HEADER + 'p "" x 1 "" { "a" } 0\nt "" 0\n', (3, 6), "expected a player number, found 'x'"),
    (HEADER + 'p "" 1 -1 "" { "a" } 0\nt "" 0\n', (3, 8), "expected an infoset number"),
    (HEADER + 'c "" 1 "" { "a" -1/2 "b" 3/2 } 0\n' + TWO_LEAVES, (3, 17),
     "chance infoset 1: action 1 has negative probability -1/2"),
    (HEADER + 'c "" 1 "" { "a" 1/2 "b" 1/3 } 0\n' + TWO_LEAVES, (3, 8),
     "chance infoset 1: probabilities sum to 5/6, not 1"),
    (HEADER + 'c "" 1 "" { "a" 0.3 "b" 0.6 } 0\n' + TWO_LEAVES, (3, 8),
     "sum to 9/10, not 1 (tolerant=True snaps rounded decimals"),
    (HEADER + 'p "" 1 1 "" { "a" "b" } 0\np "" 1 1 "" { "a" "b" "c" } 0\n' + TWO_LEAVES * 2,
     (4, 10), "infoset 1 of player 1 has 3 actions here and 2 at line 3"),
    (HEADER + 'p "" 1 1 "" { "a" } 0\np "" 1 1 "x" { "a" } 0\nt "" 0\n', (4, 10),
     "infoset 1 of player 1 is labelled 'x' here and '' at line 3"),
    (HEADER + 'p "" 2 4 "" { "a" "b" } 0\np "" 2 4 "" { "a" "c" } 0\n' + TWO_LEAVES * 2,
     (4, 10), "action 2 of infoset 4 of player 2 is 'c' here and 'b' at line 3"),
    (HEADER + 'c "" 1 "" { "a" 1/2 "b" 1/2 } 0\nc "" 1 "" { "a" 1/3 "b" 2/3 } 0\n'
     + TWO_LEAVES + 't "" 0\n', (4, 8),
     "action 1 of chance infoset 1 has probability 1/3 here and 1/2 at line 3"),
    (HEADER + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1, 2 }\nt "" 1 "o" { 1, 3 }\n', (5, 8),
     "outcome 1 pays 3 to player 2 here and 2 at line 4"),
    (HEADER + 'p "" 1 1 "" { "a" "b" } 0\nt "" 1 "o" { 1, 2 }\nt "" 1 "p" { 1, 2 }\n', (5, 8),
     "outcome 1 is labelled 'p' here and 'o' at line 4"),
    (HEADER + 't "" 0 "o" { 1, 2 }\n', (3, 8), "outcome 0 is the null outcome"),
    (HEADER + 't "" 5\n', (3, 6), "outcome 5 is used before it is described"),
    (HEADER + 't "" -5\n', (3, 6), "expected an outcome number, found '-5'"),
    (HEADER + 'p "" 1 1 0\n', (3, 8), "infoset 1 of player 1 is used before it is described"),
    (HEADER + 'p "" 1 1 "" { } 0\n', (3, 10), "infoset 1 of player 1 has no actions"),
    (HEADER + 't "abc 0\n', (3, 3), "unterminated string (no closing quote)"),
    (HEADER + 't "abc\\" 0\n', (3, 3), "unterminated string"),
    (HEADER + 'x "" 0\n', (3, 1), "expected a node ('c', 'p' or 't'), found 'x'"),
    (HEADER + 't x 0\n', (3, 3), "expected the node name (a quoted string), found 'x'"),
    (HEADER + 't "" 123456789012345678901\n', (3, 6), "is too large"),
    ('NFG 1 R "" { "A" "B" } { 100000 100000 }\n1 2', (1, 24),
     "100000 x 100000 = 10000000000 strategy profiles, more than the limit of 100000000"),
    ('NFG 1 R "" { "A" "B" } { 2 2 }\n1 2 3 4 5 6 7', (2, 14),
     "the file ends after 7 payoffs; 2 players x 4 profiles = 8 expected"),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n1 2 3', (2, 5), "unexpected '3' after the end of"),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n1 two', (2, 3), "expected a payoff, found 'two'"),
    ('NFG 1 R "" { "A" "B" } { 1 2 }\n{ { "" 1, 2 } }\n1 2', (3, 3),
     "outcome 2 does not exist (the list has 1 outcome)"),
    ('NFG 1 R "" { "A" "B" } { 1 2 }\n{ { "" 1, 2 } }\n1', (3, 2),
     "the file ends after 1 outcome indices; 2 expected"),
    ('NFG 1 R "" { "A" "B" } { 1 1 }\n{ { "" 1 } }\n1', (2, 3), "outcome 1 has 1 payoff"),
    ('NFG 1 R "" { "A" "B" } { 1 0 }\n', (1, 28), "player 2 has no strategies"),
    ('NFG 1 R "" { "A" "B" } { { "x" } }\n1 2', (1, 34),
     "expected '{' opening the strategy labels of player 2, found '}'"),
    ('NFG 2 R "" { "A" } { 1 }\n1', (1, 5), "expected version 1"),
    ('NFG 1 R "" { "A" } { 1 }\n', (1, 25), "the file ends before the payoffs"),
])
def test_error_messages(text, where, problem):
    error = error_of(text)
    assert (error.file, error.line, error.column) == ("<string>", *where), str(error)
    assert problem in error.problem
    assert str(error) == f"<string>:{where[0]}:{where[1]}: {error.problem}"


def test_error_names_the_file(tmp_path):
    path = tmp_path / "kuhn.efg"
    path.write_text(HEADER + 'p "" 2 3 "" { "a" "b" } 0\np "" 2 3 "" { "a" "b" "c" } 0\n')
    with pytest.raises(GameFormatError) as info:
        read(path)
    assert str(info.value) == (f"{path}:4:10: infoset 3 of player 2 has 3 actions here "
                               f"and 2 at line 3")
    assert isinstance(info.value, ValueError)


def test_binary_garbage_reports_byte_position():
    error = error_of(b'EFG 2 R "t" { "A" }\n"\xff\xfe" t "" 0')
    assert (error.file, error.line, error.column) == ("<bytes>", 2, 2)
    assert "byte 0xff at offset 21 is not UTF-8" in error.problem
    error = error_of(bytes(range(256)) * 4)
    assert (error.line, error.column) == (2, 118) and "byte 0x80 at offset 128" in error.problem


def test_absurd_sizes_are_refused_before_allocating():
    start = time.perf_counter()
    error_of('NFG 1 R "" { "A" "B" "C" } { 999999999999 999999999999 999999999999 } 1')
    error_of('NFG 1 R "" { "A" "B" } { 10000 10000 } ' + "1 " * 100)
    error_of(HEADER + 'p "" 1 1 "" { ' + '"a" ' * 100000 + '} 0 t "" 0')
    assert time.perf_counter() - start < 5


# ------------------------------------------------------------------ tolerant mode

OPENSPIEL_THIRDS = (HEADER + 'c "" 1 "" { "a" 0.3333333333333333 "b" 0.3333333333333333 '
                    '"c" 0.3333333333333333 } 0\n' + TWO_LEAVES + 't "" 0\n')


def test_tolerant_snaps_rounded_decimals():
    assert "sum to 9999999999999999/10000000000000000" in error_of(OPENSPIEL_THIRDS).problem
    game = read(OPENSPIEL_THIRDS, tolerant=True)
    assert game.infosets[0].probs == (Fraction(1, 3),) * 3
    sevenths = " ".join(f'"{k}" 0.1428571428571429' for k in range(6))
    game = read(HEADER + f'c "" 1 "" {{ {sevenths} "6" 0.1428571428571428 }} 0\n'
                + 't "" 0\n' * 7, tolerant=True)
    assert game.infosets[0].probs == (Fraction(1, 7),) * 7


def test_tolerant_keeps_exact_distributions_and_still_rejects_bad_ones():
    exact_text = HEADER + 'c "" 1 "" { "a" 0.123 "b" 0.877 } 0\n' + TWO_LEAVES
    assert read(exact_text, tolerant=True).infosets[0].probs == (Fraction(123, 1000),
                                                                 Fraction(877, 1000))
    for bad in ('{ "a" 0.5 "b" 0.4 }', '{ "a" 1/3 "b" 1/3 }', '{ "a" -0.5 "b" 1.5 }'):
        with pytest.raises(GameFormatError, match="chance infoset 1"):
            read(HEADER + f'c "" 1 "" {bad} 0\n' + TWO_LEAVES, tolerant=True)


def test_simplest_fractions():
    assert simplest_between(Fraction(0), Fraction(1, 10)) == 0
    assert simplest_between(Fraction(2, 7), Fraction(2, 7)) == Fraction(2, 7)
    assert simplest_between(Fraction(31, 100), Fraction(34, 100)) == Fraction(1, 3)
    assert simplest_between(Fraction(7, 2), Fraction(9, 2)) == 4
    assert snap_probabilities([Fraction(1, 2)] * 2, ["0.5", "1/2"]) == (Fraction(1, 2),) * 2


# ------------------------------------------------------------------ fuzzing: only GameFormatError

SEEDS = ["stripped_down_poker.efg", "bayes2a.efg", "2x2.nfg", "e04.nfg", "cent2.efg",
         "2x2x2x2.nfg", "chance_in_middle_with_nonterm_outcomes.efg", "wink3.nfg"]
PIECES = ["{", "}", ",", '"', '\\"', "\\", "0", "1", "-1", "1/0", "0.5", ".5", "1e5", "1e99999",
          "c", "p", "t", "EFG", "NFG", "2", "R", "D", '""', "99999999999999999999", " ", "\n",
          "\x00", "/", "e", "+", "1/3", "0 ", "\u00e9", "\u0663"]


@st.composite
def mutated_files(draw):
    needs_shared()
    data = (GAMBIT / draw(st.sampled_from(SEEDS))).read_bytes()
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["delete", "insert", "replace", "truncate", "byte"]))
        piece = draw(st.sampled_from(PIECES)).encode()
        if kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 12)):]
        elif kind == "insert":
            data = data[:at] + piece + data[at:]
        elif kind == "replace":
            data = data[:at] + piece + data[at + len(piece):]
        elif kind == "truncate":
            data = data[:at]
        else:
            data = data[:at] + bytes([draw(st.integers(0, 255))]) + data[at + 1:]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_files(), st.booleans())
def test_mutated_files_raise_only_game_format_errors(data, tolerant):
    try:
        game = read(data, tolerant=tolerant)
    except GameFormatError as error:
        assert error.line >= 1 and error.column >= 1 and error.problem
        return
    assert isinstance(game, (ExtensiveGame, StrategicGame))
    assert signature(read(write(game))) == signature(game)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_arbitrary_text_raises_only_game_format_errors(text):
    for source in ("EFG 2 R " + text, "NFG 1 R " + text, text + "\n"):
        try:
            read(source)
        except GameFormatError:
            pass


# ------------------------------------------------------------------ random games round-trip

labels = st.text(alphabet=st.sampled_from('ab "\\{},\n\u00e9\u4e2d'), max_size=5).filter(
    lambda s: not s.endswith("\\"))
numbers = st.fractions(min_value=-10**6, max_value=10**6, max_denominator=1000)


@st.composite
def extensive_games(draw):
    n_players = draw(st.integers(1, 3))
    players = draw(st.lists(labels, min_size=n_players, max_size=n_players))
    infosets, outcomes, node_infoset, node_outcome, node_labels = [], [], [], [], []
    owed = 1
    while owed:
        if len(node_infoset) > 40 or draw(st.booleans()):
            node_infoset.append(-1)
            owed -= 1
        else:
            if infosets and draw(st.booleans()):
                k = draw(st.integers(0, len(infosets) - 1))
            else:
                player = draw(st.integers(-1, n_players - 1))
                actions = tuple(draw(st.lists(labels, min_size=1, max_size=3)))
                probs = None
                if player == -1:
                    weights = draw(st.lists(st.integers(0, 5), min_size=len(actions),
                                            max_size=len(actions)).filter(any))
                    probs = tuple(Fraction(w, sum(weights)) for w in weights)
                infosets.append(Infoset(player, draw(labels), actions, probs))
                k = len(infosets) - 1
            node_infoset.append(k)
            owed += len(infosets[k].actions) - 1
        choice = draw(st.integers(0, 2))
        if choice == 0 or (choice == 1 and not outcomes):
            node_outcome.append(-1)
        elif choice == 1:
            node_outcome.append(draw(st.integers(0, len(outcomes) - 1)))
        else:
            payoffs = tuple(draw(st.lists(numbers, min_size=n_players, max_size=n_players)))
            outcomes.append(Outcome(draw(labels), payoffs))
            node_outcome.append(len(outcomes) - 1)
        node_labels.append(draw(labels))
    return ExtensiveGame.from_preorder(players, infosets, outcomes, node_infoset, node_outcome,
                                       node_labels, title=draw(labels),
                                       description=draw(labels))


@settings(max_examples=150, deadline=None)
@given(extensive_games())
def test_random_trees_round_trip(game):
    text = to_efg(game)
    again = read(text)
    assert signature(again) == signature(game)
    assert to_efg(again) == text


@st.composite
def strategic_games(draw):
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=1, max_size=4)))
    players = draw(st.lists(labels, min_size=len(shape), max_size=len(shape)))
    strategies = [draw(st.lists(labels, min_size=s, max_size=s)) for s in shape]
    payoffs = np.array(draw(st.lists(numbers, min_size=len(shape) * int(np.prod(shape)),
                                     max_size=len(shape) * int(np.prod(shape)))),
                       dtype=object).reshape((len(shape), *shape))
    return StrategicGame(players, strategies, payoffs, title=draw(labels),
                         description=draw(labels))


@settings(max_examples=60, deadline=None)
@given(strategic_games())
def test_random_tables_round_trip(game):
    text = to_nfg(game)
    assert signature(read(text)) == signature(game)


# ------------------------------------------------------------------ size and speed

def complete_tree_efg(depth: int, branching: int = 3) -> str:
    """A complete tree whose levels cycle player 1, player 2, chance; one outcome per leaf."""
    lines = ['EFG 2 R "complete tree" { "1" "2" }', '""', '']
    actions = " ".join(f'"a{k}"' for k in range(branching))
    chance_actions = " ".join(f'"a{k}" 1/{branching}' for k in range(branching))
    counters = [0, 0, 0]
    leaves = 0
    stack = [0]
    while stack:
        level = stack.pop()
        if level == depth:
            leaves += 1
            lines.append(f't "" {leaves} "" {{ {Fraction(leaves, 7)}, {-leaves} }}')
            continue
        kind = level % 3
        counters[kind] += 1
        if kind == 2:
            lines.append(f'c "" {counters[2]} "" {{ {chance_actions} }} 0')
        else:
            lines.append(f'p "" {kind + 1} {counters[kind]} "" {{ {actions} }} 0')
        stack.extend([level + 1] * branching)
    lines.append("")
    return "\n".join(lines)


def test_complete_tree():
    text = complete_tree_efg(7)
    game = read(text)
    assert game.n_nodes == (3**8 - 1) // 2 and game.n_terminal == 3**7
    assert game.is_perfect_information and len(game.outcomes) == 3**7
    assert game.outcomes[-1].payoffs == (Fraction(3**7, 7), -3**7)
    assert to_efg(game) == text


@pytest.mark.skipif(not os.environ.get("GAMETHEORY_BENCHMARK"),
                    reason="set GAMETHEORY_BENCHMARK=1 to time the 265,720-node tree")
def test_benchmark_large_tree():
    text = complete_tree_efg(11)
    start = time.process_time()
    game = read(text)
    elapsed = time.process_time() - start
    assert game.n_nodes == 265_720
    start = time.process_time()
    assert to_efg(game) == text
    written = time.process_time() - start
    print(f"\nread 265,720 nodes in {elapsed:.2f} s CPU, wrote them in {written:.2f} s")
    assert elapsed < 15          # pygambit 16.7 needs 53 s on this file
    text = complete_tree_efg(12)
    start = time.process_time()
    assert read(text).n_nodes == 797_161
    bigger = time.process_time() - start
    print(f"read 797,161 nodes in {bigger:.2f} s CPU")
    assert bigger < 3 * 1.3 * elapsed    # linear: three times the nodes, not four times the time
