"""P6 (free-trade constraint, variant b5): with within-issue retaliation T whose party cost c_T
exceeds the back-down cost K (the limit c_T = oo of the Liberal free traders), T is never used
and B's concession is obtained only through the cross-issue lever L.

Model: ``linkage-retaliation`` (or a game of its shape given as ``game``), solved at lam = 0
and 1, generic parameters, hypothesis c_T > K.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import K, combine, game_world, model_label, shaped, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "P6"
STATEMENT = ("In G1 with a tariff threat T (party cost c_T), if c_T > κ0 + λκ (in particular "
             "c_T = ∞) then T is never played and every concession on the path comes through L.")

c_T = sym("c_T")


def lever_claim(lam_value: int, prohibitive: bool = True, game=None) -> Certificate:
    hypothesis = c_T > K(lam_value) if prohibitive else c_T < K(lam_value)
    w = game_world(game, "linkage-retaliation", f"b5[lam={lam_value}]", lam=lam_value)

    def obligation(v):
        bad = v.path[0] == "T" or ("concede" in v.path and v.path[0] != "L")
        return sympy.false if bad else True
    return prove_pieces(f"P6 [lam = {lam_value}]" + ("" if prohibitive else " (c_T < K)"),
                        f"{hypothesis} ⟹ concessions only through L", (w,), obligation,
                        domain=(hypothesis,))


def prove(game=None) -> Certificate:
    """P6 on the built-in b5 (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage-retaliation", actions=("L", "T", "concede"),
                   parameters=("lam", "c_T", "kappa0", "kappa"))
    return combine(NAME, STATEMENT, [lever_claim(0, game=given), lever_claim(1, game=given)],
                   model_label(given, "linkage-retaliation") + ", lam in {0, 1}")


def false_variants() -> dict:
    return {"only L also when the tariff is cheap, c_T < K (wrong threshold)":
            lambda: lever_claim(1, prohibitive=False)}
