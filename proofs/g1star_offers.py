"""G1* (endogenous offers): s* = gamma and d* = ell_B/beta; U_A(S*) = R - (sigma + c)gamma,
feasible iff lam = 0 or h*gamma <= v_S; U_A(L*) = ell_B/beta when the threat is credible.

Proof: (a) derivation: among accepted offers (responders accept when indifferent) A's payoff is
maximal at s = gamma (decreasing in s) and d = ell_B/beta (increasing in d, largest accepted);
the demand does not depend on lam, kappa or kappa0.  (b) on the finite offer game
``linkage-offers`` (offers gamma and ell_B/beta), every piece with S* on the path pays A
``R - (sigma + c)gamma`` and has ``h*gamma <= v_S`` when lam = 1; every piece with L* pays A
``ell_B/beta`` and has the threat credible.
"""

from __future__ import annotations

import sympy

from gametheory.proofs.certificate import Certificate
from gametheory.proofs.claims import prove as prove_pieces, model_world
from gametheory.proofs.common import K, R, beta, c, combine, ell_A, ell_B, lemma, sigma, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants"]

NAME = "G1*"
STATEMENT = ("With endogenous offers (responders accept when indifferent): s* = γ and "
             "d* = ℓ_B/β; U_A(S*) = R − (σ+c)γ, feasible iff λ = 0 or h·γ ≤ v_S; "
             "U_A(L*) = ℓ_B/β when ℓ_A < K. The legislature matters through K, not through d*.")

gamma, h, v_S, x = sym("gamma"), sym("h"), sym("v_S"), sym("x")
DOMAIN = (sigma >= 0, c >= 0, gamma >= 0, h >= 0, v_S >= 0, beta > 0, ell_B >= 0, R > 0)


def optimality(d_star=None) -> Certificate:
    d_star = ell_B / beta if d_star is None else d_star
    parts = [
        lemma("G1* s*", "every accepted s >= γ pays A at most R − (σ+c)γ", DOMAIN + (x >= gamma,),
              R - (sigma + c) * x <= R - (sigma + c) * gamma),
        lemma("G1* veto", "if h·γ > v_S every accepted s is vetoed", DOMAIN + (x >= gamma,
              h * gamma > v_S), h * x > v_S),
        lemma("G1* d* bound", "every accepted demand (β·x ≤ ℓ_B) is at most d*",
              DOMAIN + (beta * x <= ell_B,), x <= d_star),
        lemma("G1* d* accepted", "d* itself is accepted", DOMAIN, beta * d_star <= ell_B),
    ]
    independent = not ({sym("lam"), sym("kappa"), sym("kappa0")} & sympy.sympify(d_star).free_symbols)
    parts.append(Certificate("G1* d* and the legislature", "d* does not depend on λ, κ, κ0",
                             "proved" if independent else "refuted"))
    return combine("G1* optimal offers", "s* = γ and d* = ℓ_B/β", parts)


def values(lam_value: int, u_l=None) -> Certificate:
    u_l = ell_B / beta if u_l is None else u_l
    w = model_world("linkage-offers", f"G1*[lam={lam_value}]", lam=lam_value)

    def obligation(v):
        if v.path[:2] == ("S(gamma)", "accept") and "veto" not in v.path:
            ok = sympy.Eq(v.payoffs[0], R - (sigma + c) * gamma)
            return sympy.And(ok, h * gamma <= v_S) if lam_value else ok
        if v.path[:2] == ("L(ell_B/beta)", "concede"):
            return sympy.And(sympy.Eq(v.payoffs[0], u_l), ell_A < K(lam_value))
        return True
    return prove_pieces(f"G1* values [lam = {lam_value}]", "U_A(S*) and U_A(L*) on the path",
                        (w,), obligation)


def prove() -> Certificate:
    return combine(NAME, STATEMENT, [optimality(), values(0), values(1)],
                   "linkage-offers (G1*), lam in {0, 1}")


def false_variants() -> dict:
    return {"U_A(L*) = ℓ_B/(2β) (wrong value)": lambda: values(1, ell_B / (2 * beta)),
            "d* = 2ℓ_B/β (wrong threshold)": lambda: optimality(2 * ell_B / beta)}
