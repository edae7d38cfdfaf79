"""P1 (H1, the ruling party): side payments need a low party cost, and the S-region shrinks as
c, sigma or gamma rise and grows with R; in the menu version A picks the area with the lowest c.

Model: G1 (``linkage``, or any game of its shape given as ``game``), solved (generic
parametric SPE) at lam = 0 and lam = 1.  Claim (a): every piece of the solution with outcome S
lies where ``c < (R - d*1[Lsucc])/s - sigma``.  Claims (b): monotonicity by the doubling
argument on the solved game (the piece at the moved value against every piece at the original
value).  Claim (c): the solved two-area menu (b6, the built-in ``linkage-menu``) with identical
areas but ``c_1 < c_2`` never has S2 on the path.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import RegionClaim, check_claim
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (LSUCC, R, c, combine, d, game_world, model_label,
                                      monotone, s, shaped, sigma)

__all__ = ["NAME", "STATEMENT", "prove_p1", "prove", "false_variants"]

NAME = "P1"
STATEMENT = ("In G1 (lam in {0,1}, generic parameters) the outcome S requires "
             "c < c̄ = (R − d·1[Lsucc])/s − σ; the S-region shrinks as c, σ or γ rise and grows "
             "with R; with a menu of two otherwise identical areas, A never uses the one with "
             "the higher party cost.")


ACTIONS = ("N", "S", "L", "concede", "refuse")
PARAMETERS = ("lam", "c", "sigma", "R", "s", "gamma", "d", "beta", "ell_A", "ell_B", "kappa0",
              "kappa")


def threshold_claim(lam_value: int, with_indicator: bool = True, game=None) -> Certificate:
    lsucc = LSUCC(lam_value)
    if with_indicator:
        cbar = sympy.Or(sympy.And(lsucc, c < (R - d) / s - sigma),
                        sympy.And(sympy.Not(lsucc), c < R / s - sigma))
    else:   # a wrong threshold: forget the indicator
        cbar = c < (R - d) / s - sigma
    w = game_world(game, "linkage", f"G1[lam={lam_value}]", lam=lam_value)
    return prove_pieces(f"P1a [lam = {lam_value}]", "outcome S => c < c̄", (w,),
                 lambda v: cbar if v.path[0] == "S" else True)


def menu_claim(lam_value: int = 0, cheaper_first: bool = True) -> Certificate:
    same = ["Eq(s_1, s_2)", "Eq(sigma_1, sigma_2)", "Eq(gamma_1, gamma_2)", "Eq(h_1, h_2)"]
    order = "c_1 < c_2" if cheaper_first else "c_1 > c_2"
    claim = RegionClaim(lambda path: path[0] != "S2", tuple(same + [order]))
    return check_claim("linkage-menu", claim, fixed={"lam": lam_value},
                       name=f"P1c menu [lam = {lam_value}]")


def prove_p1(game=None) -> Certificate:
    """P1 on the built-in G1 (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage", actions=ACTIONS, parameters=PARAMETERS)
    parts = [threshold_claim(0, game=given), threshold_claim(1, game=given)]
    for lam_value in (0, 1):
        parts += [monotone("P1b: S shrinks in c", "S", "c", "shrinks", lam_value, given),
                  monotone("P1b: S shrinks in sigma", "S", "sigma", "shrinks", lam_value, given),
                  monotone("P1b: S shrinks in gamma", "S", "gamma", "shrinks", lam_value, given),
                  monotone("P1b: S grows in R", "S", "R", "grows", lam_value, given)]
    parts += [menu_claim(0), menu_claim(1)]
    return combine(NAME, STATEMENT, parts, model_label(given, "linkage")
                   + " and the menu variant b6 (linkage-menu)")


def false_variants() -> dict:
    """Deliberately false versions: each must come back refuted."""
    return {
        "S grows in c (flipped)": lambda: monotone("P1 flipped", "S", "c", "grows", 1),
        "threshold without 1[Lsucc] (wrong threshold)": lambda: threshold_claim(0, False),
        "menu picks the costlier area": lambda: menu_claim(0, cheaper_first=False),
    }


prove = prove_p1
