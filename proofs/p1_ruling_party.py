"""P1 (H1, the ruling party): side payments need a low party cost, and the S-region shrinks as
c, sigma or gamma rise and grows with R; in the menu version A picks the area with the lowest c.

Model: G1 (``linkage``), lam in {0, 1} (each proved separately), generic parameters.  Claim (a):
every SPE piece with outcome S lies where ``c < (R - d*1[Lsucc])/s - sigma``.  Claims (b):
monotonicity by the doubling argument (the piece at the moved value against every piece at the
original value).  Claim (c): the two-area menu (b6) with identical areas but ``c_1 < c_2`` never
has S2 on the path.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import RegionClaim, check_claim
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import LSUCC, c, combine, d, g1_world, monotone, s, sigma, R

__all__ = ["NAME", "STATEMENT", "prove_p1", "prove", "false_variants"]

NAME = "P1"
STATEMENT = ("In G1 (lam in {0,1}, generic parameters) the outcome S requires "
             "c < c̄ = (R − d·1[Lsucc])/s − σ; the S-region shrinks as c, σ or γ rise and grows "
             "with R; with a menu of two otherwise identical areas, A never uses the one with "
             "the higher party cost.")


def threshold_claim(lam_value: int, with_indicator: bool = True) -> Certificate:
    lsucc = LSUCC(lam_value)
    if with_indicator:
        cbar = sympy.Or(sympy.And(lsucc, c < (R - d) / s - sigma),
                        sympy.And(sympy.Not(lsucc), c < R / s - sigma))
    else:   # a wrong threshold: forget the indicator
        cbar = c < (R - d) / s - sigma
    w = g1_world(lam_value)
    return prove_pieces(f"P1a [lam = {lam_value}]", "outcome S => c < c̄", (w,),
                 lambda v: cbar if v.path[0] == "S" else True)


def menu_claim(lam_value: int = 0, cheaper_first: bool = True) -> Certificate:
    same = ["Eq(s_1, s_2)", "Eq(sigma_1, sigma_2)", "Eq(gamma_1, gamma_2)", "Eq(h_1, h_2)"]
    order = "c_1 < c_2" if cheaper_first else "c_1 > c_2"
    claim = RegionClaim(lambda path: path[0] != "S2", tuple(same + [order]))
    return check_claim("linkage-menu", claim, fixed={"lam": lam_value},
                       name=f"P1c menu [lam = {lam_value}]")


def prove_p1() -> Certificate:
    parts = [threshold_claim(0), threshold_claim(1)]
    for lam_value in (0, 1):
        parts += [monotone("P1b: S shrinks in c", "S", "c", "shrinks", lam_value),
                  monotone("P1b: S shrinks in sigma", "S", "sigma", "shrinks", lam_value),
                  monotone("P1b: S shrinks in gamma", "S", "gamma", "shrinks", lam_value),
                  monotone("P1b: S grows in R", "S", "R", "grows", lam_value)]
    parts += [menu_claim(0), menu_claim(1)]
    return combine(NAME, STATEMENT, parts, "G1 (linkage) and its menu variant b6")


def false_variants() -> dict:
    """Deliberately false versions: each must come back refuted."""
    return {
        "S grows in c (flipped)": lambda: monotone("P1 flipped", "S", "c", "grows", 1),
        "threshold without 1[Lsucc] (wrong threshold)": lambda: threshold_claim(0, False),
        "menu picks the costlier area": lambda: menu_claim(0, cheaper_first=False),
    }


prove = prove_p1
