"""Fuzzing the readers: whatever the text, the outcome is a game or one ``GameFormatError``.

Inputs are random mutations of the reference games in ``shared/games`` (Gambit's ``.efg`` and
``.nfg`` files, and the same trees written in our JSON format) -- deletions, duplications,
truncations and insertions of characters and tokens chosen to break things (quotes, escaped
quotes, braces, huge and malformed numbers, control characters, NUL, unicode) -- and arbitrary
bytes and text.  Every input must be read, or refused with :class:`GameFormatError` (a
``ValueError`` naming file, line and column), within a time bound; never another exception, a
hang or code execution.  A game that is read must survive a round trip through the writer.
"""

from __future__ import annotations

import time

import pytest
from conftest import GAMBIT, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.cli import main
from gametheory.errors import GameFormatError
from gametheory.games import ExtensiveGame
from gametheory.io import read, write
from gametheory.io.json_format import loads_iterative, write_json

GAME_FILES = sorted([*GAMBIT.glob("*.efg"), *GAMBIT.glob("*.nfg"),
                     *(SHARED / "games" / "reference").glob("*.efg")])
SEEDS = {path.name: path.read_text(encoding="utf-8") for path in GAME_FILES}
# Small trees in our JSON format (written from the Gambit files that read; the list is fixed so
# that examples are reproducible).
JSON_SEEDS = {}
for _name in ("e04.efg", "entry_accommodation.efg", "2smp.efg", "poker.efg", "cent2.efg",
              "nim.efg", "kuhn_poker.efg"):
    if _name in SEEDS:
        try:
            JSON_SEEDS[_name] = write_json(read(SEEDS[_name]))
        except (GameFormatError, ValueError):
            pass

# Fragments that break readers: string and escape characters, braces, numbers at and past every
# limit, keywords out of place, control characters, NUL, a byte-order mark, wide characters,
# and expressions that try to run code.
NASTY = ['"', '\\"', "\\", "{", "}", ",", " ", "\n", "0", "-1", "1/0", "0/0", "1e1001", "1e-1001",
         "9" * 30, "9" * 5000, "1.5e3", ".5", "+", "-", "EFG", "NFG", "2", "R", "D", "c", "p", "t",
         "\x00", "\x1b[2J", "\r", "\t", "\ufeff", "\u2028", "é", "𝔊", '""', '"x"', "{ }", "{ 1 }",
         "__import__('os').system('echo pwned')", "().__class__", "lambda: 1", "9**9**9",
         "((((9**999)**999)**999)**999)", "b*log(0)", "[", "]", ":", "null", "true", '{"a":'] 

TIME_BOUND = 2.0     # seconds per input; the inputs are at most a few tens of kilobytes
FUZZ = settings(max_examples=60, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@st.composite
def mutated(draw, seeds: dict[str, str]) -> str:
    """A seed text after one to four random edits."""
    text = seeds[draw(st.sampled_from(sorted(seeds)))]
    for _ in range(draw(st.integers(1, 4))):
        n = len(text)
        at = draw(st.integers(0, n))
        end = draw(st.integers(at, min(n, at + 200)))
        edit = draw(st.sampled_from(["delete", "duplicate", "insert", "replace", "truncate",
                                     "swap"]))
        if edit == "delete":
            text = text[:at] + text[end:]
        elif edit == "duplicate":
            text = text[:end] + text[at:end] * draw(st.integers(1, 3)) + text[end:]
        elif edit == "insert":
            piece = draw(st.sampled_from(NASTY) | st.text(max_size=8))
            text = text[:at] + piece + text[at:]
        elif edit == "replace":
            piece = draw(st.sampled_from(NASTY))
            text = text[:at] + piece + text[end:]
        elif edit == "truncate":
            text = text[:at]
        else:
            text = text[at:end] + text[:at] + text[end:]
    return text


def _read_or_refuse(source, bound: float = TIME_BOUND):
    """Read ``source``; the only allowed failure is GameFormatError.  Returns the game or None."""
    start = time.process_time()     # CPU time: the bound holds however loaded the machine is
    try:
        game = read(source)
    except GameFormatError as error:
        message = str(error)
        assert "\n" not in message.strip() and "\x1b" not in message and "\x00" not in message
        game = None
    elapsed = time.process_time() - start
    assert elapsed < bound, f"{elapsed:.2f} s"
    return game


def _round_trip(game) -> None:
    """A game that was read is written and read back unchanged (payoffs and shape)."""
    if game is None:
        return
    if isinstance(game, ExtensiveGame):
        if game.is_symbolic:
            again = read(write_json(game))
        else:
            labels = [*game.players, game.title, game.description,
                      *(a for s in game.infosets for a in (s.label, *s.actions)),
                      *(o.label for o in game.outcomes), *game.node_labels.values()]
            if any(label.endswith("\\") for label in labels):
                return                      # the format cannot write it (see lexer.quote)
            again = read(write(game))
        assert again.n_nodes == game.n_nodes
        assert again.terminal_payoffs().tolist() == game.terminal_payoffs().tolist()
    else:
        if any(label.endswith("\\") for label in [*game.players, game.title, game.description,
                                                  *(s for row in game.strategies for s in row)]):
            return
        again = read(write(game))
        assert again.shape == game.shape
        assert again.payoffs.tolist() == game.payoffs.tolist()


def test_the_seeds_are_games():
    assert len(SEEDS) > 150 and len(JSON_SEEDS) >= 5
    read_ok = sum(_read_or_refuse(text) is not None for text in SEEDS.values())
    assert read_ok >= len(SEEDS) - 5          # Gambit's few deliberately bad files


@FUZZ
@given(mutated(SEEDS))
def test_mutated_gambit_files(text):
    _round_trip(_read_or_refuse(text))


@FUZZ
@given(mutated(JSON_SEEDS))
def test_mutated_json_games(text):
    if not text.lstrip().startswith("{"):
        text = "{" + text        # JSON text (not a path) is what starts with a brace
    _round_trip(_read_or_refuse(text))


@FUZZ
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data):
    _round_trip(_read_or_refuse(data))


