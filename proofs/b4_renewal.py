"""b4 (participation stage): A renews iff a + W* > 0, where W* = max(0, U_A(S), U_A(L)) is A's
SPE value of G1.

Model: ``linkage-renewal`` (or a game of its shape given as ``game``), solved, paired with its
own subgame after ``Renew`` (G1), solved separately (same lam, every parameter shared): on every
pair of pieces, Renew is on the path iff ``a + u_A(G1 piece) > 0``; and ``W* >= 0`` on every
piece of the subgame (whose root pays the renewal value ``a``, so A's value there is
``a + W*``).
"""

from __future__ import annotations


from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (combine, game_world, model_label, shaped, subgame_world,
                                      sym)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "b4"
STATEMENT = ("With a renew-or-terminate stage before G1, A renews iff a + W* > 0, where "
             "W* = max(0, U_A(S), U_A(L)) is A's SPE value of G1 (generic, λ ∈ {0,1}).")

a = sym("a")


def _g1(game, lam_value: int):
    return subgame_world(game, "linkage-renewal", ("Renew",), f"G1[lam={lam_value}]",
                         lam=lam_value)


def renewal_claim(lam_value: int, drop_value: bool = False, game=None) -> Certificate:
    r = game_world(game, "linkage-renewal", f"b4[lam={lam_value}]", lam=lam_value)
    g = _g1(game, lam_value)

    def obligation(rv, gv):
        value = a if drop_value else gv.payoffs[0]      # a + W*: the subgame pays a on entry
        return value > 0 if rv.path[0] == "Renew" else value < 0
    return prove_pieces(f"b4 [lam = {lam_value}]", "Renew iff a + W* > 0", (r, g), obligation)


def value_claim(lam_value: int, game=None) -> Certificate:
    return prove_pieces(f"b4 W* >= 0 [lam = {lam_value}]", "W* ≥ 0 (separation is available)",
                        (_g1(game, lam_value),), lambda v: v.payoffs[0] - a >= 0)


def prove(game=None) -> Certificate:
    """b4 on the built-in renewal game (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage-renewal", actions=("Renew",), parameters=("lam", "a"))
    parts = [value_claim(0, given), value_claim(1, given), renewal_claim(0, game=given),
             renewal_claim(1, game=given)]
    return combine(NAME, STATEMENT, parts,
                   model_label(given, "linkage-renewal") + " with its G1 subgame")


def false_variants() -> dict:
    return {"Renew iff a > 0 (wrong threshold)": lambda: renewal_claim(1, drop_value=True)}
