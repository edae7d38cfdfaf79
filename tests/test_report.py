"""Reports: tables (text, Markdown, CSV, LaTeX), region maps and tree drawings."""

from __future__ import annotations

import csv
import io
import random
import shutil
import subprocess
from fractions import Fraction

import pytest

from gametheory.games import ExtensiveGame, chance, decision, leaf
from gametheory.models import MODELS
from gametheory.models import linkage as G
from gametheory.report.drawing import draw, layout, to_dot, to_tikz
from gametheory.report.tables import grid_points, grid_table, parse_grid, render


def _compile(tmp_path, source: str, name: str) -> None:
    """Compile LaTeX with pdflatex, or skip if it (or a package) is not installed."""
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    tex = tmp_path / f"{name}.tex"
    tex.write_text(source, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", tex.name],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    if "File `" in run.stdout and "not found" in run.stdout:
        pytest.skip("a LaTeX package is missing")
    assert run.returncode == 0, run.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").exists()


# ------------------------------------------------------------------ tables

def test_render_formats():
    columns, rows = ["a", "b_c"], [["1/2", "x|y"], ["-3", "50%"]]
    assert render(columns, rows, "text").splitlines()[2] == "1/2  x|y"
    assert render(columns, rows, "md").splitlines()[2] == "| 1/2 | x\\|y |"
    assert list(csv.reader(io.StringIO(render(columns, rows, "csv")))) == [columns, *rows]
    tex = render(columns, rows, "tex", caption="A & B")
    assert r"$b_{c}$" in tex and r"50\%" in tex and r"A \& B" in tex and "$-3$" in tex
    assert tex.count(r"\toprule") == tex.count(r"\bottomrule") == 1
    assert r"\documentclass" not in tex
    assert render(columns, rows, "tex", standalone=True).startswith(r"\documentclass")
    with pytest.raises(ValueError, match="unknown table format"):
        render(columns, rows, "html")


def test_latex_table_compiles(tmp_path):
    from gametheory.models.episodes import episode_table
    _compile(tmp_path, episode_table("tex"), "episodes")


def test_parse_grid():
    assert parse_grid("c=0:2:5")[1] == tuple(Fraction(k, 2) for k in range(5))
    assert parse_grid("x=1/3:1/3:1") == ("x", (Fraction(1, 3),))
    assert parse_grid("lam=0,1") == ("lam", (Fraction(0), Fraction(1)))
    for bad in ("c", "c=0:1", "1c=0:1:2", "c=0:1:0"):
        with pytest.raises(ValueError):
            parse_grid(bad)
    names, points = grid_points(["lam=0,1", "c=0:1:3"])
    assert names == ["lam", "c"] and len(points) == 6
    assert grid_points({"lam": [0, 1], "c": ("0", "1", 3)})[1] == points
    assert grid_points({"c": "0:1:3"})[1] == grid_points({"c": [0, "1/2", 1]})[1]


def test_grid_table_matches_theorem_g1():
    text = grid_table("linkage", ["lam=0,1", "c=0:2:5", "ell_A=1/2:11/2:3"], "csv")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == ["lam", "c", "ell_A", "predicted", "path", "u_A", "u_B", "u_V"]
    model = MODELS["linkage"]
    for lam, c, ell_A, predicted, path, u_A, *_ in table[1:]:
        point = model.point(lam=lam, c=c, ell_A=ell_A)
        assert predicted == G.g1_outcome(point)
        assert path.split()[0] == predicted
        q = G.g1_values(point)
        assert Fraction(u_A) == max(0, q["U_S"], q["U_L"])
    assert len(table) == 1 + 2 * 5 * 3


def test_grid_table_other_models_and_fixed():
    text = grid_table(MODELS["two-level"], {"x_V": ["1/4", "3/4"]}, "md", fixed={"x_F": 4})
    assert text.splitlines()[0] == "| x_V | predicted | path | u_F | u_N | u_V |"
    with pytest.raises(KeyError):
        grid_table("no-such-model", {"c": [0]})


# ------------------------------------------------------------------ region maps

def test_outcome_regions_agree_with_the_solver():
    from gametheory.report.regionmap import outcome_regions

    rng = random.Random(21)
    model = MODELS["linkage-renewal"]
    for fixed in ({"lam": 1}, {"lam": 0, "s": 1}):
        regions = outcome_regions(model, "ell_A", "c", fixed)
        for _ in range(40):
            point = {"ell_A": Fraction(rng.randint(1, 80), 9), "c": Fraction(rng.randint(0, 40), 17)}
            inside = {r.outcome for r in regions if r.contains(point)}
            expected = G.renewal_outcome(model.point(**fixed, **point))
            assert inside <= {expected}
            if inside:
                assert inside == {expected}


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_plot_regions_writes_files(tmp_path, suffix):
    pytest.importorskip("matplotlib")
    from gametheory.report.regionmap import plot_regions

    path = tmp_path / f"map.{suffix}"
    fig = plot_regions("linkage", "ell_A", "c", {"lam": 1}, path, resolution=80)
    assert path.stat().st_size > 1000
    labels = {t.get_text() for t in fig.axes[0].texts}
    assert {"E6", "E11", "E2"} <= labels
    legend = {t.get_text() for t in fig.axes[0].get_legend().get_texts()}
    assert legend == {"L", "N"}


def test_plot_regions_rejects_bad_axes():
    pytest.importorskip("matplotlib")
    from gametheory.report.regionmap import plot_regions

    with pytest.raises(KeyError):
        plot_regions("linkage", "nope", "c")
    with pytest.raises(ValueError):
        plot_regions("linkage", "c", "c")


# ------------------------------------------------------------------ drawings

def _signalling_game():
    return ExtensiveGame(["S", "R"], chance({
        "t1": ("1/3", decision("S", {"m": decision("R", {"a": leaf(1, 1), "b": leaf(0, 0)},
                                                   infoset="after m"), "n": leaf(2, 0)})),
        "t2": ("2/3", decision("S", {"m": decision("R", {"a": leaf(0, 0), "b": leaf(1, 1)},
                                                   infoset="after m"), "n": leaf("x", 1)}))}),
        parameters=["x"])


def test_tikz_covers_nodes_infosets_chance_and_payoffs():
    game = _signalling_game()
    tikz = to_tikz(game)
    inner = game.n_nodes - game.n_terminal
    assert tikz.count("[decision") + tikz.count("[chance") == inner
    assert tikz.count(r"\node[leaf]") == game.n_terminal
    assert tikz.count(r"\draw (n") == game.n_nodes - 1
    assert tikz.count(r"\draw[dashed") == 1                  # R's two nodes after m
    assert r"\mbox{t1}\,$(1/3)$" in tikz
    assert r"{$x$\\$1$}" in tikz
    assert tikz.startswith("% requires: \\usepackage{tikz}") and r"\documentclass" not in tikz
    assert to_tikz(game, standalone=True).startswith(r"\documentclass{article}")
    symbolic = to_tikz(MODELS["linkage"].build(lam=1))
    assert r"\ell_{A}" in symbolic and r"\kappa_{0}" in symbolic and "kappa0" not in symbolic


def test_tikz_compiles(tmp_path):
    from latex_compile import compile_latex
    compile_latex(tmp_path, to_tikz(MODELS["linkage-resolve"].build(lam=1)), "tree")


def test_dot_covers_nodes_infosets_chance_and_payoffs():
    dot = to_dot(_signalling_game())
    assert dot.count("->") == 10 + 1                    # 10 moves and one information-set link
    assert 'label="t2 (2/3)"' in dot and 'label="(x, 1)"' in dot
    assert "style=dashed" in dot and "rank=same" in dot


def test_layout_never_overlaps():
    for name in ("linkage-resolve", "linkage-screening", "two-level-uncertain"):
        game = MODELS[name].build()
        pos = layout(game)
        leaves = sorted(pos[v][0] for v in range(game.n_nodes) if game.tree.num_children[v] == 0)
        assert all(b - a >= 1 for a, b in zip(leaves, leaves[1:]))


@pytest.mark.parametrize("suffix", ["tex", "dot", "png", "svg"])
def test_draw_writes_each_format(tmp_path, suffix):
    if suffix in ("png", "svg"):
        pytest.importorskip("matplotlib")
    path = draw(MODELS["linkage-veto-type"].build(lam=1), tmp_path / f"tree.{suffix}")
    assert path.exists() and path.stat().st_size > 200
    with pytest.raises(ValueError, match="cannot tell"):
        draw(_signalling_game(), tmp_path / "tree.jpg")
