"""The LaTeX typesetter: parameters as symbols, relations with a reader's signs, fragments that
declare their packages, and documents that compile."""

from __future__ import annotations

import re
from fractions import Fraction

import pytest
import sympy

from gametheory.report import latex as L
from latex_compile import compile_latex

lam, c, s, sigma, ell_A, kappa0, x_F = sympy.symbols("lam c s sigma ell_A kappa0 x_F", real=True)


def test_parameter_symbols():
    assert [L.symbol(n) for n in ["lam", "sigma", "ell_A", "kappa", "x_F", "kappa0", "v_L"]] == \
        [r"\lambda", r"\sigma", r"\ell_{A}", r"\kappa", "x_{F}", r"\kappa_{0}", "v_{L}"]
    assert L.symbol("d_hi") == r"d_{\mathrm{hi}}" and L.symbol("beta_W") == r"\beta_{W}"
    # a word is one identifier, not a product of letters
    assert L.symbol("cost") == r"\mathit{cost}"


def test_expressions_and_relations_never_print_sympy_names():
    cases = {sympy.Eq(lam, 0): r"\lambda = 0", sympy.Ne(c, 1): r"c \neq 1",
             c * s > 1: r"c s > 1", ell_A <= kappa0: r"\ell_{A} \leq \kappa_{0}",
             x_F >= Fraction(1, 2): r"x_{F} \geq \frac{1}{2}",
             ell_A - kappa0 - c * s <= 0: r"\ell_{A} \leq c s + \kappa_{0}"}
    for rel, want in cases.items():
        assert L.relation(rel) == want
        assert "Eq(" not in L.math(rel) and not re.search(r"\blam\b|\*", L.math(rel))
    assert L.relation(x_F >= Fraction(1, 2), inline=True) == "x_{F} \\geq 1/2"
    assert L.expression(sigma * s / 3) == r"\frac{s \sigma}{3}"
    assert L.expression(sigma * s / 3, inline=True) == r"s \sigma / 3"
    both = L.relation(sympy.Or(sympy.Eq(lam, 0), sympy.And(c > 1, s < 2)))
    assert r"\vee" in both and r"\wedge" in both and r"\left(" in both


def test_fragment_declares_what_document_loads():
    frag = L.fragment(r"\begin{tabular}{l}\toprule x\\ \bottomrule\end{tabular}",
                      ["booktabs", "[table]xcolor"])
    assert L.declared_packages(frag) == ["booktabs", "[table]xcolor"]
    assert r"\usepackage" not in frag.split("\n", 1)[1]        # a fragment loads nothing
    doc = L.document(frag)
    assert doc.splitlines().count(r"\usepackage{booktabs}") == 1
    assert r"\usepackage[table]{xcolor}" in doc.splitlines()


def test_long_conditions_break_in_a_paragraph_column(tmp_path):
    many = [sympy.Gt(c * s + k * sigma - ell_A, k) for k in range(1, 12)] + [sympy.Eq(lam, 0)]
    cell = L.conditions(many)
    body = L.fragment(r"\begin{tabular}{@{}p{0.5\linewidth}l@{}}\toprule" "\n"
                      + cell + r" & S \\ \bottomrule\end{tabular}", ["booktabs"])
    compile_latex(tmp_path, body, "conditions")
    assert cell.count("$") == 2 * len(many)


def test_overfull_boxes_are_caught(tmp_path):
    wide = L.fragment("$" + " ".join(["x"] * 400) + "$")
    with pytest.raises(AssertionError, match="Overfull"):
        compile_latex(tmp_path, wide, "wide")


# ------------------------------------------------------------------ regions

@pytest.fixture(scope="module")
def linkage():
    """The linkage game with every parameter free (lam in {0, 1}) and its regions."""
    from gametheory import solve
    from gametheory.models import MODELS
    game = MODELS["linkage"].build()
    return game, solve(game)


def test_a_branch_of_probability_zero_leaves_the_printed_path(linkage):
    """V is involved with probability lam: where lam = 0 the path never passes V's move, where
    lam = 1 it never takes the branch 'not involved'."""
    game, solution = linkage
    lam = next(p.symbol for p in game.parameters if p.name == "lam")
    seen = set()
    for piece in solution:
        path = piece.reached_path(game)
        if sympy.Eq(lam, 0) in piece.conditions and "accept" in path:
            assert "not involved" in path and "involved" not in path and "approve" not in path
            seen.add(0)
        if sympy.Eq(lam, 1) in piece.conditions and "accept" in path:
            assert "not involved" not in path and "involved" in path
            seen.add(1)
        assert set(path) <= set(piece.path)           # only dropped, never invented
    assert seen == {0, 1}
    text = solution.to_text()
    assert "involved -> approve -> not involved" not in text
    assert "S -> accept -> not involved" in text


