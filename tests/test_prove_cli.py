"""``gametheory prove``: propositions on given games (``--game``), claims on every model,
one-line errors (exit 2), refutations with re-checkable ``--param`` points (exit 1)."""

from __future__ import annotations

import json
import re

import pytest

from gametheory.cli import main
from gametheory.symbolic import decide

needs_z3 = pytest.mark.skipif(not decide.z3_available(), reason="z3-solver not installed")


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def export(tmp_path, capsys, model="linkage", name="g.json"):
    path = tmp_path / name
    assert run(capsys, "convert", model, "-o", str(path))[0] == 0
    return path


def edit(path, actions, player, expression):
    """Set ``player``'s payoff at the leaf reached by ``actions`` in a JSON game file."""
    data = json.loads(path.read_text())
    node = data["tree"]
    for action in actions:
        node = next(m["node"] for m in node["moves"] if m["action"] == action)
    node["payoffs"][data["players"].index(player)] = expression
    path.write_text(json.dumps(data))


@needs_z3
def test_claim_and_opposite_on_linkage(capsys):
    grows = run(capsys, "prove", "--claim", "linkage", "L grows in eta")
    shrinks = run(capsys, "prove", "--claim", "linkage", "L shrinks in eta")
    assert grows[0] == shrinks[0] == 1
    assert "does not depend on eta" in grows[1] and "does not depend on eta" in shrinks[1]
    weak = run(capsys, "prove", "--claim", "linkage", "L weakly grows in eta")
    assert weak[0] == 0


@needs_z3
def test_param_and_deprecated_fix(capsys):
    status, out, _ = run(capsys, "prove", "--claim", "linkage", "S shrinks in c",
                         "--param", "lam=0")
    assert status == 0 and "strict change between:" in out
    status, out, err = run(capsys, "prove", "--claim", "linkage", "S grows in c", "--fix", "lam=0")
    assert status == 1 and "deprecated" in err
    assert "gametheory solve linkage --param lam=0 --param c=" in out


def test_errors_are_one_line_exit_2(capsys, tmp_path):
    status, out, err = run(capsys, "prove", "--claim", "linkage", "ZZZ where c < 1")
    assert status == 2 and len(err.strip().splitlines()) == 1 and "ZZZ" in err
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    status, out, err = run(capsys, "prove", "--claim", str(secret), "x where c < 1")
    assert status == 2 and "root:" not in err + out and len(err.strip().splitlines()) == 1
    assert run(capsys, "prove", "--game", str(secret))[0] == 2       # --game needs a NAME
    assert run(capsys, "prove", "P1", "--param", "lam=0")[0] == 2     # --param needs --claim


@needs_z3
def test_claim_on_a_model_with_private_information(capsys):
    """c2 (screening) through the PBE solver, most parameters fixed.  A's demands are the types'
    thresholds, ell_H/beta = 4 and ell_L/beta = ell_L; the low demand pays ell_L for sure, the
    high one q*ell_H/beta - (1 - q)*ell_A = 3/2 (only the dependent type concedes), so below
    ell_L = 3/2 a PBE demands little: 'L_hi where ell_L > 0' is refuted, with a command that
    re-checks the counterexample."""
    fixed = ["--param", "lam=1", "--param", "beta=1", "--param", "ell_A=1", "--param",
             "kappa0=2", "--param", "kappa=0", "--param", "eta=1", "--param", "v_L=1",
             "--param", "ell_H=4", "--param", "q=1/2"]
    status, out, err = run(capsys, "prove", "--claim", "linkage-screening",
                           "L_hi where ell_L > 0", *fixed)
    assert status == 1 and "Traceback" not in out + err
    assert "gametheory solve linkage-screening --param" in out
    assert "L_hi > concede > L_hi > refuse > carry out with payoffs (3/2," in out


def test_wrong_shape_is_exit_2_naming_what_is_missing(capsys, tmp_path):
    path = export(tmp_path, capsys)
    data = json.loads(path.read_text())
    data["parameters"] = [p for p in data["parameters"] if p["name"] != "kappa"]
    text = json.dumps(data).replace("-kappa*lam - kappa0", "-kappa0")
    path.write_text(text)
    status, out, err = run(capsys, "prove", "G1", "--game", str(path))
    assert status == 2 and "kappa" in err and len(err.strip().splitlines()) == 1


@needs_z3
def test_g1_on_the_export_and_on_an_edited_export(capsys, tmp_path):
    path = export(tmp_path, capsys)
    status, out, _ = run(capsys, "prove", "G1", "--game", str(path))
    assert status == 0 and out.startswith("G1: proved"), out
    # A no longer gains d from a concession: L is never chosen, the theorem is refuted
    edit(path, ["L", "concede"], "A", "-d")
    status, out, _ = run(capsys, "prove", "G1", "--game", str(path))
    assert status == 1 and out.startswith("G1: refuted")
    assert f"gametheory solve {path} --param " in out or "--param lam=" in out


def test_streams_each_verdict(capsys):
    status, out, _ = run(capsys, "prove", "c2", "--n-jobs", "1")
    assert out.startswith("c2: ") and "s)" in out
    status, out, _ = run(capsys, "prove", "c2", "--format", "json")
    assert json.loads(out)["propositions"][0]["name"] == "c2"


def test_counterexample_on_a_private_information_file_reproduces_with_its_command(
        capsys, tmp_path):
    """c2 on an export whose A gains from carrying out the threat against the low type: refuted,
    and the printed command (which must ask for PBE: a file declares no method) shows A
    demanding d_hi where the statement says d_lo."""
    path = tmp_path / "c2.json"
    assert run(capsys, "convert", "linkage-screening", "-o", str(path))[0] == 0
    text = path.read_text()
    at = -1
    for _ in range(3):                       # the third "-ell_A": carry out against type L
        at = text.index('"-ell_A"', at + 1)
    path.write_text(text[:at] + '"ell_A"' + text[at + len('"-ell_A"'):])
    status, out, _ = run(capsys, "prove", "c2", "--game", str(path))
    assert status == 1 and "c2: refuted" in out
    command = next(line.strip() for line in out.splitlines()
                   if line.strip().startswith(f"gametheory solve {path} --method pbe --param"))
    status, out, _ = run(capsys, *command.split()[1:])
    assert status == 0 and re.search(r"^\s*A at A\s+L_hi$", out, re.MULTILINE)
