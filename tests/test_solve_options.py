"""Strict options of ``solve`` (issue 12, item 3): an option the method does not take raises."""

from __future__ import annotations

import pytest

from gametheory.cli import main
from gametheory.catalog import centipede, kuhn_poker, matching_pennies, random_linear_tree
from gametheory.solvers import solve


def test_misspelled_option_suggests_the_closest():
    with pytest.raises(TypeError) as info:
        solve(centipede(4), limt=1)
    message = str(info.value)
    assert "'limt'" in message and "did you mean 'limit'?" in message
    assert "'tie_break'" in message          # lists what the method takes


def test_explicit_method_rejects_option_it_does_not_take():
    with pytest.raises(TypeError, match=r"method 'lcp' takes no option 'limit'"):
        solve(matching_pennies(), "lcp", limit=1)
    with pytest.raises(TypeError, match=r"method 'lp' takes no option 'limit'.*no options"):
        solve(matching_pennies(), "lp", limit=1)
    with pytest.raises(TypeError, match=r"'agnt'.*did you mean 'agent'\?"):
        solve(matching_pennies(), "enumpure", agnt=True)


def test_accepted_options_still_work():
    assert len(solve(centipede(4), "spe", limit=1)) == 1
    assert len(solve(centipede(4), limit=1)) == 1
    assert len(solve(matching_pennies(), "lcp", initial_dropped_label=1)) == 1


def test_auto_rejects_option_the_picked_method_cannot_use():
    # a 2x2 strategic game: auto picks enummixed, which has no tie_break
    with pytest.raises(TypeError, match=r"'auto'.*'enummixed'.*'tie_break'"):
        solve(matching_pennies(), tie_break=lambda *a: 0)
    # kuhn poker: auto picks lp (constant-sum tree), which takes no limit
    with pytest.raises(TypeError, match=r"'auto'.*'lp'.*no option 'limit'"):
        solve(kuhn_poker(), limit=1)


def test_pbe_options_come_from_perfect_bayesian():
    with pytest.raises(TypeError, match=r"'mixd'.*did you mean 'mixed'\?"):
        solve(centipede(2), "pbe", mixd=True)


def test_symbolic_options_come_from_parametric_spe():
    game = random_linear_tree(6, n_params=1, seed=0)
    with pytest.raises(TypeError, match=r"'generik'.*did you mean 'generic'\?"):
        solve(game, generik=True)
    with pytest.raises(TypeError, match=r"'spe'.*no option 'limit'"):
        solve(game, "spe", limit=1)
    assert solve(game, generic=True) is not None


def test_unknown_method_suggests_the_closest():
    with pytest.raises(ValueError, match=r"did you mean 'enumpure'\?"):
        solve(matching_pennies(), "enumpur")


def test_cli_option_error_is_one_line_exit_2(capsys):
    assert main(["solve", "kuhn", "--method", "lcp", "--limit", "1"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "method 'lcp' takes no option 'limit'" in lines[0]
    assert "Traceback" not in captured.err + captured.out