def test_regions_in_latex_compile_on_a_page(linkage, tmp_path):
    game, solution = linkage
    tex = solution.to_latex()
    assert L.declared_packages(tex) == ["booktabs", "longtable", "array"]
    assert r"\usepackage" not in tex.split("\n", 1)[1]
    for output in (tex, solution.to_text(), solution.to_markdown(), solution._repr_latex_()):
        assert "Eq(" not in output and "Ne(" not in output
    assert "*" not in tex.replace("\\\\*", "")        # products are juxtaposed
    assert r"$\lambda = 0$" in tex and r"\ell_{A}" in tex and not re.search(r"\blam\b", tex)
    compile_latex(tmp_path, tex, "regions")
    compile_latex(tmp_path / "standalone", solution.to_latex(standalone=True), "regions",
                  standalone=True)


# ------------------------------------------------------------------ proof certificates

def test_certificates_typeset_their_conditions_and_fit_the_page(tmp_path):
    from gametheory.proofs import prove
    from gametheory.proofs.certificate import Certificate, Step
    point = {name: Fraction(k + 1, 3) for k, name in enumerate(
        ["lam", "c", "sigma", "R", "s", "gamma", "h", "v_S", "d", "beta", "ell_A", "ell_B",
         "kappa0", "kappa", "f", "eta", "v_L"])}
    made = Certificate(
        "X", "where Eq(s_1, s_2) and ℓ_A < κ0, the outcome is S", "refuted",
        (Step("beta*d - ell_B > 0 and (c*s > R) or not (lam = 1)", "linear", "fails",
              region="G1[lam=0]#1 (S > accept)"),
         Step("the conditions for S and for L are disjoint", "opposite", "holds")),
        regions=(("G1[lam=0]#1 (S > accept)", " & ".join(["R - c*s - d - s*sigma > 0"] * 6)),),
        counterexample=(point, point), target="linkage")
    tex = made.to_latex()
    assert r"$\beta d - \ell_{B} > 0 \wedge (c s > R) \vee \neg (\lambda = 1)$" in tex
    assert r"G1[$\lambda$=0]\#1 (S $\to$ accept)" in tex
    assert r"$s_{1}$ = $s_{2}$" in tex and r"$\ell_{A}$ \textless{} $\kappa_{0}$" in tex
    assert "the conditions for S and for L are disjoint" in tex     # words stay words
    for output in (tex, made.to_text(), made.to_markdown()):
        assert "Eq(" not in output
    compile_latex(tmp_path, tex, "made")
    compile_latex(tmp_path, prove("P3").to_latex(), "p3")
    compile_latex(tmp_path / "alone", made.to_latex(standalone=True), "made", standalone=True)


# ------------------------------------------------------------------ tables

def test_grid_table_in_latex_is_a_fragment_that_fits(tmp_path):
    from gametheory.report.tables import grid_table
    tex = grid_table("linkage", ["lam=0,1", "c=0:2:3", "ell_A=1/2:11/2:3"], "tex",
                     fixed={"s": 1})
    head = tex.splitlines()[5]
    assert head.startswith(r"$\lambda$ & $c$ & $\ell_{A}$ & predicted & path")
    assert "$-2$" in tex and "Eq(" not in tex and r"\usepackage" not in tex.split("\n", 1)[1]
    compile_latex(tmp_path, tex, "grid")


def test_equilibria_in_latex_compile_and_say_open_where_the_plan_is_silent(tmp_path):
    from gametheory import solve
    from gametheory.catalog import entry_game
    from gametheory.models import MODELS
    from gametheory.report.equilibria import format_solution
    model = MODELS["linkage-screening"]
    solution = solve(model.build(**model.defaults), "enumpure")
    tex = format_solution(solution, "tex")
    assert L.declared_packages(tex) == ["booktabs", "longtable", "array"]
    assert "open (never reached under A's own strategy)" in tex
    assert r"\mbox{carry out} $1/2$" not in tex
    compile_latex(tmp_path, tex, "equilibria")
    whole = format_solution(solution, "tex", standalone=True)
    compile_latex(tmp_path / "alone", whole, "equilibria", standalone=True)
    math = solve(entry_game())._repr_latex_()
    assert math.startswith("$$\\begin{array}") and "Accommodate" in math


def test_html_regions_print_the_path_without_branches_of_probability_zero(linkage):
    game, solution = linkage
    html = solution._repr_html_()
    assert "involved → approve → not involved" not in html
    assert "S → accept → not involved" in html
