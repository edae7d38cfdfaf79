"""``--assume REL``: narrowing a symbolic question from the command line (solve, prove --claim,
sweep), read by the restricted relation parser.

The game: A takes a sure 1/2 ("safe") or a lottery paying 1 with probability p ("risky").  By
hand: risky is A's best reply iff p >= 1/2 (expected value p against 1/2), with a tie at
p = 1/2; a PBE needs p > 0 and 1 - p > 0 (every chance move possible).
"""

from __future__ import annotations

import json

import pytest

from gametheory import ExtensiveGame, Parameter, chance, decision, leaf
from gametheory.cli import main
from gametheory.cli.common import UsageError, parse_assumptions, split_relations
from gametheory.io.json_format import write_json


def _risk(tmp_path, safe="1/2"):
    game = ExtensiveGame(["A"], decision("A", {
        "safe": leaf(safe),
        "risky": chance({"win": ("p", leaf(1)), "lose": ("1 - p", leaf(0))})}),
        parameters=[Parameter("p", "[0, 1]")])
    path = tmp_path / f"risk{safe.replace('/', '_')}.json"
    write_json(game, path)
    return str(path)


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _refused(capsys, *argv) -> str:
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == "", (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_chains_and_semicolons_split_into_single_relations():
    assert split_relations("0 < p < 1") == ["0 < p", "p < 1"]
    assert split_relations("0 <= c <= R/s < 2; Eq(lam, 1)") == [
        "0 <= c", "c <= R/s", "R/s < 2", "Eq(lam, 1)"]
    assert split_relations("1 < (p") == ["1 < (p"]          # the parser reports the error


def test_parse_assumptions_substitutes_fixed_values_and_refuses_code():
    p, c = Parameter("p", "[0, 1]"), Parameter("c", ">= 0")
    relations = parse_assumptions(["0 < p < 1", "c < 2*p"], [p, c])
    assert [str(r) for r in relations] == ["0 < p", "p < 1", "c < 2*p"]
    assert [str(r) for r in parse_assumptions(["c < 2*p"], [c], {"p": "1/3"})] == ["c < 2/3"]
    assert parse_assumptions(["p < 1"], [c], {"p": "1/3"}) == ()      # true there: dropped
    with pytest.raises(UsageError, match="is false where --param fixes p=1"):
        parse_assumptions(["p < 1"], [c], {"p": "1"})
    for hostile in ("__import__('os').system('true') > 0", "p.__class__ > 0",
                    "(lambda: 1)() > 0", "p if p else p > 0"):
        with pytest.raises(UsageError):
            parse_assumptions([hostile], [p])


def test_solve_keeps_only_the_assumed_regions(tmp_path, capsys):
    game = _risk(tmp_path)
    code, out, _ = _run(capsys, "solve", game)
    assert code == 0 and "2 region(s)" in out and "path: safe" in out and "risky" in out
    code, out, _ = _run(capsys, "solve", game, "--assume", "3/4 < p < 1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("1 region(s)") and lines[1] == "assuming: 3/4 < p and p < 1"
    assert "path: risky" in out and "path: safe" not in out
    code, out, _ = _run(capsys, "solve", game, "--assume", "0 < p < 1/4")
    assert code == 0 and "path: safe" in out and "path: risky" not in out
    # the mutated game (a sure 1/8 instead of 1/2) is risky on (0, 1/4) as well: 1/8 < p there
    code, out, _ = _run(capsys, "solve", _risk(tmp_path, "1/8"), "--assume", "1/4 < p < 1")
    assert code == 0 and "path: risky" in out and "path: safe" not in out
    code, out, _ = _run(capsys, "solve", game, "--assume", "3/4 < p", "--format", "json")
    data = json.loads(out)
    assert data["assumptions"] == ["3/4 < p"] and len(data["regions"]) == 1


def test_solve_pbe_runs_once_the_probabilities_are_assumed_positive(tmp_path, capsys):
    game = _risk(tmp_path)
    assert "narrow the domain" in _refused(capsys, "solve", game, "--method", "pbe")
    code, out, _ = _run(capsys, "solve", game, "--method", "pbe", "--assume", "0 < p < 1")
    assert code == 0, out
    assert "2 equilibria (method pbe)" in out and "assuming: 0 < p and p < 1" in out
    assert "payoffs (1/2)" in out and "payoffs (p)" in out


def test_solve_refuses_bad_assumptions_in_one_line(tmp_path, capsys):
    game = _risk(tmp_path)
    assert _refused(capsys, "solve", game, "--assume", "0 < pp") == (
        "gametheory solve: --assume '0 < pp': no parameter 'pp'; did you mean 'p'?")
    assert _refused(capsys, "solve", game, "--param", "p=1/3", "--assume", "p > 1/2") == (
        "gametheory solve: --assume 'p > 1/2' is false where --param fixes p=1/3")
    assert "unknown function" in _refused(capsys, "solve", game, "--assume",
                                          "__import__('os') > 1")
    assert "no free parameters" in _refused(capsys, "solve", "entry", "--assume", "x > 0")
    code, out, _ = _run(capsys, "solve", game, "--param", "p=3/4", "--assume", "p > 1/2")
    assert code == 0 and "risky" in out                       # true at the fixed value


def test_prove_claim_under_an_assumption(tmp_path, capsys):
    game = _risk(tmp_path)
    code, out, _ = _run(capsys, "prove", "--claim", game, "risky iff p > 0")
    assert code == 1 and out.startswith("claim: refuted")       # safe at p = 1/4
    code, out, _ = _run(capsys, "prove", "--claim", game, "risky iff p > 0",
                        "--assume", "1/2 < p < 1")
    assert code == 0 and out.startswith("claim: proved"), out
    assert _refused(capsys, "prove", "--claim", game, "risky iff p > 0", "--assume",
                    "1/2 < pp") == ("gametheory prove: --assume '1/2 < pp': no parameter 'pp'; "
                                    "did you mean 'p'?")


def test_sweep_keeps_the_grid_values_where_the_assumption_holds(tmp_path, capsys):
    game = _risk(tmp_path)
    code, out, _ = _run(capsys, "sweep", game, "--grid", "p=0:1:5", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["points"] == 5 and data["assumptions"] == []
    paths = {o["path"]: o["points"] for o in data["outcomes"]}
    assert paths == {"safe": 3, "(through a chance move)": 2}   # p = 0, 1/4, 1/2 (tie) safe
    code, out, _ = _run(capsys, "sweep", game, "--grid", "p=0:1:5", "--format", "json",
                        "--assume", "1/2 < p <= 1")
    data = json.loads(out)
    assert code == 0 and data["points"] == 2 and data["grid"]["p"] == {"lo": "3/4", "hi": "1",
                                                                        "n": 2}
    assert [o["path"] for o in data["outcomes"]] == ["(through a chance move)"]
    code, out, _ = _run(capsys, "sweep", game, "--grid", "p=0:1:5", "--assume", "p < 1/2")
    assert code == 0 and "assuming: p < 1/2" in out and "over 2 grid points" in out
    assert "no value of p on the grid" in _refused(capsys, "sweep", game, "--grid", "p=0:1:5",
                                                   "--assume", "p > 1")
    assert "relates c and s" in _refused(capsys, "sweep", "linkage", "--grid", "c=0:1:3",
                                         "--grid", "s=1:2:2", "--assume", "c < s")


# ------------------------------------------------------------------ LaTeX output (--standalone)

def test_solve_and_prove_write_latex_fragments_or_whole_documents(tmp_path, capsys):
    import shutil
    game = _risk(tmp_path)
    code, fragment, _ = _run(capsys, "solve", game, "--format", "tex", "--assume", "0 < p < 1/4")
    assert code == 0 and fragment.startswith("% requires:") and r"\documentclass" not in fragment
    assert r"Assuming $p > 0$ and $p < 1/4$.\par" in fragment and r"\mbox{safe}" in fragment
    code, whole, _ = _run(capsys, "solve", game, "--format", "tex", "--standalone")
    assert code == 0 and whole.startswith(r"\documentclass{article}")
    assert whole.rstrip().endswith(r"\end{document}")
    code, proof, _ = _run(capsys, "prove", "--claim", game, "risky iff p >= 1/2", "--format",
                          "tex", "--standalone")
    assert code == 0 and proof.startswith(r"\documentclass{article}")
    assert "--standalone goes with --format tex" in _refused(capsys, "solve", game,
                                                             "--standalone")
    assert "--standalone goes with --format tex" in _refused(capsys, "prove", "P1",
                                                             "--standalone")
    if shutil.which("pdflatex"):
        from latex_compile import compile_latex
        compile_latex(tmp_path, fragment, "solve")
        compile_latex(tmp_path, whole, "solve_whole", standalone=True)
        compile_latex(tmp_path, proof, "proof_whole", standalone=True)
