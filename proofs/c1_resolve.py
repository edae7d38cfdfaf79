"""c1 (private information about A's resolve): the pooling-leverage PBE, the no-demand PBE and
their belief conditions, the impossibility of leverage when ``p*ell_B < beta*d``, and the
refinements (Intuitive Criterion, D1) of the no-demand PBE.

Model: ``linkage-resolve`` (or a game of its shape given as ``game``), proved at lam = 0 (no
veto player on the side payment) and at lam = 1 (V ratifies an accepted side payment, as in G1).
Nature draws A's type, resolved ``H`` (prior ``p``, back-down cost ``K_H``) or weak ``W``
(``K_W``), with ``K_H > ell_A > K_W`` and ``0 < p < 1``; B sees A's move, not its type.
``U0 = max(0, U_A(S))`` with ``U_A(S) = R - (sigma + c)s`` where the side payment goes through
(``s > gamma``, B accepts, and at lam = 1 ``h*s < v_S``, V approves) and ``-f`` where it fails.
Generic: ``s != gamma``, ``h*s != v_S`` (lam = 1), ``d != U0``, ``U_A(S) != 0`` and ``K_W > 0``
(the research note allows ``K_W = 0``; then the weak type is indifferent between a demand it
abandons and N, and a PBE with L on the path appears -- one of the false variants below).  At
lam = 1 with ``h*s > v_S`` B is indifferent between accepting a payment V will veto and
rejecting it (both give A ``-f``); the cases below use its rejection, and either gives A the
same outside option.

Proof.  The weak PBE of the symbolic game over pure profiles are computed once by
``solve(game, method="pbe")``, each with the exact region of parameters and off-path beliefs
supporting it; every implication between those regions and the statement's conditions is
decided by the region engine (Fourier-Motzkin or z3).  The claim about mixed profiles (2) is
decided on the demand subgame's equilibrium conditions, all read off the game's payoffs (the
leaves after L, N and S of each type; each type's strict choice after a refusal and B's strict
answer to S): B mixes at ``B|L`` only when indifferent under its belief ``mu``, ``mu`` follows
Bayes' rule from the types' demand probabilities, and a type demands only if L is weakly best;
z3 shows that no assessment with L on the path satisfies them.  The refinements (4) use the
types' values of L as functions of B's concession probability, read off the game the same way,
and the built-in game is re-checked by :mod:`gametheory.solvers.refinements` at an exact point.

References
----------
I.-K. Cho and D. M. Kreps (1987), Signaling games and stable equilibria, *QJE* 102(2)
(Intuitive Criterion); J. S. Banks and J. Sobel (1987), *Econometrica* 55(3) (D1).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Callable

import sympy

from gametheory.parameters import Parameter
from gametheory.proofs.certificate import Certificate, Step
from gametheory.proofs.claims import implies
from gametheory.proofs.common import (U_S, beta, built, combine, d, ell_A, ell_B,
                                      formula_implies, full_point, leaf_payoffs, model_label,
                                      node_at, s, shaped, sym)

__all__ = ["NAME", "STATEMENT", "prove", "prove_split", "assemble", "SPLIT", "false_variants",
           "resolve_pbes", "kind", "CASES", "CASES_BY_LAM", "LAMS"]

NAME = "c1"
STATEMENT = ("Private resolve (λ ∈ {0, 1}; K_H > ℓ_A > K_W, 0 < p < 1; generic: s ≠ γ, "
             "h·s ≠ v_S, d ≠ U0, U_A(S) ≠ 0, K_W > 0; U0 = max(0, U_A(S)) with U_A(S) = "
             "R − (σ+c)s if s > γ and (λ = 0 or h·s < v_S), else −f): (1) a pooling PBE in which both types "
             "demand (L), B concedes with belief μ = p and the threat is never executed exists "
             "iff p·ℓ_B > β·d and d > U0; (2) if p·ℓ_B < β·d no PBE, mixed ones included, has L "
             "on the path; (3) a no-demand PBE exists for all parameters, supported exactly by "
             "off-path beliefs μ(H | L) ≤ β·d/ℓ_B, so both PBE exist when p·ℓ_B > β·d and "
             "d > U0; (4) there the no-demand PBE survives the Intuitive Criterion and D1, and "
             "D1 puts the weight on the bluffer W.")
MODEL = ("lam = 0 and lam = 1; weak PBE over pure profiles (solver), and the equilibrium "
         "conditions of the demand subgame (mixing included) read off the game's payoffs")

p, K_H, K_W, f, gamma, h, v_S = (sym(n) for n in ("p", "K_H", "K_W", "f", "gamma", "h", "v_S"))
ASSUME = (K_H > ell_A, ell_A > K_W, p > 0, p < 1)
LAMS = (0, 1)

#: B's answer to S is pure and type-independent for s != gamma (and V's for h*s != v_S):
#: (case, its relation, B|S action, U_A(S)), by legislature involvement.
CASES_BY_LAM = {
    0: (("s > γ", s > gamma, "accept", U_S), ("s < γ", s < gamma, "reject", -f)),
    1: (("s > γ, h·s < v_S", sympy.And(s > gamma, h * s < v_S), "accept", U_S),
        ("s < γ, h·s < v_S", sympy.And(s < gamma, h * s < v_S), "reject", -f),
        ("h·s > v_S", h * s > v_S, "reject", -f)),
}
CASES = CASES_BY_LAM[0]
#: V's vote on the accepted side payment in each case at lam = 1 (strict: v_S - h*s against 0).
VOTES = {"s > γ, h·s < v_S": "approve", "s < γ, h·s < v_S": "approve", "h·s > v_S": "veto"}


def U0(value) -> sympy.Expr:
    """The value of A's best alternative to a demand: ``max(0, U_A(S))``.

    Examples
    --------
    >>> U0(-f), U0(sympy.Integer(-3))
    (Max(0, -f), 0)
    """
    return sympy.Max(0, value)


def _text(relations) -> str:
    return " & ".join(str(r) for r in relations) or "everywhere"


# ------------------------------------------------------------------------------ the game

def resolve_pbes(game=None, lam: int = 0):
    """The c1 game at ``lam`` (built in, or ``game``) and its weak PBE over pure profiles,
    solved once, symbolically (``solve(game, method="pbe")``)."""
    return _resolve_pbes(game, lam)


@lru_cache(maxsize=8)
def _resolve_pbes(game, lam: int):
    import gametheory as gt
    numeric = built(game, "linkage-resolve", lam=lam)
    return numeric, tuple(gt.solve(numeric, method="pbe", assumptions=ASSUME,
                                   simplify=False).equilibria)


def _layout(game) -> dict[str, tuple[int, int, int]]:
    """Information-set label -> (player, index in the player's list, global index)."""
    return {game.infosets[k].label: (i, j, k) for i, sets in enumerate(game.player_infosets)
            for j, k in enumerate(sets)}


def kind(game, pbe) -> dict[str, str]:
    """The pure actions of one PBE: H's and W's demands, B's answers to S and L."""
    where = _layout(game)
    out = {}
    for label, key in (("AH", "H"), ("AW", "W"), ("B|S", "B|S"), ("B|L", "B|L"),
                       ("AH|refused", "H refused"), ("AW|refused", "W refused"),
                       ("V|S", "V|S")):
        if label not in where:          # V votes only when the legislature is involved
            continue
        i, j, k = where[label]
        out[key] = game.infosets[k].actions[pbe.support[i][j][0]]
    return out


def _family(game, pbes, H: str, W: str, B_S: str, B_L: str, case: str = ""):
    """The pure PBE in which the types play ``H``, ``W``, B answers ``B_S``, ``B_L`` and, where
    V votes, V casts its vote of ``case`` (:data:`VOTES`); failing that, one with any vote
    (whose region then decides the claim, with a counterexample if it is wrong)."""
    matches = [e for e in pbes
               if tuple(kind(game, e)[x] for x in ("H", "W", "B|S", "B|L")) == (H, W, B_S, B_L)]
    voting = [e for e in matches if kind(game, e).get("V|S", VOTES.get(case)) == VOTES.get(case)]
    return (voting or matches or [None])[0]


def _name(game, e) -> str:
    """A short label of a pure PBE: the types' moves, B's answers to S and to L."""
    k = kind(game, e)
    return f"PBE(H {k['H']}, W {k['W']}; B {k['B|S']}s S, {k['B|L']}s L)"


def _region(game, e) -> tuple[str, str]:
    return _name(game, e), _text(e.region.conditions)


def _belief(game, label: str) -> sympy.Symbol:
    from gametheory.solvers.pbe import belief_symbol
    return belief_symbol(game, _layout(game)[label][2], 0)


def _off_path_prior(game) -> dict:
    """The beliefs at the information sets after S (B's, and V's if the game has it), set to
    the prior ``p`` where S is off the path (payoff-irrelevant: S's payoffs do not depend on
    the type)."""
    labels = [label for label in ("B|S", "V|S") if label in _layout(game)]
    return {_belief(game, label): p for label in labels}


def _parameters(game, *extra) -> tuple:
    """The game's parameters and every free belief (in [0, 1]) of its information sets."""
    from gametheory.solvers.pbe import belief_symbol
    beliefs = tuple(Parameter(belief_symbol(game, k, j).name, "[0, 1]")
                    for k, infoset in enumerate(game.infosets) if infoset.player >= 0
                    for j in range(len(game.infoset_members(k)) - 1))
    return tuple(game.parameters) + beliefs + tuple(extra)


#: The implications decided for the claim being checked (cleared by each claim): the first
#: that fails gives the counterexample.
_TRAIL: list = []


def _decided(conditions, claim, parameters) -> tuple[str, str]:
    """(method, result) of ``conditions => claim``, decided by the region engine."""
    result, witness, method = implies(tuple(conditions), claim, tuple(parameters))
    _TRAIL.append((result, witness))
    return method, result


def _certificate(name: str, statement: str, steps, game=None, regions=(), lam: int = 0
                 ) -> Certificate:
    """The claim's certificate; a refutation carries the first failing step's exact point and
    what ``solve(method="pbe")`` finds there."""
    status = _status(steps)
    witness = next((w for r, w in _TRAIL if r == "fails" and w is not None), None)
    _TRAIL.clear()
    if status != "refuted" or witness is None:
        return Certificate(name, statement, status, tuple(steps), regions=tuple(regions))
    import gametheory as gt
    numeric_game = resolve_pbes(game, lam)[0]
    values = {k.name: Fraction(v) for k, v in witness.items()}
    point = full_point("linkage-resolve", values, numeric_game.parameters)
    numeric = numeric_game.substitute(point)
    found = _kinds_text(numeric, gt.solve(numeric, method="pbe").equilibria)
    beliefs = ", ".join(f"{k} = {v}" for k, v in values.items() if k.startswith("mu_"))
    return Certificate(name, statement, status, tuple(steps), MODEL, tuple(regions),
                       counterexample=({"lam": Fraction(lam), **point},),
                       confirmation=f"solve(method='pbe') at this point finds {found}"
                       + (f" (the failing step's beliefs: {beliefs})" if beliefs else ""))


def _step(conditions, claim, parameters, note: str = "", shown=None) -> Step:
    """A step ``conditions => claim`` decided by the engine (the standing assumptions are not
    repeated in the text)."""
    return Step(str(claim) if shown is None else shown,
                *_decided(conditions, claim, parameters), _text(_hypotheses(conditions)), note)


def _hypotheses(conditions) -> list:
    return [c for c in conditions if c not in ASSUME]


def _status(steps) -> str:
    results = {s.result for s in steps}
    return "refuted" if "fails" in results else ("undecided" if "undecided" in results
                                                 else "proved")


# ------------------------------------------------------------------------------ (1) pooling

def _suffix(lam: int) -> str:
    return f", λ = {lam}"


def pooling_claim(threshold=None, game=None, lam: int = 0) -> Certificate:
    """Pooling leverage: its region implies ``p*ell_B >= beta*d`` and ``d >= U0``, and the strict
    conditions (``threshold``, by default ``p*ell_B > beta*d``) imply it is a PBE."""
    threshold = p * ell_B > beta * d if threshold is None else threshold
    _TRAIL.clear()
    given = game
    game, pbes = resolve_pbes(game, lam)
    params = _parameters(game)
    prior, j_L = _off_path_prior(game), _layout(game)["B|L"][1]
    steps, regions = [], []
    for label, case, answer, value in CASES_BY_LAM[lam]:
        e = _family(game, pbes, H="L", W="L", B_L="concede", B_S=answer, case=label)
        if e is None:
            steps.append(Step(f"a pooling PBE with B {answer}ing S", "solver", "fails", label))
            continue
        k = kind(game, e)
        regions.append(_region(game, e))
        steps.append(Step(f"{_name(game, e)} is a weak PBE on its region; after a refusal "
                          f"(off the path) H plays {k['H refused']}, W {k['W refused']}", "solver",
                          "holds", label, "the family found by the symbolic PBE solver: the "
                          "threat is never executed"))
        belief = e.beliefs[1][j_L][0]
        steps.append(Step(f"μ(H | L) = {belief}", "algebra",
                          "holds" if sympy.simplify(belief - p) == 0 else "fails", label,
                          "Bayes' rule on the path: the belief is the prior"))
        region = e.region.conditions + ASSUME + (case,)
        steps.append(Step(str(sympy.And(p * ell_B >= beta * d, d >= U0(value))),
                          *_decided(region, sympy.And(p * ell_B >= beta * d, d >= U0(value)),
                                    params), f"{_name(game, e)} & {case}",
                          "necessity: every point of the PBE's region"))
        support = tuple(c.xreplace(prior) for c in e.region.conditions)
        steps.append(_step(ASSUME + (case, threshold, d > U0(value)), sympy.And(*support),
                           params, "sufficiency, with the off-path beliefs after S set to p "
                           "(payoff-irrelevant)", shown=f"the region of {_name(game, e)}"))
    return _certificate("c1 (1) pooling" + _suffix(lam), "pooling leverage iff p·ℓ_B > β·d "
                        "and d > U0", steps, given, regions, lam)


# ------------------------------------------------------------------------------ (3) no demand

def _no_demand(game, e) -> bool:
    k = kind(game, e)
    return "L" not in (k["H"], k["W"]) and k["B|L"] == "refuse"


def no_demand_claim(belief_bound=None, game=None, lam: int = 0) -> Certificate:
    """Every no-demand PBE needs ``mu(H|L)*ell_B <= beta*d`` (``belief_bound``), and for every
    generic parameter value such a belief supports one."""
    _TRAIL.clear()
    given = game
    game, pbes = resolve_pbes(game, lam)
    params = _parameters(game)
    prior, mu_L = _off_path_prior(game), _belief(game, "B|L")
    bound = mu_L * ell_B <= beta * d if belief_bound is None else belief_bound
    steps, regions = [], []
    for e in (e for e in pbes if _no_demand(game, e)):
        regions.append(_region(game, e))
        steps.append(Step(str(bound), *_decided(e.region.conditions + ASSUME, bound, params),
                          _name(game, e), "necessity: L is off the path and B refuses it"))
    for label, case, answer, value in CASES_BY_LAM[lam]:
        outside = [("S", value > 0), ("N", value < 0)] if answer == "accept" else [("N", None)]
        for action, sign in outside:
            e = _family(game, pbes, H=action, W=action, B_L="refuse", B_S=answer, case=label)
            hyp = ASSUME + (case, mu_L * ell_B < beta * d) + ((sign,) if sign is not None else ())
            if e is None:
                steps.append(Step(f"a no-demand PBE with both types {action}", "solver",
                                  "fails", _text(_hypotheses(hyp))))
                continue
            support = tuple(c.xreplace(prior) for c in e.region.conditions)
            steps.append(_step(hyp, sympy.And(*support), params,
                               "sufficiency (off-path beliefs after S, if any, set to p)",
                               shown=f"the region of {_name(game, e)}"))
    return _certificate("c1 (3) no demand" + _suffix(lam), "the no-demand PBE exists iff "
                        "μ(H | L)·ℓ_B ≤ β·d", steps, given, regions, lam)


# ------------------------------------------------------------------------------ (2) no leverage

def no_leverage_pure(hypothesis=None, generic=(K_W > 0,), game=None, lam: int = 0
                     ) -> Certificate:
    """Engine check over the solver's pure PBE: none with L on the path meets ``hypothesis``."""
    hypothesis = p * ell_B < beta * d if hypothesis is None else hypothesis
    given = game
    game, pbes = resolve_pbes(game, lam)
    params = _parameters(game)
    steps, regions = [], []
    for e in pbes:
        k = kind(game, e)
        if "L" not in (k["H"], k["W"]):
            continue
        regions.append(_region(game, e))
        for label, case, answer, value in CASES_BY_LAM[lam]:
            conditions = (e.region.conditions + ASSUME + tuple(generic)
                          + (case, sympy.Or(d > U0(value), d < U0(value)), hypothesis))
            result, point, method = implies(conditions, sympy.false, params)
            steps.append(Step("false", method, result,
                              f"{_name(game, e)} & " + _text((case, hypothesis) + tuple(generic))
                              + f" & d ≠ {U0(value)}",
                              "the PBE's region meets the hypotheses nowhere"))
            if result == "fails":
                def confirm(g, es, values):
                    hits = [x for x in es if "L" in (kind(g, x)["H"], kind(g, x)["W"])]
                    return bool(hits), "a PBE with L on the path " + _kinds_text(g, hits[:1])
                return _refuted("c1 (2) pure" + _suffix(lam), f"{hypothesis} ⟹ L off the path "
                                "(pure PBE)", steps, point, confirm, game=given, lam=lam)
    return Certificate("c1 (2) pure" + _suffix(lam), f"{hypothesis} ⟹ L off the path in every "
                       "pure PBE", _status(steps), tuple(steps), regions=tuple(regions))


TYPES = (("H", "resolved"), ("W", "weak"))


def _leaf(game, path) -> tuple:
    """Payoffs at the end of ``path`` (through V's node, if the game keeps it at lam = 0)."""
    from gametheory.errors import GameShapeError
    try:
        return leaf_payoffs(game, path)
    except GameShapeError:
        return leaf_payoffs(game, tuple(path) + ("approve",))


def _accepted(game, branch: str, conditions) -> tuple | None:
    """The payoffs after ``branch > S > accept``: the deal, or, where V votes (lam = 1), the
    leaf of V's strict choice under ``conditions`` (None if it is not strict)."""
    from gametheory.errors import GameShapeError
    try:
        return leaf_payoffs(game, (branch, "S", "accept"))
    except GameShapeError:
        approve = leaf_payoffs(game, (branch, "S", "accept", "approve"))
        veto = leaf_payoffs(game, (branch, "S", "accept", "veto"))
        approves = _pure(game, approve[2], veto[2], conditions)
        return None if approves is None else (approve if approves else veto)


def _pure(game, better, worse, conditions) -> bool | None:
    """Whether ``better`` beats ``worse`` (True), the reverse (False), or neither, decided."""
    params = tuple(game.parameters)
    if implies(tuple(conditions), better > worse, params)[0] == "holds":
        return True
    if implies(tuple(conditions), worse > better, params)[0] == "holds":
        return False
    return None


def lever_payoffs(game=None, lam: int = 0) -> dict:
    """Payoffs read off the game at ``lam``, per type: after ``L`` (concede; the refusal under
    the type's own, strictly better, choice between carrying out and backing down) and of the
    alternatives ``N`` and ``S`` (B's answer to S, and V's vote at lam = 1, decided in each
    case of ``CASES_BY_LAM``; where B is indifferent, A's payoff must be the same either way).

    Returns
    -------
    dict
        ``{"H": {...}, "W": {...}}`` with ``concede``, ``refused`` (payoff vectors),
        ``carries_out`` (bool) and ``outside`` (``{case label: (N value, S value) for A}``).
    """
    return _lever_payoffs(game, lam)


@lru_cache(maxsize=8)
def _lever_payoffs(game, lam: int) -> dict:
    g = resolve_pbes(game, lam)[0]
    out = {}
    for t, branch in TYPES:
        carry = _leaf(g, (branch, "L", "refuse", "carry out"))
        back = _leaf(g, (branch, "L", "refuse", "back down"))
        carries = _pure(g, carry[0], back[0], ASSUME)
        if carries is None:
            return {}
        reject = _leaf(g, (branch, "S", "reject"))
        outside = {}
        for label, case, _, _ in CASES_BY_LAM[lam]:
            accept = _accepted(g, branch, ASSUME + (case,))
            if accept is None:
                return {}
            takes = _pure(g, accept[1], reject[1], ASSUME + (case,))
            if takes is None:
                if sympy.simplify(accept[0] - reject[0]) != 0:
                    return {}
                takes = False            # B indifferent, A's payoff the same
            outside[label] = (_leaf(g, (branch, "N"))[0], (accept if takes else reject)[0])
        out[t] = {"concede": _leaf(g, (branch, "L", "concede")),
                  "refused": carry if carries else back, "carries_out": carries,
                  "outside": outside}
    return out


def no_leverage_mixed(game=None, hypothesis=None, lam: int = 0) -> Certificate:
    """No assessment, mixed or pure, with L on the path meets the equilibrium conditions of the
    demand subgame, all read off the game's payoffs: B's indifference (or strict preference) at
    ``B|L`` under the belief ``mu``, Bayes' rule from the types' demand probabilities
    ``x_H, x_W``, each demanding type's weak preference for L over N and S, and each type
    that does not always demand weakly preferring N or S."""
    hypothesis = p * ell_B < beta * d if hypothesis is None else hypothesis
    q, x_H, x_W, mu = sym("q"), sym("x_H"), sym("x_W"), sym("mu")
    g = resolve_pbes(game, lam)[0]
    params = tuple(g.parameters) + tuple(Parameter(n, "[0, 1]") for n in ("q", "x_H", "x_W",
                                                                        "mu"))
    pay = lever_payoffs(game, lam)
    name = "c1 (2) mixed" + _suffix(lam)
    statement = f"{hypothesis} ⟹ no PBE (mixed included) has L on the path"
    if not pay:
        return Certificate(name, statement, "undecided", (), reason="a choice after a refusal "
                           "or B's answer to S is not strict under the hypotheses")
    H, W = pay["H"], pay["W"]
    concede_B = mu * H["concede"][1] + (1 - mu) * W["concede"][1]
    refuse_B = mu * H["refused"][1] + (1 - mu) * W["refused"][1]
    value = {t: q * pay[t]["concede"][0] + (1 - q) * pay[t]["refused"][0] for t in ("H", "W")}
    steps = [Step(f"u_{t}(L) = {value[t]}; B concedes for {pay[t]['concede'][1]}, refuses for "
                  f"{pay[t]['refused'][1]}", "solver", "holds", "", f"type {t} "
                  f"{'carries out' if pay[t]['carries_out'] else 'backs down'} after a refusal "
                  "(strictly, under the standing assumptions)") for t in ("H", "W")]
    status = "proved"
    witness_point = None
    # B's concession probability q by cases: refuse (q = 0), mix (indifferent), concede (q = 1)
    answers = (("B refuses", sympy.Integer(0), refuse_B >= concede_B),
               ("B mixes", q, sympy.Eq(refuse_B, concede_B)),
               ("B concedes", sympy.Integer(1), concede_B >= refuse_B))
    for label, case, _, _ in CASES_BY_LAM[lam]:
        for answer, q_value, best_reply in answers:
            conditions = [*ASSUME, K_W > 0, case, hypothesis, best_reply,
                          *(v >= 0 for v in (x_H, x_W, mu)), *(v <= 1 for v in (x_H, x_W, mu)),
                          sympy.Eq(mu * (p * x_H + (1 - p) * x_W), p * x_H),
                          p * x_H + (1 - p) * x_W > 0]
            if answer == "B mixes":
                conditions += [q > 0, q < 1]
            for t, x in (("H", x_H), ("W", x_W)):
                n_value, s_value = pay[t]["outside"][label]
                u = value[t].xreplace({q: q_value})
                conditions.append(sympy.Or(x <= 0, sympy.And(u >= n_value, u >= s_value)))
                conditions.append(sympy.Or(x >= 1, n_value >= u, s_value >= u))
                best = sympy.Max(n_value, s_value)           # generic: d ≠ U0
                conditions.append(sympy.Or(pay[t]["concede"][0] > best,
                                           pay[t]["concede"][0] < best))
            result, witness, method = formula_implies(conditions, sympy.false, params)
            steps.append(Step("no assessment with L on the path", method, result,
                              f"{label} & {answer} & {hypothesis} & K_W > 0 & d ≠ U0",
                              "B's best reply at B|L under μ, Bayes' rule, the types' "
                              "demand conditions"))
            if result == "fails":
                status = "refuted"
                witness_point = {k.name: Fraction(v) for k, v in witness.items()}
                witness_point.setdefault("q", Fraction(q_value) if q_value != q
                                         else witness_point.get("q", Fraction(1, 2)))
                break
            if result == "undecided":
                status = "undecided"
        if witness_point is not None:
            break
    if witness_point is not None:
        ok, text = _confirm_assessment(g, witness_point)
        point = {"lam": Fraction(lam), **{q.name: witness_point[q.name] for q in g.parameters}}
        return Certificate(name, statement, status if ok else "undecided", tuple(steps), MODEL,
                           counterexample=(point,), confirmation=text,
                           reason="" if ok else "counterexample not confirmed numerically")
    return Certificate(name, statement, status, tuple(steps), MODEL)


def _strict_value(game, v: int) -> tuple:
    """The payoffs of the subtree at ``v`` of a numeric game when each mover below takes the
    action best for itself (first on ties): B's answer to S and V's vote, whose payoffs do not
    depend on A's type."""
    tree = game.tree
    if tree.num_children[v] == 0:
        return tuple(tree.exact_payoff(v, i) for i in range(game.n_players))
    mover = game.infosets[int(tree.infoset[v])].player
    first = int(tree.first_child[v])
    values = [_strict_value(game, first + a) for a in range(int(tree.num_children[v]))]
    best = max(u[mover] for u in values)
    return next(u for u in values if u[mover] == best)


def _confirm_assessment(game, values) -> tuple[bool, str]:
    """Re-check a counterexample assessment on the numeric game: the types demand with
    probabilities ``x_H, x_W`` (else their better alternative), B concedes with ``q``, every
    other move is the strictly better one; beliefs by Bayes' rule (``p`` where off the path).
    :func:`gametheory.solvers.pbe.check_assessment` decides whether it is a weak PBE."""
    from gametheory.solvers.pbe import bayes_beliefs, check_assessment
    numeric = game.substitute({q.name: values[q.name] for q in game.parameters})
    chance = {"AH": "resolved", "AW": "weak"}
    moves = {"AH": values["x_H"], "AW": values["x_W"]}
    behavior = []
    for sets in numeric.player_infosets:
        row = []
        for k in sets:
            infoset = numeric.infosets[k]
            label, actions = infoset.label, infoset.actions
            if label in moves:
                branch = chance[label]
                s_value = _strict_value(numeric, node_at(numeric, (branch, "S")))[0]
                rest = "N" if _leaf(numeric, (branch, "N"))[0] >= s_value else "S"
                x = Fraction(moves[label])
                row.append(tuple(x if a == "L" else (1 - x if a == rest else 0) for a in actions))
            elif label == "B|L":
                row.append((Fraction(values["q"]), 1 - Fraction(values["q"])))
            else:       # a strict choice: the action whose subtree is better for the mover
                node = int(numeric.infoset_members(k)[0])
                first = int(numeric.tree.first_child[node])
                pays = [_strict_value(numeric, first + a)[infoset.player]
                        for a in range(len(actions))]
                best = max(range(len(actions)), key=lambda a: pays[a])
                row.append(tuple(Fraction(int(a == best)) for a in range(len(actions))))
        behavior.append(tuple(row))
    beliefs = bayes_beliefs(numeric, behavior)
    prior = Fraction(values["p"])
    beliefs = tuple(tuple(mu if mu is not None else
                          ((prior, 1 - prior) if len(numeric.infoset_members(k)) == 2
                           else (Fraction(1),) * len(numeric.infoset_members(k)))
                          for mu, k in zip(row, sets))
                    for row, sets in zip(beliefs, numeric.player_infosets))
    ok = check_assessment(numeric, tuple(behavior), beliefs)
    shown = f"q = {values['q']}, x_H = {values['x_H']}, x_W = {values['x_W']}"
    return ok, (f"check_assessment on the numeric game: the assessment ({shown}) with L on the "
                f"path is {'a weak PBE; the claim fails there' if ok else 'not a weak PBE'}")



# ------------------------------------------------------------------------------ (4) refinements

def refinement_claim(game=None, lam: int = 0) -> Certificate:
    """The no-demand PBE in the coexistence region survives the Intuitive Criterion and D1
    (the types' values of L as functions of B's concession probability ``q``, read off the
    game)."""
    q, O = sym("q"), sym("O")
    g = resolve_pbes(game, lam)[0]
    params = tuple(g.parameters) + (Parameter("q", "[0, 1]"), Parameter("O", ">= 0"))
    pay = lever_payoffs(game, lam)
    _TRAIL.clear()
    if not pay:
        return Certificate("c1 (4) refinements" + _suffix(lam), "", "undecided", (),
                           reason="a choice after a refusal is not strict")
    H, W = pay["H"], pay["W"]
    hyp = ASSUME + (p * ell_B > beta * d, d > O)
    u_H = q * H["concede"][0] + (1 - q) * H["refused"][0]
    u_W = q * W["concede"][0] + (1 - q) * W["refused"][0]
    steps = [
        Step(f"u_H(L) = {u_H}, u_W(L) = {u_W}; both types' equilibrium payoff is O = U0 ≥ 0",
             "solver", "holds", "", "continuation values read off the game"),
        _step(hyp, sympy.And(H["concede"][1] > H["refused"][1],
                             W["refused"][1] > W["concede"][1]), params,
              "concede is B's best reply to μ = 1, refuse to μ = 0: both answers are best "
              "replies to some belief"),
        _step(hyp, sympy.And(H["concede"][0] > O, W["concede"][0] > O), params,
              "Intuitive Criterion: no type is equilibrium-dominated at L (concession beats O)"),
        _step(hyp, sympy.And(H["refused"][0] < O, W["refused"][0] <= O), params,
              "and no type gains from L under every best reply (refusal): the no-demand PBE "
              "survives"),
        _step(hyp + (q >= 0, q <= 1, u_H >= O), u_W > O, params,
              "D1: whenever H weakly gains from L, W strictly gains, so H is deleted"),
        _step(hyp + (q >= 0, q <= 1, sympy.Eq(u_W, O)), u_H < O, params,
              "W is not deleted: where W is indifferent H loses"),
        _step(hyp, W["refused"][1] > W["concede"][1], params, "D1's belief μ(H | L) = 0 (all "
              "weight on the bluffer W) supports the no-demand PBE (3): it survives D1"),
    ]
    if game is None:
        steps.append(_refinements_at_a_point(lam))
    return _certificate("c1 (4) refinements" + _suffix(lam), "the no-demand PBE survives the "
                        "Intuitive Criterion and D1 (weight on W)", steps, game, lam=lam)


#: An exact point of the coexistence region (p*ell_B = 3/2 > beta*d = 1, d = 2 > U0 = 1/2; V
#: approves the payment at lam = 1, h*s = 1 < v_S = 2).
POINT = {"c": sympy.Rational(1, 4), "sigma": sympy.Rational(1, 4), "R": 1, "s": 1,
         "gamma": sympy.Rational(1, 2), "h": 1, "v_S": 2, "d": 2, "beta": sympy.Rational(1, 2),
         "ell_A": 2, "ell_B": 3, "f": 1, "eta": 1, "v_L": 1, "p": sympy.Rational(1, 2),
         "K_H": 3, "K_W": 1}


def _refinements_at_a_point(lam: int = 0) -> Step:
    from gametheory.solvers.pbe import perfect_bayesian
    from gametheory.solvers.refinements import d1, intuitive_criterion
    game = resolve_pbes(None, lam)[0].substitute({k: Fraction(str(v)) for k, v in POINT.items()})
    pbes = perfect_bayesian(game)
    mu_L = _belief(game, "B|L")
    ok = False
    for e in (e for e in pbes if _no_demand(game, e)):
        verdict = d1(game, e)
        ok = (intuitive_criterion(game, e).survives and verdict.survives
              and verdict.region.implies(sympy.Eq(mu_L, 0)).status == "true")
    where = ", ".join(f"{k} = {v}" for k, v in POINT.items())
    return Step("intuitive_criterion and d1 pass; D1's beliefs are μ(H | L) = 0", "solver",
                "holds" if ok else "fails", where, "gametheory.solvers.refinements on the "
                "numeric game")


# ------------------------------------------------------------------------------ refutations

def _refuted(name, statement, steps, point, confirm: Callable, beliefs=(), game=None,
             lam: int = 0) -> Certificate:
    """A counterexample from the engine, re-solved numerically by ``perfect_bayesian``.

    ``confirm(numeric_game, pbes, values)`` returns (whether the numeric PBE contradict the
    claim, what was found)."""
    from gametheory.solvers.pbe import perfect_bayesian
    game = resolve_pbes(game, lam)[0]
    values = {k.name: Fraction(v) for k, v in point.items()}
    at = {q.name: values.get(q.name, Fraction(1)) for q in game.parameters}
    numeric = game.substitute(at)
    confirmed, found = confirm(numeric, perfect_bayesian(numeric), values)
    shown = {"lam": Fraction(lam), **at, **{k: values[k] for k in beliefs}}
    text = (f"perfect_bayesian on the numeric game finds {found}; the claim fails there"
            if confirmed else f"perfect_bayesian on the numeric game finds {found}, which does "
            f"not contradict the claim (a boundary point)")
    return Certificate(name, statement, "refuted" if confirmed else "undecided", tuple(steps),
                       MODEL, counterexample=(shown,), confirmation=text,
                       reason="" if confirmed else "counterexample not confirmed numerically")


def _kinds_text(game, pbes) -> str:
    return "; ".join("(" + ", ".join(f"{a}: {b}" for a, b in kind(game, e).items()) + ")"
                     for e in pbes) or "no PBE"


def _wrong_pooling() -> Certificate:
    """Pooling under ℓ_B > β·d (the belief threshold without the prior)."""
    game, pbes = resolve_pbes()
    threshold = ell_B > beta * d
    prior = _off_path_prior(game)
    steps = []
    for label, case, answer, value in CASES:
        e = _family(game, pbes, H="L", W="L", B_L="concede", B_S=answer)
        support = sympy.And(*(c.xreplace(prior) for c in e.region.conditions))
        hyp = ASSUME + (case, threshold, d > U0(value))
        result, point, method = implies(hyp, support, _parameters(game))
        steps.append(Step("the pooling PBE's region", method, result,
                          _text(_hypotheses(hyp)), "sufficiency"))
        if result == "fails":
            def confirm(g, es, values):
                pooling = [x for x in es if kind(g, x)["H"] == kind(g, x)["W"] == "L"]
                return not pooling, f"the PBE {_kinds_text(g, es)}, none pooling on L"
            return _refuted("c1 (1) wrong threshold", "ℓ_B > β·d and d > U0 ⟹ pooling PBE",
                            steps, point, confirm)
    return Certificate("c1 (1) wrong threshold", "ℓ_B > β·d and d > U0 ⟹ pooling PBE",
                       _status(steps), tuple(steps))


def _flipped_belief() -> Certificate:
    """No-demand PBE supported by μ(H | L) ≥ β·d/ℓ_B (the inequality flipped)."""
    game, pbes = resolve_pbes()
    mu_L = _belief(game, "B|L")
    flipped = mu_L * ell_B >= beta * d
    steps = []
    for e in (e for e in pbes if _no_demand(game, e)):
        result, point, method = implies(e.region.conditions + ASSUME, flipped,
                                         _parameters(game))
        steps.append(Step(str(flipped), method, result, "a no-demand PBE's region"))
        if result == "fails":
            def confirm(g, es, values):
                mu = values[mu_L.name]
                low = mu * values["ell_B"] < values["beta"] * values["d"]
                hits = [x for x in es if _no_demand(g, x) and x.region.contains(
                    {**{n: Fraction(1, 2) for n in x.region.symbols()}, mu_L.name: mu})]
                return bool(low and hits), (f"a no-demand PBE supported by μ(H | L) = {mu} "
                                            f"< β·d/ℓ_B" if low and hits else
                                            _kinds_text(g, es))
            return _refuted("c1 (3) flipped", "no-demand PBE ⟹ μ(H | L)·ℓ_B ≥ β·d", steps,
                            point, confirm, beliefs=(mu_L.name,))
    return Certificate("c1 (3) flipped", "no-demand PBE ⟹ μ(H | L)·ℓ_B ≥ β·d",
                       _status(steps), tuple(steps))


def false_variants() -> dict:
    return {
        "pooling under ℓ_B > β·d (wrong belief threshold)": _wrong_pooling,
        "no-demand supported by μ(H|L) ≥ β·d/ℓ_B (flipped)": _flipped_belief,
        "no L on the path with K_W = 0 allowed (not generic)":
            lambda: no_leverage_pure(generic=(K_W >= 0,)),
        "no L on the path when p·ℓ_B > β·d (flipped)":
            lambda: no_leverage_pure(p * ell_B > beta * d),
        "no L on the path, mixed, when p·ℓ_B > β·d (flipped)":
            lambda: no_leverage_mixed(None, p * ell_B > beta * d),
    }


ACTIONS = ("resolved", "weak", "N", "S", "accept", "reject", "L", "concede", "refuse",
           "carry out", "back down")


def prove_split(lam: int, game=None) -> list[Certificate]:
    """The claims (1)-(4) at one value of ``lam`` (``game`` already shape-checked)."""
    return [pooling_claim(game=game, lam=lam), no_leverage_pure(game=game, lam=lam),
            no_leverage_mixed(game, lam=lam), no_demand_claim(game=game, lam=lam),
            refinement_claim(game, lam)]


#: The independent halves of the proof (one per value of lam): ``gametheory prove`` runs them
#: in separate worker processes and :func:`assemble` joins them.
SPLIT = LAMS


def assemble(parts, game=None) -> Certificate:
    """The proposition's certificate from the parts of every half, in order."""
    numeric = resolve_pbes(game)[0]
    beliefs = (f"; off-path beliefs {_belief(numeric, 'B|L')} = μ(H | L) and "
               f"{_belief(numeric, 'B|S')} = μ(H | S) (at lam = 0)")
    return combine(NAME, STATEMENT, list(parts),
                   model_label(game, "linkage-resolve") + ": " + MODEL + beliefs)


def prove(game=None) -> Certificate:
    """c1 on the built-in model (``game`` None) or on a game of its shape, at lam = 0 and 1."""
    given = shaped(game, "linkage-resolve", actions=ACTIONS)
    return assemble([part for lam in SPLIT for part in prove_split(lam, given)], given)
