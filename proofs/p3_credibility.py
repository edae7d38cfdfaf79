"""P3 (credibility): leverage needs a credible threat, ``ell_A < kappa0 + lam*kappa``; if
``kappa0 <= ell_A`` it needs the legislature and ``kappa > ell_A - kappa0``; the L-region shrinks
as ell_A rises and grows with ell_B, kappa and kappa0.

Model: G1 (``linkage``), lam = 0 and lam = 1 separately, generic parameters.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import K, combine, ell_A, g1_world, kappa, kappa0, monotone

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "P3"
STATEMENT = ("In G1 (generic): L ⟹ ℓ_A < κ0 + λκ. If κ0 ≤ ℓ_A, L requires λ = 1 and "
             "κ > ℓ_A − κ0. The L-region shrinks as ℓ_A rises and grows with ℓ_B, κ and κ0.")


def credible_claim(lam_value: int, bound=None) -> Certificate:
    bound = ell_A < K(lam_value) if bound is None else bound
    return prove_pieces(f"P3a [lam = {lam_value}]", f"L ⟹ {bound}", (g1_world(lam_value),),
                        lambda v: bound if v.path[0] == "L" else True)


def legislature_claim() -> Certificate:
    at0 = prove_pieces("P3b [lam = 0]", "κ0 ≤ ℓ_A ⟹ not L", (g1_world(0),),
                       lambda v: sympy.false if v.path[0] == "L" else True,
                       domain=(kappa0 <= ell_A,))
    at1 = prove_pieces("P3b [lam = 1]", "κ0 ≤ ℓ_A and L ⟹ κ > ℓ_A − κ0", (g1_world(1),),
                       lambda v: kappa > ell_A - kappa0 if v.path[0] == "L" else True,
                       domain=(kappa0 <= ell_A,))
    return combine("P3b", "if κ0 ≤ ℓ_A, leverage requires λ = 1 and κ > ℓ_A − κ0", [at0, at1])


def prove() -> Certificate:
    parts = [credible_claim(0), credible_claim(1), legislature_claim()]
    for lam_value in (0, 1):
        parts += [monotone("P3c: L shrinks in ell_A", "L", "ell_A", "shrinks", lam_value),
                  monotone("P3c: L grows in ell_B", "L", "ell_B", "grows", lam_value),
                  monotone("P3c: L grows in kappa", "L", "kappa", "grows", lam_value),
                  monotone("P3c: L grows in kappa0", "L", "kappa0", "grows", lam_value)]
    return combine(NAME, STATEMENT, parts, "G1 (linkage), lam in {0, 1}")


def false_variants() -> dict:
    return {
        "L grows in ell_A (flipped)": lambda: monotone("P3 flipped", "L", "ell_A", "grows", 1),
        "L ⟹ ℓ_A < κ0 at λ = 1 (wrong threshold)": lambda: credible_claim(1, ell_A < kappa0),
    }