@FUZZ
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    _round_trip(_read_or_refuse(text.encode("utf-8")))
    _round_trip(_read_or_refuse("{" + text))
    _round_trip(_read_or_refuse("EFG 2 R " + text))
    _round_trip(_read_or_refuse("NFG 1 R " + text))


@FUZZ
@given(st.lists(st.sampled_from(NASTY), max_size=60))
def test_token_soup(tokens):
    body = " ".join(tokens)
    for head in ('EFG 2 R "" { "A" "B" } ', 'NFG 1 R "" { "A" "B" } { 2 2 } ', "{"):
        _round_trip(_read_or_refuse(head + body))


@pytest.mark.parametrize("depth", [1000, 100_000])
def test_nesting_deep_json_is_refused_in_one_line(depth):
    for text in ('{"a": ' + "[" * depth + "]" * depth + "}", '{"a": ' * depth + "1" + "}" * depth,
                 '{"players": ["A"], "tree": ' + '{"moves": [{"node": ' * depth):
        assert _read_or_refuse(text, bound=5) is None    # 700 KB of JSON at depth 100,000
    assert loads_iterative("[" * depth + "]" * depth) is not None


@pytest.mark.parametrize("payload", [
    "__import__('os').system('echo pwned')", "().__class__.__bases__[0]", "lambda: 1",
    "open('/etc/passwd').read()", "[x for x in (1,)]", "b.__class__", "globals()", "eval('1')",
    "exec('1')", "b if b else 1", "{1: 2}", "f'{b}'", "b[0]", "b @ b", "not b", "b and 1"])
def test_expressions_never_run_code(payload, tmp_path):
    game = {"players": ["A"], "parameters": [{"name": "b"}],
            "tree": {"player": "A", "moves": [{"action": "x", "node": {"payoffs": [payload]}},
                                              {"action": "y", "node": {"payoffs": ["1"]}}]}}
    import json
    with pytest.raises(GameFormatError):
        read(json.dumps(game))
    assert not (tmp_path / "pwned").exists()


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40) | st.sampled_from(NASTY))
def test_param_values_are_read_or_refused_in_one_line(capsys, value):
    code = main(["solve", "entry", "--param", f"b={value}"])
    err = capsys.readouterr().err
    assert code in (0, 2), err
    if code == 2:
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_the_checks_can_fail(monkeypatch):
    text = SEEDS["e04.efg"]
    game = read(text)
    # a harmless mutation (spacing, commas) reads as the same game...
    _round_trip(game)
    spaced = read(text.replace(", ", "  ,\t"))
    assert spaced.terminal_payoffs().tolist() == game.terminal_payoffs().tolist()
    # ...while a writer that loses a payoff, or a reader that raises something else, is caught
    other = read(text.replace("{ 3, -1 }", "{ 3, -2 }", 1))
    assert other.terminal_payoffs().tolist() != game.terminal_payoffs().tolist()
    writer = write
    monkeypatch.setitem(globals(), "write", lambda g: writer(other))
    with pytest.raises(AssertionError):
        _round_trip(game)

    def broken(source):
        raise KeyError("boom")
    monkeypatch.setitem(globals(), "read", broken)
    with pytest.raises(KeyError):
        _read_or_refuse(text)
