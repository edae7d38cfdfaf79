"""The command line as a user runs it: every subcommand, its output and exit status, in-process.

The matrix test runs every built-in game (``gametheory models``) through every command: each run
either works (exit 0) or refuses in one line on standard error (exit 2), never an internal error
(exit 3) nor a traceback, and within a time budget.
"""

from __future__ import annotations

import csv
import io
import json
import signal
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory.catalog import EXAMPLES
from gametheory.cli import build_parser, main
from gametheory.models import MODELS
from gametheory.parameters import Switch

SUBCOMMANDS = ("info", "convert", "solve", "regions", "table", "plot", "draw", "models", "prove",
               "sweep")


class Overtime(BaseException):
    """Raised by the timer; a BaseException so that the CLI's handlers do not catch it."""


def run(capsys, *argv, budget: float = 120):
    """``main(argv)`` within ``budget`` seconds: (exit status, stdout, stderr)."""
    def expire(signum, frame):
        raise Overtime(f"gametheory {' '.join(argv)} took more than {budget} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        code = main([str(a) for a in argv])
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, *argv) -> str:
    """The one-line refusal (exit 2) of a command."""
    code, out, err = run(capsys, *argv)
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2, (code, out, err)
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


# ------------------------------------------------------------------ help and version

@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_has_help(capsys, command):
    with pytest.raises(SystemExit) as stop:
        main([command, "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: gametheory {command}")


def test_the_command_list_and_version(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert all(command in out for command in SUBCOMMANDS)
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.strip() == "gametheory 0.1.0"


def test_every_subcommand_is_registered():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(commands) == set(SUBCOMMANDS)


# ------------------------------------------------------------------ info, convert

def test_info(capsys):
    code, out, _ = run(capsys, "info", "entry")
    assert code == 0
    assert "players:              Entrant, Incumbent" in out
    assert "nodes:                5 (3 terminal)" in out
    code, out, _ = run(capsys, "info", "linkage", "--param", "lam=0")
    assert code == 0 and "parameters:" in out and "lam" not in out.split("parameters:")[1]
    # each parameter with its domain, the model's default and its meaning and source
    line = next(line for line in out.splitlines() if line.startswith("c "))
    assert line.split()[:3] == ["c", "[0,", "oo)"] and "ruling-party cost" in line
    assert line.split()[3] == str(MODELS["linkage"].defaults["c"])


def test_convert_writes_files_that_read_back(capsys, tmp_path):
    from gametheory.io import read
    for suffix in ("efg", "json"):
        target = tmp_path / f"entry.{suffix}"
        code, out, _ = run(capsys, "convert", "entry", "-o", target)
        assert code == 0 and out.strip() == f"wrote {target}"
        back = read(target)
        assert back.players == ("Entrant", "Incumbent") and back.n_nodes == 5
    code, _, _ = run(capsys, "convert", "entry", "-o", tmp_path / "entry.nfg")
    assert code == 0
    strategic = read(tmp_path / "entry.nfg")
    assert strategic.shape == (2, 2)          # Out/In x Fight/Accommodate
    assert "write .efg, .nfg or .json" in refused(capsys, "convert", "entry", "-o",
                                                  tmp_path / "entry.txt")


# ------------------------------------------------------------------ solve

def test_solve_text_json_csv(capsys):
    code, out, _ = run(capsys, "solve", "entry")
    assert code == 0 and "payoffs (1, 1)" in out and "Accommodate" in out
    code, out, _ = run(capsys, "solve", "matching-pennies", "--format", "json")
    document = json.loads(out)
    assert document["equilibria"][0]["mixed"]["1"] == {"H": "1/2", "T": "1/2"}
    code, out, _ = run(capsys, "solve", "prisoners-dilemma", "--format", "csv",
                       "--method", "enumpure")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {(r["player"], r["action"], r["probability"]) for r in rows
            if r["probability"] == "1"} == {("1", "Defect", "1"), ("2", "Defect", "1")}


def test_solve_symbolic_game_and_a_fixed_parameter(capsys):
    code, out, _ = run(capsys, "solve", "linkage", "--param", "lam=0", "--generic")
    assert code == 0 and "region(s)" in out
    code, out, _ = run(capsys, "solve", "linkage", "--param", "lam=0", "--param", "c=0",
                       "--param", "s=1", "--param", "sigma=1/2", "--param", "R=2",
                       "--param", "gamma=1/2", "--param", "h=1", "--param", "v_S=1",
                       "--param", "d=2", "--param", "beta=1", "--param", "ell_A=3",
                       "--param", "ell_B=4", "--param", "kappa0=1", "--param", "kappa=3",
                       "--param", "f=1/10", "--param", "eta=1", "--param", "v_L=1",
                       "--method", "spe", "--format", "json")
    assert code == 0
    # A pays the side payment and B accepts: u_A = R - s*(c + sigma) = 2 - 1/2, u_B = s - gamma
    equilibrium = json.loads(out)["equilibria"][0]
    assert equilibrium["payoffs"][:2] == ["3/2", "1/2"]


def test_solve_suggests_the_model(capsys):
    assert "did you mean 'linkage'" in refused(capsys, "solve", "linkagee")
    assert "invalid choice" in run_usage_error(capsys, "solve", "entry", "--method", "magic")


def run_usage_error(capsys, *argv) -> str:
    """argparse's own refusals exit 2 through SystemExit with the message in one line on
    stderr."""
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "usage:" not in err, err
    return err


# ------------------------------------------------------------------ one vocabulary

def test_misspelled_choices_get_close_matches_in_one_line(capsys):
    assert run_usage_error(capsys, "solve", "entry", "--method", "enumpur") == (
        "gametheory solve: argument --method: invalid choice 'enumpur'; did you mean "
        "'enumpure' or 'enumpoly'? (see gametheory solve --help)\n")
    assert "did you mean 'solve'?" in run_usage_error(capsys, "solvee", "entry")
    assert "did you mean 'json'?" in run_usage_error(capsys, "prove", "--format", "jsn")
    assert "choose from text, tex, csv, json" in run_usage_error(capsys, "solve", "entry",
                                                            "--format", "zz")
    assert "required: GAME" in run_usage_error(capsys, "solve")
    assert "expected a positive integer, got '0'" in run_usage_error(
        capsys, "solve", "entry", "--limit", "0")
    assert "expected a positive integer" in run_usage_error(capsys, "prove", "--n-jobs", "-1")


def test_misspelled_names_get_close_matches(capsys, tmp_path):
    assert refused(capsys, "solve", "linkage", "--param", "cc=1") == (
        "gametheory solve: linkage has no parameter 'cc'; did you mean 'c'?")
    assert refused(capsys, "info", "entry", "--param", "x=1") == (
        "gametheory info: entry has no parameters")
    path = tmp_path / "entry.json"
    assert main(["convert", "entry", "-o", str(path)]) == 0
    assert "has no parameters" in refused(capsys, "solve", str(path), "--param", "e=1")
    assert refused(capsys, "prove", "--claim", "linkage", "S shrinks in c", "--param",
                   "sigmaa=1") == ("gametheory prove: linkage has no parameter 'sigmaa'; did "
                                   "you mean 'sigma'?")
    assert "did you mean 'P1'" in refused(capsys, "prove", "P1x")
    assert "did you mean 'linkage'" in refused(capsys, "prove", "--claim", "linkagee", "S "
                                               "shrinks in c")


MY_COMMANDS = ("info", "convert", "solve", "models", "prove", "sweep")


@pytest.mark.parametrize("command", MY_COMMANDS)
def test_every_option_says_its_default(command):
    """Each visible option of these commands documents its default (or that it is required)."""
    parser = build_parser()._subparsers._group_actions[0].choices[command]
    for action in parser._actions:
        if not action.option_strings or action.help in (None, "==SUPPRESS==") \
                or "--help" in action.option_strings:
            continue
        text = " ".join(action.help.split())
        assert "default" in text or "required" in text, (command, action.option_strings)


def test_the_same_option_names_everywhere():
    """--param, --format, --n-jobs, -o/--output and --quiet mean the same in every command."""
    names = {}
    for command, parser in build_parser()._subparsers._group_actions[0].choices.items():
        for action in parser._actions:
            if action.help == "==SUPPRESS==":
                continue
            for option in action.option_strings:
                names.setdefault(option, set()).add(command)
    assert "--fix" not in names and "--jobs" not in names         # old names: hidden aliases
    assert {"--param", "--format", "--n-jobs", "--output", "--quiet", "--assume"} <= set(names)
    formats = ("text", "md", "tex", "csv", "json")
    for command, parser in build_parser()._subparsers._group_actions[0].choices.items():
        for action in parser._actions:
            if "--format" in action.option_strings:
                assert list(action.choices) == [f for f in formats if f in action.choices] \
                    or command not in MY_COMMANDS, (command, action.choices)


def test_python_dash_m_and_version():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "gametheory", "--version"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "gametheory 0.1.0"
    done = subprocess.run([sys.executable, "-m", "gametheory", "solve", "entry", "--method",
                           "spee"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "'spe'" in done.stderr


# ------------------------------------------------------------------ regions

def test_regions_formats(capsys):
    code, out, _ = run(capsys, "regions", "linkage", "--param", "lam=0", "--generic")
    assert code == 0 and "region(s)" in out
    code, out, _ = run(capsys, "regions", "linkage", "--param", "lam=0", "--generic",
                       "--format", "json")
    document = json.loads(out)
    assert "lam" not in document["parameters"] and document["regions"]
    assert all(region["path"] for region in document["regions"])
    code, out, _ = run(capsys, "regions", "linkage", "--param", "lam=0", "--format", "tex")
    assert code == 0 and r"\begin{tabular}" in out
    assert "no free parameters" in refused(capsys, "regions", "entry")


# ------------------------------------------------------------------ table

def test_table_of_a_grid_is_exact(capsys):
    code, out, _ = run(capsys, "table", "linkage", "--grid", "c=0:2:2", "--param", "lam=0",
                       "--param", "s=1", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    # c = 0: the side payment pays A R - s*(c + sigma) - ... = 3/2; c = 2: it does not (N)
    assert [(r["c"], r["predicted"], r["u_A"]) for r in rows] == [("0", "S", "3/2"),
                                                                  ("2", "N", "0")]
    assert "give at least one --grid" in refused(capsys, "table", "linkage")
    assert "did you mean 'c'" in refused(capsys, "table", "linkage", "--grid", "cc=0:1:2")


def test_table_of_the_episodes(capsys):
    code, out, _ = run(capsys, "table", "anglo-japanese", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    by_id = {row["episode"]: row for row in rows}
    assert by_id["E6"]["observed"] == "L" and by_id["E6"]["predicted"] == "L"
    assert "--grid applies to a model" in refused(capsys, "table", "anglo-japanese",
                                                  "--grid", "c=0:1:2")


# ------------------------------------------------------------------ plot, draw

def test_plot_writes_an_image_and_takes_param(capsys, tmp_path):
    pytest.importorskip("matplotlib", reason="plot needs the [plot] extra")
    target = tmp_path / "m.png"
    code, out, err = run(capsys, "plot", "linkage", "--x", "c", "--y", "s", "--param", "lam=0",
                         "-o", target)
    assert code == 0 and out.strip() == f"wrote {target}" and err == ""
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    old = tmp_path / "old.svg"
    code, out, err = run(capsys, "plot", "linkage", "--x", "c", "--y", "s", "--fix", "lam=0",
                         "-o", old)
    assert code == 0 and "--fix is deprecated, use --param" in err
    assert "<svg" in old.read_text()
    assert "--fix" not in run_help(capsys, "plot")


def run_help(capsys, command) -> str:
    with pytest.raises(SystemExit):
        main([command, "--help"])
    return capsys.readouterr().out


def test_plot_refuses_bad_axes(capsys, tmp_path):
    target = tmp_path / "x.png"
    assert "did you mean 'c'" in refused(capsys, "plot", "linkage", "--x", "cc", "--y", "s",
                                         "-o", target)
    assert "takes only the values {0, 1}" in refused(capsys, "plot", "linkage", "--x", "lam",
                                                     "--y", "s", "-o", target)
    assert "cannot also be fixed" in refused(capsys, "plot", "linkage", "--x", "c", "--y", "s",
                                             "--param", "c=1", "-o", target)
    assert "must be different" in refused(capsys, "plot", "linkage", "--x", "c", "--y", "c",
                                          "-o", target)
    assert not target.exists()


def test_draw_formats(capsys, tmp_path):
    code, _, _ = run(capsys, "draw", "entry", "-o", tmp_path / "e.tex")
    assert code == 0 and r"\begin{tikzpicture}" in (tmp_path / "e.tex").read_text()
    code, _, _ = run(capsys, "draw", "entry", "-o", tmp_path / "e.dot")
    assert code == 0 and (tmp_path / "e.dot").read_text().startswith("digraph game {")
    if pytest.importorskip("matplotlib"):
        code, _, _ = run(capsys, "draw", "entry", "-o", tmp_path / "e.svg")
        assert code == 0 and "Accommodate" in (tmp_path / "e.svg").read_text()
    assert "cannot tell the drawing format" in refused(capsys, "draw", "entry", "-o",
                                                       tmp_path / "e.doc")


# ------------------------------------------------------------------ models, prove

def test_models_lists_every_builtin(capsys):
    code, out, _ = run(capsys, "models")
    assert code == 0
    for name in [*MODELS, *EXAMPLES, "anglo-japanese"]:
        assert f"  {name} " in out, name


def test_prove_one_proposition_and_a_claim(capsys):
    code, out, _ = run(capsys, "prove", "TL", "--format", "json")
    document = json.loads(out)
    assert code == 0 and document["propositions"][0]["status"] == "proved"
    code, out, _ = run(capsys, "prove", "--claim", "linkage", "S shrinks in c", "--param", "lam=0")
    assert code == 0 and "proved" in out
    # a false claim: the side payment does not grow as its party cost c rises
    code, out, _ = run(capsys, "prove", "--claim", "linkage", "S grows in c", "--param", "lam=0")
    assert code == 1 and "refuted" in out
    assert "P9" in refused(capsys, "prove", "P9")


# ------------------------------------------------------------------ sweep

def test_sweep_summary_csv_json_and_file(capsys, tmp_path):
    grid = ["--grid", "c=0:4:5", "--grid", "s=1/10:4:4", "--param", "lam=0"]
    code, out, _ = run(capsys, "sweep", "linkage", *grid)
    assert code == 0 and "equilibrium outcome over 20 grid points" in out
    code, out, _ = run(capsys, "sweep", "linkage", *grid, "--format", "json")
    summary = json.loads(out)
    assert summary["points"] == 20 and sum(o["points"] for o in summary["outcomes"]) == 20
    assert summary["fixed"]["lam"] == "0" and "c" not in summary["fixed"]
    code, out, _ = run(capsys, "sweep", "linkage", *grid, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 20 and rows[0]["c"] == "0.0" and rows[0]["s"] == "0.1"
    assert {row["path"] for row in rows} == {o["path"] for o in summary["outcomes"]}
    # a cheap side payment (c = 0, s = 4/3 ... ) is paid; a costly one (c = 4) never
    assert all(row["path"] == "N" for row in rows if row["c"] == "4.0")
    target = tmp_path / "sweep.csv"
    code, out, _ = run(capsys, "sweep", "linkage", *grid, "--format", "csv", "-o", target)
    assert code == 0 and out.strip() == f"wrote {target}"
    assert list(csv.DictReader(target.open())) == rows
    assert [p.name for p in tmp_path.iterdir()] == ["sweep.csv"]     # no temporary left


def test_sweep_on_two_cores_prints_the_serial_result(capsys):
    pytest.importorskip("joblib", reason="--n-jobs needs the [parallel] extra")
    grid = ["--grid", "c=0:4:40", "--grid", "s=1/10:4:30", "--param", "lam=1"]
    serial = run(capsys, "sweep", "linkage", *grid, "--format", "csv")
    parallel = run(capsys, "sweep", "linkage", *grid, "--format", "csv", "--n-jobs", "2")
    assert serial[0] == parallel[0] == 0 and serial[1] == parallel[1]


def test_sweep_refusals(capsys):
    assert "did you mean 'c'" in refused(capsys, "sweep", "linkage", "--grid", "cc=0:1:2")
    assert "outside its domain" in refused(capsys, "sweep", "linkage", "--grid", "lam=0:1:3")
    assert "both on the grid and fixed" in refused(capsys, "sweep", "linkage", "--grid",
                                                   "c=0:1:2", "--param", "c=1")
    assert "expected NAME=LO:HI:N" in refused(capsys, "sweep", "linkage", "--grid", "c=0:1")
    assert "perfect-information" in refused(capsys, "sweep", "linkage-resolve", "--grid",
                                            "c=0:1:2")
    assert "--n-jobs" in refused(capsys, "sweep", "linkage", "--grid", "c=0:1:2",
                                 "--n-jobs", "0")
    assert "use --format text or json" in refused(capsys, "sweep", "linkage", "--grid",
                                                  "c=0:1:4000", "--grid", "s=1:2:3000",
                                                  "--format", "csv")


def test_sweep_on_a_missing_cluster_extra_is_one_line(capsys, monkeypatch):
    import sys
    monkeypatch.setitem(sys.modules, "distributed", None)
    assert "gametheory[dask]" in refused(capsys, "sweep", "linkage", "--grid", "c=0:1:2",
                                         "--scheduler", "tcp://127.0.0.1:8786")


# ------------------------------------------------------------------ the matrix

def _builtin_names() -> list[str]:
    return sorted([*MODELS, *EXAMPLES])


def _axes(name: str) -> list[str]:
    """Two parameters of a model that are not switches (or placeholders for an example)."""
    model = MODELS.get(name)
    if model is None:
        return ["c", "s"]
    return [p.name for p in model.parameters if not isinstance(p.domain, Switch)][:2]


def _grid(name: str, axis: str) -> str:
    model = MODELS.get(name)
    value = model.defaults[axis] if model else Fraction(1)
    return f"{axis}={value / 2}:{value * 2 if value else 1}:3"


def _first_action(name: str) -> str:
    game = (MODELS[name].build if name in MODELS else EXAMPLES[name])()
    if not hasattr(game, "tree"):
        return game.strategies[0][0]
    return game.infosets[int(game.tree.infoset[0])].actions[0]


def _fixed(name: str, keep: list[str]) -> list[str]:
    """Fix every parameter of a model but ``keep`` at its default (a narrowed question)."""
    model = MODELS.get(name)
    if model is None:
        return []
    out = []
    for p in model.parameters:
        if p.name not in keep:
            out += ["--param", f"{p.name}={model.defaults[p.name]}"]
    return out


def _argv(command: str, name: str, tmp: Path) -> list[str]:
    """The command as a user asks it: symbolic questions narrowed to one or two parameters
    (the others at the model's defaults), so that every run is quick."""
    symbolic = name in MODELS
    strategic = name in EXAMPLES and not hasattr(EXAMPLES[name](), "tree")
    x, y = _axes(name)
    return {
        "info": ["info", name],
        "convert": ["convert", name, "-o",
                    tmp / ("g.json" if symbolic else "g.nfg" if strategic else "g.efg")],
        "solve": ["solve", name, *_fixed(name, [x])],
        "regions": ["regions", name, *_fixed(name, [x, y])],
        "table": ["table", name, "--grid", _grid(name, x)],
        "plot": ["plot", name, "--x", x, "--y", y, "-o", tmp / "map.png"],
        "draw": ["draw", name, "-o", tmp / "tree.tex"],
        "prove": ["prove", "--claim", name, f"{_first_action(name)} grows in {x}",
                  *_fixed(name, [x])],
        "sweep": ["sweep", name, "--grid", _grid(name, x)],
    }[command]


MATRIX_COMMANDS = ("info", "convert", "solve", "regions", "table", "plot", "draw", "prove",
                   "sweep")

def _cases():
    for name in _builtin_names():
        for command in MATRIX_COMMANDS:
            yield pytest.param(command, name, id=f"{command}-{name}")


@pytest.mark.parametrize("command, name", list(_cases()))
def test_every_builtin_game_with_every_command(capsys, tmp_path, command, name):
    if command == "plot":
        pytest.importorskip("matplotlib", reason="plot needs the [plot] extra")
    budget = 60
    code, out, err = run(capsys, *_argv(command, name, tmp_path), budget=budget)
    assert "Traceback" not in err
    assert code in ((0, 1, 2) if command == "prove" else (0, 2)), (code, err)
    lines = [line for line in err.splitlines() if line.strip()]
    if code == 2:
        assert len(lines) == 1, err
        assert lines[0].startswith(f"gametheory {command}") or ":" in lines[0]
    else:
        assert out.strip(), "a command that succeeds prints its result"
