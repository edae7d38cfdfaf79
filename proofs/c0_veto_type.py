"""c0 (chance move over V's type, switched on by the legislature): the side payment is vetoed
with probability lam*pi, U_A(S) = (1 - lam*pi)(R - (sigma + c)s) - lam*pi*f, S is chosen iff it
beats max(0, U_A(L)), and then ratification fails on the path with probability lam*pi.

Model: ``linkage-veto-type`` (or a game of its shape given as ``game``), solved at lam = 0 (no
vote: the deal stands once B accepts) and at lam = 1 (Nature makes V hawkish with probability
pi), hypotheses h > 0, v_S > 0, 0 < pi < 1 (so the hawk vetoes and the dove approves), generic
parameters.  Each world is the game's generic parametric SPE; every region is shown to imply
the statement for the path it plays (its value, and a veto on the path exactly when lam = 1),
and every other region to violate the statement's condition for S.  Polynomial conditions
(pi times R): z3.

References
----------
H. V. Milner and B. P. Rosendorff (1997), Democratic politics and international trade
negotiations, *JCR* 41(1); K. Iida (1993), When and how do domestic constraints matter?,
*JCR* 37(3) (ratification failure on the path).
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (LSUCC, U_S, combine, d, game_world, model_label, s, shaped,
                                      sym)

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "value"]

NAME = "c0"
STATEMENT = ("With V hawkish with probability π when the legislature votes (h > 0, v_S > 0, "
             "0 < π < 1; no vote when λ = 0): U_A(S) = (1−λπ)[R − (σ+c)s] − λπ·f; S is chosen "
             "iff s > γ, U_A(S) > 0 and (Lsucc ⟹ U_A(S) > d); on that path the veto happens "
             "with probability λπ (never when λ = 0).")

pi, f, h, v_S, gamma = (sym(n) for n in ("pi", "f", "h", "v_S", "gamma"))


def value(lam: int) -> sympy.Expr:
    """The statement's ``U_A(S)`` at legislature involvement ``lam``.

    Examples
    --------
    >>> value(0), value(1)
    (R - s*(c + sigma), -f*pi + (1 - pi)*(R - s*(c + sigma)))
    """
    return (1 - lam * pi) * U_S - lam * pi * f


def choice_claim(lam: int, value_of=value, game=None) -> Certificate:
    """S is on the path iff the statement's condition holds, with the stated value, and the
    veto is on the path (behind the hawkish draw) exactly when ``lam = 1``."""
    u = value_of(lam)
    condition = sympy.And(s > gamma, u > 0, sympy.Or(sympy.Not(LSUCC(lam)), u > d))
    w = game_world(game, "linkage-veto-type", f"c0[lam={lam}]", lam=lam)
    vetoed = sympy.true if lam == 1 else sympy.false

    def obligation(v):
        if v.path[0] == "S":
            on_path = sympy.true if ("hawkish" in v.path and "veto" in v.path) else sympy.false
            return sympy.And(condition, sympy.Eq(v.payoffs[0], u),
                             sympy.Equivalent(on_path, vetoed))
        return sympy.Not(condition)
    return prove_pieces(f"c0 (λ = {lam})", f"λ = {lam}: S iff U_A(S) = {u} beats max(0, "
                        f"U_A(L)); veto on the path w.p. {lam}·π", (w,), obligation,
                        domain=(h > 0, v_S > 0, pi > 0, pi < 1))


def prove(game=None) -> Certificate:
    """c0 on the built-in model (``game`` None) or on a game of its shape."""
    given = shaped(game, "linkage-veto-type", actions=("S", "hawkish", "veto"))
    return combine(NAME, STATEMENT, [choice_claim(lam, game=given) for lam in (0, 1)],
                   model_label(given, "linkage-veto-type") + ", lam = 0 and lam = 1")


def false_variants() -> dict:
    return {"U_A(S) without −λπ·f (wrong value)":
            lambda: choice_claim(1, lambda lam: (1 - lam * pi) * U_S),
            "veto probability π whether or not the legislature votes (λ ignored)":
            lambda: choice_claim(0, lambda lam: (1 - pi) * U_S - pi * f)}
