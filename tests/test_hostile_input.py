"""Hostile input that used to give a silently wrong answer (issue 18, item 1)."""

import json

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
