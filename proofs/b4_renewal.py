"""b4 (participation stage): A renews iff a + W* > 0, where W* = max(0, U_A(S), U_A(L)) is A's
SPE value of G1.

Model: ``linkage-renewal`` paired with ``linkage`` (same lam, every parameter shared): on every
pair of pieces, Renew on the path iff ``a + u_A(G1 piece) > 0``; and W* >= 0 on every G1 piece.
"""

from __future__ import annotations


from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces, model_world
from gametheory.proofs.common import combine, g1_world, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "b4"
STATEMENT = ("With a renew-or-terminate stage before G1, A renews iff a + W* > 0, where "
             "W* = max(0, U_A(S), U_A(L)) is A's SPE value of G1 (generic, λ ∈ {0,1}).")

a = sym("a")


def renewal_claim(lam_value: int, drop_value: bool = False) -> Certificate:
    r = model_world("linkage-renewal", f"b4[lam={lam_value}]", lam=lam_value)
    g = g1_world(lam_value)

    def obligation(rv, gv):
        w = 0 if drop_value else gv.payoffs[0]
        return a + w > 0 if rv.path[0] == "Renew" else a + w < 0
    return prove_pieces(f"b4 [lam = {lam_value}]", "Renew iff a + W* > 0", (r, g), obligation)


def value_claim(lam_value: int) -> Certificate:
    return prove_pieces(f"b4 W* >= 0 [lam = {lam_value}]", "W* ≥ 0 (separation is available)",
                        (g1_world(lam_value),), lambda v: v.payoffs[0] >= 0)


def prove() -> Certificate:
    return combine(NAME, STATEMENT, [value_claim(0), value_claim(1), renewal_claim(0),
                                     renewal_claim(1)], "linkage-renewal (b4) with linkage")


def false_variants() -> dict:
    return {"Renew iff a > 0 (wrong threshold)": lambda: renewal_claim(1, drop_value=True)}
