"""Hostile input: silently wrong answers, resource bombs, unsafe writes, echoed files.

Each input either gets the right answer or a one-line error, quickly (the time bounds below)
and within bounded memory (the command-line cases run in a child process whose peak resident
memory is measured)."""

import json
import os
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory.cli import main
from gametheory.io.json_format import read_json
from gametheory.parameters import Parameter, parse_domain


def _game(payoff_y="5", outcome_y=1, domain="real", payoff_x="1"):
    return {"players": ["A"], "parameters": [{"name": "b", "domain": domain}],
            "tree": {"player": "A", "moves": [
                {"action": "x", "node": {"payoffs": [payoff_x], "outcome_id": 1}},
                {"action": "y", "node": {"payoffs": [payoff_y], "outcome_id": outcome_y}}]}}


def _write(tmp_path, data):
    path = tmp_path / "game.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _cli_rejects(path, capsys, *words):
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    for word in words:
        assert word in err, err


HOSTILE = {
    "reused outcome_id": (_game(), ("outcome_id 1",)),
    "integer domain with fractional bound": (_game(domain="integer [0.5, 5]"), ("integer",)),
    "log(0)": (_game(payoff_y="b*log(0)"), ("log(0)",)),
    "Min()": (_game(payoff_y="b*Min()"), ("Min()",)),
    "Max()": (_game(payoff_y="Max()"), ("Max()",)),
    "sqrt(1,2,3)": (_game(payoff_y="sqrt(1,2,3)"), ("sqrt takes 1 argument, got 3",)),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_read_json_rejects(tmp_path, case):
    data, words = HOSTILE[case]
    with pytest.raises(ValueError) as error:
        read_json(_write(tmp_path, data))
    for word in words:
        assert word in str(error.value)


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_cli_rejects_in_one_line(tmp_path, capsys, case):
    data, words = HOSTILE[case]
    _cli_rejects(_write(tmp_path, data), capsys, *words)


def test_reused_outcome_id_with_same_payoffs_is_fine(tmp_path):
    game = read_json(_write(tmp_path, _game(payoff_y="1")))
    assert game.terminal_payoffs().tolist() == [[1], [1]]
    game = read_json(_write(tmp_path, _game(payoff_x="b/2", payoff_y="b*(1/2)")))
    assert len(game.outcomes) == 1


def test_integer_domain_bounds():
    with pytest.raises(ValueError, match="integer"):
        parse_domain("integer [0.5, 5]")
    with pytest.raises(ValueError, match="integer"):
        parse_domain("integer [0, 5/2]")
    with pytest.raises(ValueError):
        Parameter("n", "integer [0.5, 5]")
    assert str(parse_domain("integer [0, 5]")) == "integer [0, 5]"
    assert str(parse_domain("integer [2/1, 5.0]")) == "integer [2, 5]"


def test_undefined_expressions_rejected():
    from gametheory.numbers import exact, parse_expression
    import sympy
    b = sympy.Symbol("b", real=True)
    for text in ["b*log(0)", "b*Min()", "Max()", "log(0)", "b + Min()", "exp(b)*log(0)"]:
        with pytest.raises(ValueError):
            parse_expression(text, {"b": b})
        with pytest.raises(ValueError):
            exact(text, {"b": b})
    assert parse_expression("Min(b, 1) + log(1)", {"b": b}) == sympy.Min(b, 1)


def test_json_assumptions_are_not_ignored_silently(tmp_path):
    data = _game(payoff_y="b", outcome_y=2)
    data["assumptions"] = ["b > 5"]
    with pytest.warns(UserWarning, match="assumptions"):
        read_json(_write(tmp_path, data))


def test_json_assumptions_restrict_the_regions_command(tmp_path, capsys):
    entry = _entry()
    free = _write(tmp_path, entry)
    assert main(["regions", str(free), "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["regions"]) == 2   # b >= 2, b <= 2
    entry["assumptions"] = ["b > 5"]
    path = tmp_path / "assumed.json"
    path.write_text(json.dumps(entry))
    assert main(["regions", str(path), "--format", "json"]) == 0
    out = capsys.readouterr()
    regions = json.loads(out.out)["regions"]
    assert [r["path"] for r in regions] == [["Out"]]      # b < 2 is excluded by b > 5
    assert out.err == ""


def test_json_assumptions_restrict_solve_and_clash_with_fixed_values(tmp_path, capsys):
    entry = _entry(assumptions=["b > 5"])
    path = _write(tmp_path, entry)
    assert main(["solve", str(path)]) == 0
    assert "1 region(s)" in capsys.readouterr().out
    assert main(["solve", str(path), "--param", "b=3"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "contradict" in err[0]


def test_read_takes_what_convert_wrote(tmp_path, capsys):
    import gametheory as gt
    out = tmp_path / "g.json"
    assert main(["convert", "linkage", "-o", str(out)]) == 0
    game = gt.read(out)
    assert game.is_symbolic and game.players == gt.read(str(out)).players
    assert len(gt.solve(game)) == len(gt.solve(gt.read(str(out))))


def _entry(**extra) -> dict:
    """The entry game with a free reputation value ``b``, as our JSON format writes it."""
    return {"players": ["Entrant", "Incumbent"], "parameters": [{"name": "b"}], **extra,
            "tree": {"player": "Entrant", "moves": [
                {"action": "Out", "node": {"payoffs": ["0", "2"]}},
                {"action": "In", "node": {"player": "Incumbent", "moves": [
                    {"action": "Fight", "node": {"payoffs": ["-1", "b - 1"]}},
                    {"action": "Accommodate", "node": {"payoffs": ["1", "1"]}}]}}]}}


# ------------------------------------------------------------------ resource bombs

def _timed(function, *args, **kwargs):
    """The result and the CPU time it took (CPU time: the bounds hold on a loaded machine)."""
    start = time.process_time()
    result = function(*args, **kwargs)
    return result, time.process_time() - start


def _fails_within(seconds, error, function, *args, match=None, **kwargs):
    start = time.process_time()
    with pytest.raises(error, match=match) as caught:
        function(*args, **kwargs)
    elapsed = time.process_time() - start
    assert elapsed < seconds, f"{elapsed:.2f} s"
    return str(caught.value)


def _many_actions(k: int) -> str:
    actions = " ".join(f'"a{i}"' for i in range(k))
    leaves = "\n".join(f't "" {i + 1} "" {{ {i} }}' for i in range(k))
    return f'EFG 2 R "" {{ "A" }}\np "" 1 1 "" {{ {actions} }} 0\n{leaves}\n'


def test_one_node_with_two_thousand_actions_is_read_at_once():
    from gametheory.io import read
    game, elapsed = _timed(read, _many_actions(2000))
    assert elapsed < 1, elapsed
    assert len(game.infosets[0].actions) == 2000 and game.n_nodes == 2001
    assert game.terminal_payoffs()[-1].tolist() == [Fraction(1999)]


def test_one_node_with_two_thousand_actions_is_solved_in_two_seconds():
    from gametheory.io import read
    from gametheory.solvers.solve import solve
    game = read(_many_actions(2000))
    solution, elapsed = _timed(solve, game)
    assert elapsed < 2, elapsed
    assert [e.payoffs for e in solution.equilibria] == [(Fraction(1999),)]


def test_unterminated_string_of_escaped_quotes_is_rejected_in_linear_time():
    from gametheory.io import GameFormatError, read
    body = '\\"' * 40_000                                        # 80 KB
    message = _fails_within(1, GameFormatError, read, 'EFG 2 R "' + body + "\n")
    assert message == "<string>:1:9: unterminated string (no closing quote)"
    # the same text, closed, is a title with 40,000 quotes in it
    closed = 'EFG 2 R "' + body + '" { "A" } t "" 1 "" { 1 }'
    game, elapsed = _timed(read, closed)
    assert game.title == '"' * 40_000 and elapsed < 1


def test_unterminated_string_later_in_the_file_is_located():
    from gametheory.io import GameFormatError, read
    with pytest.raises(GameFormatError) as error:
        read('EFG 2 R "t" { "A" }\nt "' + '\\"x' * 1000)
    assert (error.value.line, error.value.column) == (2, 3)
    assert "unterminated string" in str(error.value)


def test_integer_domains_are_never_listed():
    from gametheory.parameters import Integers
    values, elapsed = _timed(Integers(0, 100_000_000).values)
    assert elapsed < 0.1 and len(values) == 100_000_001
    assert values[0] == 0 and values[-1] == 100_000_000 and Fraction(7) in values
    assert Fraction(1, 2) not in values and 100_000_001 not in values
    assert values[2:5] == (2, 3, 4) and values != (0, 1)


def test_huge_integer_domain_is_solved_without_enumeration(tmp_path, capsys):
    data = {"players": ["A"], "parameters": [{"name": "n", "domain": "integer [0, 100000000]"}],
            "tree": {"player": "A", "moves": [{"action": "x", "node": {"payoffs": ["n"]}},
                                              {"action": "y", "node": {"payoffs": ["1"]}}]}}
    path = _write(tmp_path, data)
    _, elapsed = _timed(main, ["solve", str(path)])
    out = capsys.readouterr().out
    assert elapsed < 5, elapsed
    # x is chosen for n >= 1, y for n <= 1 (both at the tie n = 1)
    assert "2 region(s)" in out and "n >= 1" in out and "n <= 1" in out


def _wide_tree(branches: int = 12, actions: int = 10) -> str:
    """Chance picks one of ``branches`` nodes of player A, each its own information set with
    ``actions`` actions: A has actions**branches reduced strategies."""
    probs = " ".join(f'"c{i}" 1/{branches}' for i in range(branches))
    lines = ['EFG 2 R "" { "A" "B" }', f'c "" 1 "" {{ {probs} }} 0']
    outcome = 1
    for i in range(branches):
        names = " ".join(f'"x{j}"' for j in range(actions))
        lines.append(f'p "" 1 {i + 1} "" {{ {names} }} 0')
        for _ in range(actions):
            lines.append(f't "" {outcome} "" {{ {outcome}, 0 }}')
            outcome += 1
    return "\n".join(lines) + "\n"


def test_strategic_form_of_a_wide_tree_is_refused_before_it_is_built():
    from gametheory.games.forms import check_form_size, reduced_strategic_form, reduced_strategies
    from gametheory.io import read, to_nfg
    game = read(_wide_tree())                                  # 10**12 strategies
    message = _fails_within(2, ValueError, reduced_strategic_form, game)
    assert "1000000000000 x 1" in message and "limit of 1000000" in message
    _fails_within(2, ValueError, to_nfg, game, match="strategy profiles")
    _fails_within(2, ValueError, reduced_strategies, game, 0, match="more than 1000000")
    # the guard counts what it guards: 10**3 strategies pass, and a lower limit stops them
    small = read(_wide_tree(3))
    assert check_form_size(small) == (1000, 1)
    assert reduced_strategic_form(small).shape == (1000, 1)
    with pytest.raises(ValueError, match="limit of 999"):
        reduced_strategic_form(small, max_profiles=999)


def test_convert_of_a_wide_tree_is_one_line(tmp_path, capsys):
    path = tmp_path / "wide.efg"
    path.write_text(_wide_tree())
    out = tmp_path / "w.nfg"
    _, elapsed = _timed(main, ["convert", str(path), "-o", str(out)])
    err = capsys.readouterr().err.strip().splitlines()
    assert elapsed < 5 and len(err) == 1 and "1000000000000" in err[0] and not out.exists()
    small = tmp_path / "small.efg"
    small.write_text(_wide_tree(2, 3))
    assert main(["convert", str(small), "-o", str(out), "--max-profiles", "8"]) == 2
    assert "limit of 8" in capsys.readouterr().err
    assert main(["convert", str(small), "-o", str(out), "--max-profiles", "9"]) == 0
    from gametheory.io import read
    assert read(out).shape == (9, 1)


@pytest.mark.parametrize("text", ["((((9**999)**999)**999)**999)", "(9**999)**999",
                                  "9**999*9**999*9**999*9**999*9**999", "(b*9**999)**999",
                                  "(b**999)**999", "2**(2**(2**(2**(2**2))))", "b**(10**10)"])
def test_expression_size_is_checked_as_a_whole(text):
    import sympy
    from gametheory.numbers import exact
    b = sympy.Symbol("b", real=True)
    _fails_within(1, ValueError, exact, text, {"b": b}, match="too large")


def test_large_but_bounded_expressions_are_exact():
    import sympy
    from gametheory.numbers import exact
    b = sympy.Symbol("b", real=True)
    assert exact("9**999", {}) == Fraction(9**999)
    assert exact("(9**999)*(9**999)/9**999/9**999", {}) == 1
    assert exact("(b**2)**3", {"b": b}) == b**6


def test_power_tower_in_a_json_game_is_one_line(tmp_path, capsys):
    path = _write(tmp_path, _game(payoff_y="((((9**999)**999)**999)**999)"))
    _, elapsed = _timed(_cli_rejects, path, capsys, "too large")
    assert elapsed < 5


def test_grids_are_checked_before_they_are_built(capsys):
    from gametheory.report.tables import grid_points, parse_grid
    _fails_within(0.5, ValueError, parse_grid, "c=0:1:100000000", match="limit of 10000")
    _fails_within(0.5, ValueError, grid_points, ["c=0:1:1000", "s=0:1:1000"],
                  match="1000 x 1000")
    _fails_within(0.5, ValueError, parse_grid, "c=0:1:1e9", match="whole number")
    assert parse_grid("c=0:1:5", max_points=5)[1][1] == Fraction(1, 4)
    with pytest.raises(ValueError):
        parse_grid("c=0:1:5", max_points=4)
    _, elapsed = _timed(main, ["table", "linkage", "--grid", "c=0:1:100000000"])
    err = capsys.readouterr().err.strip().splitlines()
    assert elapsed < 5 and len(err) == 1 and "100000000" in err[0]


def _deep_json(depth: int) -> str:
    node = '{"payoffs": ["1"]}'
    for _ in range(depth):
        node = ('{"player": "A", "moves": [{"action": "x", "node": ' + node +
                '}, {"action": "y", "node": {"payoffs": ["0"]}}]}')
    return '{"players": ["A"], "tree": ' + node + "}"


def _deep_efg(depth: int) -> str:
    lines = ['EFG 2 R "" { "A" }']
    lines += [f'p "" 1 {i + 1} "" {{ "x" "y" }} 0' for i in range(depth)]
    lines += ['t "" 1 "" { 1 }'] + ['t "" 2 "" { 0 }'] * depth
    return "\n".join(lines) + "\n"


def test_deep_json_is_read_and_written_without_recursion(tmp_path):
    from gametheory.io import read
    from gametheory.io.json_format import read_json, write_json
    game, elapsed = _timed(read_json, _deep_json(3000))
    assert elapsed < 5 and game.n_nodes == 6001 and game.tree.n_levels == 3001
    assert game.terminal_payoffs().tolist().count([Fraction(1)]) == 1
    text, elapsed = _timed(write_json, game, tmp_path / "deep.json")
    assert elapsed < 5 and len(text) < 1_000_000              # linear, not quadratic, in depth
    again = read(tmp_path / "deep.json")
    assert again.terminal_payoffs().tolist() == game.terminal_payoffs().tolist()


def test_deep_trees_convert_and_draw_in_one_line_each(tmp_path, capsys):
    efg = tmp_path / "deep.efg"
    efg.write_text(_deep_efg(2000))
    for target in ("d.json", "d.tex", "d.dot"):
        command = "convert" if target.endswith("json") else "draw"
        assert main([command, str(efg), "-o", str(tmp_path / target)]) == 0, target
    assert capsys.readouterr().err == ""
    assert (tmp_path / "d.tex").read_text().count(r"\node[decision") == 2000
    assert main(["draw", str(efg), "-o", str(tmp_path / "d.png")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "too large to draw as a picture" in err[0] and ".tex" in err[0]
    assert not (tmp_path / "d.png").exists()


def test_picture_size_is_capped():
    pytest.importorskip("matplotlib")
    import matplotlib.pyplot as plt
    from gametheory.io import read
    from gametheory.report.drawing import MAX_FIGURE_INCHES, plot_tree
    figure = plot_tree(read(_deep_efg(30)))
    width, height = figure.get_size_inches()
    plt.close(figure)
    assert max(width, height) <= MAX_FIGURE_INCHES
    with pytest.raises(ValueError, match="41 levels"):
        plot_tree(read(_deep_efg(40)))


# ------------------------------------------------------------------ files that are not games

@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_dev_zero_is_refused_at_once(capsys):
    from gametheory.io import GameFormatError, read
    message = _fails_within(1, GameFormatError, read, Path("/dev/zero"))
    assert message == "/dev/zero:1:1: byte 0x00 at offset 0: a binary file, not a game file"
    _, elapsed = _timed(main, ["info", "/dev/zero"])
    err = capsys.readouterr().err.strip().splitlines()
    assert elapsed < 5 and err == [message]


def _in_a_thread(seconds, function, *args):
    """``function(*args)`` in a daemon thread: (finished within ``seconds``, result or error).

    A hang shows as ``finished == False`` instead of blocking the test run forever."""
    import threading
    outcome = {}

    def target():
        try:
            outcome["value"] = function(*args)
        except BaseException as error:          # reported to the test, not lost in the thread
            outcome["value"] = error
    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), outcome.get("value")


NFG = 'NFG 1 R "" { "A" "B" } { 1 1 } 1 2\n'


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_without_writer_is_refused_not_waited_on(tmp_path, monkeypatch, capsys):
    from gametheory.io import GameFormatError
    from gametheory.io.files import read_bounded
    pipe = tmp_path / "game.nfg"
    os.mkfifo(pipe)
    finished, error = _in_a_thread(30, read_bounded, pipe, None, 0.2)
    assert finished, "reading a named pipe with no writer blocked"
    assert isinstance(error, GameFormatError), error
    assert str(error) == (f"{pipe}:1:1: no data from this pipe in 0.2 s (is anything writing "
                          f"to it?); set GAMETHEORY_PIPE_TIMEOUT to wait longer")
    monkeypatch.setenv("GAMETHEORY_PIPE_TIMEOUT", "0.2")
    for command in (["info", pipe], ["solve", pipe], ["convert", pipe, "-o", tmp_path / "g.efg"]):
        finished, status = _in_a_thread(30, main, [str(a) for a in command])
        assert finished and status == 2, (command, status)
    assert capsys.readouterr().err.splitlines() == [
        f"{pipe}:1:1: no data from this pipe in 0.2 s (is anything writing to it?); set "
        f"GAMETHEORY_PIPE_TIMEOUT to wait longer"] * 3


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_with_a_writer_is_read(tmp_path):
    import threading
    from gametheory.io import read
    pipe = tmp_path / "game.nfg"
    os.mkfifo(pipe)

    def writer():
        with open(pipe, "w") as out:           # blocks until the reader has opened the pipe
            time.sleep(0.3)                    # the reader waits for data, not for EOF
            out.write(NFG)
    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    finished, game = _in_a_thread(30, read, pipe)
    thread.join(5)
    assert finished and not isinstance(game, BaseException), game
    assert game.shape == (1, 1) and game.payoffs[:, 0, 0].tolist() == [1, 2]


def test_a_directory_is_refused_with_its_name(tmp_path, capsys):
    from gametheory.io.files import read_bounded
    with pytest.raises(IsADirectoryError) as error:
        read_bounded(tmp_path)
    assert error.value.filename == str(tmp_path)
    assert main(["info", str(tmp_path / ".")]) == 2
    assert capsys.readouterr().err.strip().splitlines() == [
        f"gametheory info: {tmp_path / '.'}: Is a directory"]


def test_files_larger_than_the_limit_are_refused(tmp_path, monkeypatch):
    from gametheory.io import GameFormatError, read
    path = tmp_path / "g.nfg"
    path.write_text('NFG 1 R "" { "A" "B" } { 1 1 } 1 2\n')
    assert read(path).shape == (1, 1)
    monkeypatch.setenv("GAMETHEORY_MAX_FILE_BYTES", "20")
    with pytest.raises(GameFormatError, match="larger than the limit of 20 bytes"):
        read(path)
    json_path = _write(tmp_path, _game())
    with pytest.raises(ValueError, match="larger than the limit"):
        read_json(json_path)


SECRET = "root:x:0:0:hunter2-secret:/root:/bin/bash"


@pytest.mark.parametrize("content", [SECRET + "\n", "\x1b[2J" + SECRET, "{" + SECRET,
                                     '{"players": ["' + SECRET])
def test_errors_do_not_echo_files_that_are_not_games(tmp_path, capsys, content):
    path = tmp_path / "passwd"
    path.write_text(content)
    for argv in (["info", str(path)], ["prove", "--claim", str(path), "linkage"]):
        code = main(argv)
        err = capsys.readouterr().err
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "hunter2" not in err and "\x1b" not in err, err


def test_errors_in_game_files_quote_a_short_escaped_snippet():
    from gametheory.io import GameFormatError, read
    with pytest.raises(GameFormatError) as error:
        read('EFG 2 R "" { "A" }\nq\x1b[2J' + "x" * 100)
    message = str(error.value)
    assert message.startswith("<string>:2:1: expected a node ('c', 'p' or 't'), found 'q")
    assert "\x1b" not in message and "\\x1b" in message and len(message) < 120


# ------------------------------------------------------------------ writes

def test_a_failed_write_leaves_the_old_file(tmp_path, monkeypatch):
    from gametheory.catalog import entry_game
    from gametheory.io import files, write
    target = tmp_path / "game.efg"
    target.write_text("old content\n")

    def broken(*args):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(files.os, "replace", broken)
    with pytest.raises(OSError, match="No space"):
        write(entry_game(), target)
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["game.efg"]   # no temporary left
    monkeypatch.undo()
    write(entry_game(), target)
    assert target.read_text().startswith("EFG 2 R")


def test_a_symlink_at_the_target_is_replaced_not_followed(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    link = tmp_path / "out.efg"
    link.symlink_to(victim)
    assert main(["convert", "entry", "-o", str(link)]) == 0
    assert victim.read_text() == "precious\n"
    assert not link.is_symlink() and link.read_text().startswith("EFG 2 R")
    for name in ("out.json", "out.tex", "out.dot"):
        other = tmp_path / name
        other.symlink_to(victim)
        command = "convert" if name.endswith(".json") else "draw"
        assert main([command, "entry", "-o", str(other)]) == 0
        assert victim.read_text() == "precious\n" and not other.is_symlink()


def test_written_files_keep_their_permissions(tmp_path):
    from gametheory.io.files import write_atomic
    target = tmp_path / "a.txt"
    target.write_text("x")
    target.chmod(0o640)
    write_atomic(target, "y")
    assert target.read_text() == "y" and (target.stat().st_mode & 0o777) == 0o640
    with pytest.raises(IsADirectoryError):
        write_atomic(tmp_path, "z")


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="needs /dev/null")
def test_special_files_are_written_not_replaced(tmp_path):
    import stat
    from gametheory.io.files import write_atomic
    write_atomic("/dev/null", "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    link = tmp_path / "sink.efg"
    link.symlink_to("/dev/null")
    write_atomic(link, "discarded")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


# ------------------------------------------------------------------ labels in output

def test_control_characters_and_formulas_are_neutralised_in_tables():
    from gametheory.report.tables import render
    rows = [['=HYPERLINK("http://evil")', "-1/2", "@SUM(A1)", "red\x1b[31m"],
            ["+cmd", "3", "-x", "ok"]]
    csv = render(["a", "b", "c", "d"], rows, "csv").splitlines()
    assert csv[1] == '"\'=HYPERLINK(""http://evil"")",-1/2,\'@SUM(A1),red\\x1b[31m'
    assert csv[2] == "'+cmd,3,'-x,ok"
    for fmt in ("text", "md", "tex"):
        out = render(["a", "b", "c", "d"], rows, fmt)
        assert "\x1b" not in out and "x1b[31m" in out


# ------------------------------------------------------------------ bounded memory

def _run_cli(argv, cwd) -> tuple[int, str, float, int]:
    """Run the command line in a child process: status, stderr, CPU seconds, peak RSS in bytes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-m", "gametheory", *argv], cwd=cwd,
                                   stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = usage.ru_utime + usage.ru_stime
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        return process.returncode, err.read().decode(), elapsed, peak


@pytest.mark.skipif(not hasattr(os, "wait4"), reason="needs os.wait4")
def test_bombs_stay_under_a_gigabyte(tmp_path):
    (tmp_path / "wide.efg").write_text(_wide_tree())
    (tmp_path / "deep.json").write_text(_deep_json(300))
    (tmp_path / "many.efg").write_text(_many_actions(2000))
    cases = [(["convert", "wide.efg", "-o", "w.nfg"], 2),
             (["solve", "wide.efg", "--method", "enummixed"], 2),
             (["draw", "deep.json", "-o", "d.png"], 2),
             (["info", "/dev/zero"], 2),
             (["info", "many.efg"], 0)]
    for argv, expected in cases:
        status, err, elapsed, peak = _run_cli(argv, tmp_path)
        assert status == expected, (argv, err)
        assert len(err.strip().splitlines()) == expected // 2, (argv, err)
        assert peak < 1 << 30, (argv, peak)
        assert elapsed < 10, (argv, elapsed)         # the child's start-up included
