"""P2 (H2, the legislature): involving the legislature weakly shrinks the S-region and weakly
enlarges the L-region, with the exact switch conditions S->L, N->L and S->N.

Model: G1 (``linkage``, or a game of its shape given as ``game``) solved twice, at lam = 0 and
lam = 1, every other parameter shared (b1).
Each claim is proved on every pair (piece at lam = 0, piece at lam = 1): the pair's region
(intersection) must imply the switch condition when the pair realises the switch, and its
negation when the outcome at lam = 0 is the same but the switch does not happen.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (LSUCC, U_S, beta, combine, d, ell_A, ell_B, game_world,
                                      kappa, kappa0, model_label, shaped, sym, world_without)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "SWITCHES"]

NAME = "P2"
STATEMENT = ("Write O(λ) for the G1 outcome at legislature involvement λ (all else fixed, "
             "generic). "
             "O(0) = L ⟹ O(1) = L and O(1) = S ⟹ O(0) = S. S→L iff O(0) = S, ℓ_A < κ0 + κ, "
             "β·d < ℓ_B and (h·s > v_S or d > R − (σ+c)s); N→L iff O(0) = N, "
             "κ0 ≤ ℓ_A < κ0 + κ and β·d < ℓ_B; S→N iff O(0) = S, h·s > v_S and Lsucc fails "
             "at λ = 1.")

h, s, v_S = sym("h"), sym("s"), sym("v_S")

SWITCHES = {
    ("S", "L"): sympy.And(ell_A < kappa0 + kappa, beta * d < ell_B,
                          sympy.Or(h * s > v_S, d > U_S)),
    ("N", "L"): sympy.And(kappa0 <= ell_A, ell_A < kappa0 + kappa, beta * d < ell_B),
    ("S", "N"): sympy.And(h * s > v_S, sympy.Not(LSUCC(1))),
}


ACTIONS = ("N", "S", "L")


def _worlds(game=None):
    return tuple(world_without(game_world(game, "linkage", f"G1[lam={v}]", lam=v), "lam")
                 for v in (0, 1))


def inclusion_claim(flipped: bool = False, game=None) -> Certificate:
    def obligation(a, b):
        o0, o1 = a.path[0], b.path[0]
        if flipped:   # the false converse: O(1) = L => O(0) = L
            return sympy.false if (o1 == "L" and o0 != "L") else True
        if (o0 == "L" and o1 != "L") or (o1 == "S" and o0 != "S"):
            return sympy.false
        return True
    label = "O(1) = L ⟹ O(0) = L" if flipped else "O(0) = L ⟹ O(1) = L and O(1) = S ⟹ O(0) = S"
    return prove_pieces("P2a inclusions", label, _worlds(game), obligation)


def switch_claim(before: str, after: str, condition=None, game=None) -> Certificate:
    condition = SWITCHES[(before, after)] if condition is None else condition

    def obligation(a, b):
        if a.path[0] != before:
            return True
        return condition if b.path[0] == after else sympy.Not(condition)
    return prove_pieces(f"P2 switch {before}→{after}",
                        f"{before}→{after} happens iff O(0) = {before} and {condition}",
                        _worlds(game), obligation)


def prove(game=None) -> Certificate:
    """P2 on the built-in G1 (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage", actions=ACTIONS)
    parts = [inclusion_claim(game=given)] + [switch_claim(a, b, game=given) for a, b in SWITCHES]
    return combine(NAME, STATEMENT, parts,
                   model_label(given, "linkage") + " at lam = 0 and lam = 1 (b1)")


def false_variants() -> dict:
    return {
        "O(1) = L ⟹ O(0) = L (flipped)": lambda: inclusion_claim(flipped=True),
        "N→L without β·d < ℓ_B (wrong threshold)": lambda: switch_claim(
            "N", "L", sympy.And(kappa0 <= ell_A, ell_A < kappa0 + kappa)),
        "S→L needs only the veto (wrong condition)": lambda: switch_claim(
            "S", "L", sympy.And(ell_A < kappa0 + kappa, beta * d < ell_B, h * s > v_S)),
    }
