"""b6 (a menu of side-payment areas, H1 read literally): with two areas that differ only in the
ruling party's cost, A uses the area with the lower party cost c_k, exactly where its value
R - (sigma + c_k)s beats A's alternatives, and never the other one.

Model: ``linkage-menu-party`` (or a game of its shape given as ``game``): G1 with the side
payment offered in one of two areas sharing ``s, sigma, gamma, h`` and differing in ``c_1``,
``c_2`` (section 3.1, P1's menu version: "other things equal, the chosen area has the lowest
c_k").  Solved (generic parametric SPE) at lam = 0 and lam = 1.  Every piece whose path starts
with ``Sk`` is shown to lie where area k is feasible (``s > gamma``, and ``h*s < v_S`` when
lam = 1), has the strictly lower party cost, and beats separation and, where leverage succeeds,
the demand ``d``; every other piece lies where neither area does.  So the S-region of the menu
is the S-region of G1 at ``c = min(c_1, c_2)``.

References
----------
C. L. Davis (2008/09), Linkage diplomacy, *International Security* 33(3) (H1: side payments go
to issue areas that spare the ruling party's key interests).
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces
from gametheory.proofs.common import (LSUCC, R, combine, d, game_world, model_label, s, shaped,
                                      sigma, sym)

__all__ = ["NAME", "STATEMENT", "MODEL", "prove", "false_variants", "area_value"]

NAME = "b6"
MODEL = "linkage-menu-party"
STATEMENT = ("Menu of two side-payment areas that differ only in the party cost (b6; λ ∈ {0,1}, "
             "generic parameters): A offers area k iff it is feasible (s > γ, and h·s < v_S "
             "when λ = 1), c_k < c_j, R − (σ + c_k)s > 0 and (Lsucc ⟹ R − (σ + c_k)s > d); "
             "the area with the higher party cost is never used.")

c_1, c_2, gamma, h, v_S = (sym(n) for n in ("c_1", "c_2", "gamma", "h", "v_S"))
ACTIONS = ("N", "S1", "S2", "L", "concede", "refuse")
PARAMETERS = ("lam", "R", "s", "sigma", "gamma", "h", "v_S", "c_1", "c_2", "d", "beta", "ell_A",
              "ell_B", "kappa0", "kappa")


def area_value(c_k) -> sympy.Expr:
    """A's value of a side payment in an area with party cost ``c_k``: ``R - (sigma + c_k)s``.

    Examples
    --------
    >>> area_value(c_1)
    R - s*(c_1 + sigma)
    """
    return R - (sigma + c_k) * s


def chosen(lam: int, k: int, lower=None) -> sympy.Basic:
    """The statement's condition for area ``k`` (1 or 2) at ``lam``; ``lower`` replaces the
    comparison of the party costs (for a false variant)."""
    mine, other = (c_1, c_2) if k == 1 else (c_2, c_1)
    value = area_value(mine)
    feasible = sympy.And(s > gamma, h * s < v_S) if lam == 1 else s > gamma
    order = mine < other if lower is None else lower(mine, other)
    return sympy.And(feasible, order, value > 0, sympy.Or(sympy.Not(LSUCC(lam)), value > d))


def choice_claim(lam: int, game=None, lower=None) -> Certificate:
    """Every piece of the solved menu plays ``Sk`` iff the statement's condition for k holds."""
    w = game_world(game, MODEL, f"b6[lam={lam}]", lam=lam)
    conditions = {f"S{k}": chosen(lam, k, lower) for k in (1, 2)}

    def obligation(v):
        if v.path[0] in conditions:
            return conditions[v.path[0]]
        return sympy.Not(sympy.Or(*conditions.values()))
    return prove_pieces(f"b6 (λ = {lam})", f"λ = {lam}: Sk on the path iff area k is feasible, "
                        "has the lower party cost and beats max(0, U_A(L))", (w,), obligation)


def prove(game=None) -> Certificate:
    """b6 on the built-in model (``game`` None) or on a game of its shape."""
    given = shaped(game, MODEL, actions=ACTIONS, parameters=PARAMETERS)
    return combine(NAME, STATEMENT, [choice_claim(lam, given) for lam in (0, 1)],
                   model_label(given, MODEL) + ", lam = 0 and lam = 1")


def false_variants() -> dict:
    return {"A uses the area with the higher party cost":
            lambda: choice_claim(0, lower=lambda mine, other: mine > other)}
