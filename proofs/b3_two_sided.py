"""b3 (two-sided constraint, after Tarar 2001): B's concession needs its Diet W, so leverage
additionally requires beta_W*d < ell_W, and the largest extractable demand is
d* = min(ell_B/beta, ell_W/beta_W).

Model: ``linkage-two-sided`` at lam = 0 and 1 (generic) for the game claim; a derivation for d*.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces, model_world
from gametheory.proofs.common import K, beta, combine, d, ell_A, ell_B, lemma, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "b3"
STATEMENT = ("With B's Diet W (approves iff β_W·d < ℓ_W), L ⟹ β_W·d < ℓ_W, β·d < ℓ_B and "
             "ℓ_A < K; the largest accepted demand is d* = min(ℓ_B/β, ℓ_W/β_W).")

beta_W, ell_W, x = sym("beta_W"), sym("ell_W"), sym("x")


def game_claim(lam_value: int, bound=None) -> Certificate:
    bound = sympy.And(beta_W * d < ell_W, beta * d < ell_B, ell_A < K(lam_value)) \
        if bound is None else bound
    w = model_world("linkage-two-sided", f"b3[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"b3 [lam = {lam_value}]", f"L ⟹ {bound}", (w,),
                        lambda v: bound if v.path[0] == "L" else True)


def demand_claim(d_star=None) -> Certificate:
    d_star = sympy.Min(ell_B / beta, ell_W / beta_W) if d_star is None else d_star
    dom = (beta > 0, beta_W > 0, ell_B >= 0, ell_W >= 0)
    return combine("b3 d*", "d* = min(ℓ_B/β, ℓ_W/β_W)", [
        lemma("b3 bound", "every demand both accept is at most d*",
              dom + (beta * x <= ell_B, beta_W * x <= ell_W), x <= d_star),
        lemma("b3 attained", "d* is accepted by B and W", dom,
              sympy.And(beta * d_star <= ell_B, beta_W * d_star <= ell_W))])


def prove() -> Certificate:
    return combine(NAME, STATEMENT, [game_claim(0), game_claim(1), demand_claim()],
                   "linkage-two-sided (b3)")


def false_variants() -> dict:
    return {"L ⟹ 2β_W·d < ℓ_W (wrong threshold)": lambda: game_claim(1, 2 * beta_W * d < ell_W),
            "d* = max(...) (wrong)": lambda: demand_claim(sympy.Max(ell_B / beta, ell_W / beta_W))}
