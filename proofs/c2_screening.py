"""c2 (screening on B's dependence): with a credible threat A demands d_hi iff
q*d_hi - (1 - q)*ell_A > d_lo, and the downgrade is then carried out on the path with
probability 1 - q.

Model: ``linkage-screening`` (or a game of its shape given as ``game``) with lam = 1: Nature
draws B's dependence (``ell_H`` with probability ``q``, else ``ell_L``), B observes it, A does
not.  Proof: the game is solved for its weak perfect Bayesian equilibria (``solve(game,
method="pbe")``, every pure profile, with the region of parameters and beliefs supporting each)
under the statement's hypotheses; then every PBE's region is shown to imply the demand rule for
the demand it makes, the probability of the carry-out nodes under its behaviour is computed and
compared with ``1 - q``, and each side of the rule is shown to be covered by the regions of the
PBE making that demand (existence).  A failure is a counterexample point, re-solved numerically.

References
----------
The screening rule is the two-type version of the optimal-demand problem of R. Powell (1999),
*In the Shadow of Power*, ch. 3; D. Fudenberg and J. Tirole (1991), *Game Theory*, 8.2 (weak PBE).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import sympy

import gametheory as gt
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.common import (beta, built, combine, decide, ell_A, full_point, kappa,
                                      kappa0, model_label, shaped, sym)
from gametheory.solvers.pbe import reach_probabilities

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "RULE", "HYPOTHESES"]

NAME = "c2"
STATEMENT = ("Screening (ℓ_B = ℓ_H w.p. q, else ℓ_L; λ = 1; hypotheses: the threat is credible, "
             "ℓ_A < κ0 + κ; only the dependent type concedes the high demand, "
             "ℓ_L < β·d_hi < ℓ_H; both concede the low one, β·d_lo < ℓ_L; 0 < q < 1): in every "
             "PBE A demands d_hi where q·d_hi − (1−q)·ℓ_A > d_lo and d_lo where it is < d_lo, "
             "and after the high demand the downgrade is carried out with probability 1 − q. "
             "With the optimal demands d_hi = ℓ_H/β, d_lo = ℓ_L/β this is the rule "
             "q·ℓ_H/β − (1−q)·ℓ_A > ℓ_L/β.")

MODEL = "linkage-screening"
q, ell_H, ell_L, d_hi, d_lo = (sym(n) for n in ("q", "ell_H", "ell_L", "d_hi", "d_lo"))
RULE = q * d_hi - (1 - q) * ell_A - d_lo
HYPOTHESES = (ell_A < kappa0 + kappa, beta * d_hi < ell_H, beta * d_hi > ell_L,
              beta * d_lo < ell_L, q > 0, q < 1)
ACTIONS = ("L_hi", "L_lo", "concede", "refuse", "carry out")


@lru_cache(maxsize=8)
def _solved(game):
    """The game at lam = 1 and its weak PBE (pure profiles) under the hypotheses."""
    numeric = built(game, MODEL, lam=1)
    return numeric, tuple(gt.solve(numeric, method="pbe", assumptions=HYPOTHESES).equilibria)


def _demand(game, e) -> str:
    """A's (pure) demand in a PBE: the action at A's first information set."""
    k = game.player_infosets[0][0]
    return game.infosets[k].actions[e.support[0][0][0]]


def _carry_out_probability(game, e) -> sympy.Expr:
    reach = reach_probabilities(game, e.behavior)
    tree = game.tree
    total = sympy.Integer(0)
    for v in range(1, game.n_nodes):
        parent = int(tree.parent[v])
        actions = game.infosets[int(tree.infoset[parent])].actions
        if actions[v - int(tree.first_child[parent])] == "carry out":
            total += sympy.sympify(reach[v])
    return sympy.simplify(total)


def _confirm(game):
    def confirm(point) -> str:
        numeric = game.substitute({p.name: point[p.name] for p in game.parameters})  # lam fixed
        found = [_demand(numeric, e) for e in gt.solve(numeric, method="pbe").equilibria]
        return f"solve(method='pbe') at this point finds PBE demanding {', '.join(found)}"
    return confirm


def rule_claim(game=None, rule=RULE) -> Certificate:
    """Every PBE's region implies the rule for its demand; each side of the rule is covered."""
    numeric, pbes = _solved(game)
    params = tuple(numeric.parameters)
    point = lambda w: {"lam": Fraction(1), **full_point(MODEL, w, params)}   # noqa: E731
    confirm = _confirm(numeric)
    parts, regions = [], {"L_hi": [], "L_lo": []}
    for k, e in enumerate(pbes, 1):
        demand = _demand(numeric, e)
        conditions = tuple(e.region.conditions) + HYPOTHESES
        label = f"PBE {k} ({demand})"
        if demand in regions:
            regions[demand].append(sympy.And(*e.region.conditions))
        claim = {"L_hi": rule >= 0, "L_lo": rule <= 0}.get(demand, sympy.false)
        parts.append(decide(f"c2 {label}", f"{label} ⟹ {claim}", conditions, claim, params,
                            region=label, note="the PBE's supporting region implies the rule",
                            point=point, confirm=confirm))
        if demand == "L_hi":
            p_out = _carry_out_probability(numeric, e)
            claim = sympy.Eq(p_out - (1 - q), 0)
            parts.append(decide(f"c2 {label} downgrade", f"Pr(carry out) = {p_out} = 1 − q",
                                conditions, claim, params, region=label, point=point,
                                confirm=confirm, note="the probability of the carry-out nodes "
                                "under the PBE's behaviour"))
    for demand, side in (("L_hi", rule > 0), ("L_lo", rule < 0)):
        cover = sympy.Or(*regions[demand]) if regions[demand] else sympy.false
        parts.append(decide(f"c2 existence {demand}", f"{side} ⟹ some PBE demands {demand}",
                            HYPOTHESES + (side,), cover, params, point=point, confirm=confirm,
                            note="the regions of the PBE demanding it cover this side"))
    return combine("c2 rule", "the demand rule and the downgrade probability", parts)


def prove(game=None) -> Certificate:
    """c2 on the built-in model (``game`` None) or on a game of its shape."""
    given = shaped(game, MODEL, actions=ACTIONS)
    return combine(NAME, STATEMENT, [rule_claim(given)],
                   model_label(given, MODEL) + ", lam = 1, weak PBE (pure profiles)")


def false_variants() -> dict:
    return {"rule without the breakdown cost (wrong threshold)":
            lambda: rule_claim(rule=q * d_hi - d_lo)}
