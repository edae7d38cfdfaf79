"""b3 (two-sided constraint, after Tarar 2001): B's concession needs its Diet W, so leverage
additionally requires beta_W*d < ell_W, and the largest extractable demand is
d* = min(ell_B/beta, ell_W/beta_W).

Model: ``linkage-two-sided`` (or a game of its shape given as ``game``), solved at lam = 0 and 1
(generic).  The leverage claim is checked on every piece of the solved game; the demand claim on
the solved demand subgame after ``L``: the concession goes through (W approves it on the
subgame's path) exactly where the threat is credible and ``d < d*``.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (K, beta, combine, d, ell_A, ell_B, game_world, model_label,
                                      shaped, subgame_world, sym)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "b3"
STATEMENT = ("With B's Diet W (approves iff β_W·d < ℓ_W), L ⟹ β_W·d < ℓ_W, β·d < ℓ_B and "
             "ℓ_A < K; the largest accepted demand is d* = min(ℓ_B/β, ℓ_W/β_W): after L the "
             "concession goes through iff ℓ_A < K and d < d*.")

beta_W, ell_W = sym("beta_W"), sym("ell_W")
MODEL = "linkage-two-sided"


def game_claim(lam_value: int, bound=None, game=None) -> Certificate:
    bound = sympy.And(beta_W * d < ell_W, beta * d < ell_B, ell_A < K(lam_value)) \
        if bound is None else bound
    w = game_world(game, MODEL, f"b3[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"b3 [lam = {lam_value}]", f"L ⟹ {bound}", (w,),
                        lambda v: bound if v.path[0] == "L" else True)


def demand_claim(lam_value: int, d_star=None, game=None) -> Certificate:
    """After L (solved subgame): W approves a concession on the path iff ℓ_A < K and d < d*."""
    d_star = sympy.Min(ell_B / beta, ell_W / beta_W) if d_star is None else d_star
    condition = sympy.And(ell_A < K(lam_value), d < d_star)
    w = subgame_world(game, MODEL, ("L",), f"b3[lam={lam_value}] after L", lam=lam_value)

    def obligation(v):
        return condition if "approve" in v.path else sympy.Not(condition)
    return prove_pieces(f"b3 d* [lam = {lam_value}]", f"concession accepted ⟺ {condition}",
                        (w,), obligation)


def prove(game=None) -> Certificate:
    """b3 on the built-in model (``game`` None) or on a game of its shape."""
    given = shaped(game, MODEL, actions=("L", "concede", "approve"),
                   parameters=("lam", "d", "beta", "ell_A", "ell_B", "kappa0", "kappa", "beta_W",
                               "ell_W"))
    parts = [game_claim(0, game=given), game_claim(1, game=given),
             demand_claim(0, game=given), demand_claim(1, game=given)]
    return combine(NAME, STATEMENT, parts, model_label(given, MODEL) + ", lam in {0, 1}")


def false_variants() -> dict:
    return {"L ⟹ 2β_W·d < ℓ_W (wrong threshold)": lambda: game_claim(1, 2 * beta_W * d < ell_W),
            "d* = max(...) (wrong)": lambda: demand_claim(
                1, sympy.Max(ell_B / beta, ell_W / beta_W))}
