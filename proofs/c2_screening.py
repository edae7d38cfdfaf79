"""c2 (screening on B's dependence): A chooses its demand; with a credible threat it demands
ell_H/beta iff q*ell_H/beta - (1 - q)*ell_A > ell_L/beta, else ell_L/beta, and after the high
demand the downgrade is carried out on the path with probability 1 - q.

Model: ``linkage-screening`` (or a game of its shape given as ``game``) with lam = 1: Nature
draws B's dependence (``ell_H`` with probability ``q``, else ``ell_L``), B observes it, A does
not and chooses no demand (``N``) or one of the demands the continuum problem can make optimal
(the types' thresholds ``ell_H/beta``, ``ell_L/beta``: see
:func:`gametheory.models.linkage.screening_demands`).  Each type is indifferent at its own
threshold; the continuum game's equilibria are those in which it then concedes (responders
accept when indifferent, section 3.0), and the statement is about those.  Proof: the game is
solved for its weak perfect Bayesian equilibria (``solve(game, method="pbe")``, every pure
profile, with the region of parameters and beliefs supporting each) under the statement's
hypotheses; the PBE in which B concedes at its own threshold are kept; every kept PBE's region
is shown to imply the demand rule for the demand it makes, the probability of the carry-out
nodes under its behaviour is computed and compared with ``1 - q``, and each side of the rule is
shown to be covered by the regions of the kept PBE making that demand (existence).  A failure
is a counterexample point, re-solved numerically.

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
                                      kappa0, model_label, node_at, shaped, sym)
from gametheory.solvers.pbe import reach_probabilities

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "RULE", "HYPOTHESES"]

NAME = "c2"
STATEMENT = ("Screening (ℓ_B = ℓ_H w.p. q, else ℓ_L; λ = 1; A chooses its demand d ≥ 0; "
             "hypotheses: the threat is credible, ℓ_A < κ0 + κ; 0 < ℓ_L < ℓ_H; 0 < q < 1): in "
             "every PBE in which B concedes when indifferent, A demands ℓ_H/β where "
             "q·ℓ_H/β − (1−q)·ℓ_A > ℓ_L/β and ℓ_L/β where it is < ℓ_L/β, and after the high "
             "demand the downgrade is carried out with probability 1 − q.")

MODEL = "linkage-screening"
q, ell_H, ell_L = (sym(n) for n in ("q", "ell_H", "ell_L"))
RULE = q * ell_H / beta - (1 - q) * ell_A - ell_L / beta
HYPOTHESES = (ell_A < kappa0 + kappa, ell_H > ell_L, ell_L > 0, q > 0, q < 1)
ACTIONS = ("L_hi", "L_lo", "concede", "refuse", "carry out")
#: Where each type is indifferent (its own threshold): (type branch, demand).
THRESHOLDS = (("dependent", "L_hi"), ("less dependent", "L_lo"))


@lru_cache(maxsize=8)
def _solved(game):
    """The game at lam = 1 and its weak PBE (pure profiles) under the hypotheses in which B
    concedes at its own threshold."""
    numeric = built(game, MODEL, lam=1)
    pbes = gt.solve(numeric, method="pbe", assumptions=HYPOTHESES).equilibria
    return numeric, tuple(e for e in pbes if _concedes_at_thresholds(numeric, e))


def _concedes_at_thresholds(game, e) -> bool:
    """Whether B concedes, in ``e``, at each type's own threshold demand."""
    for path in THRESHOLDS:
        k = int(game.tree.infoset[node_at(game, path)])
        player = game.infosets[k].player
        j = game.player_infosets[player].index(k)
        if game.infosets[k].actions[e.support[player][j][0]] != "concede":
            return False
    return True


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
            lambda: rule_claim(rule=q * ell_H / beta - ell_L / beta)}
