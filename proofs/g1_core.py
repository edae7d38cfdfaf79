"""Theorem G1 (the core linkage game, ``linkage-research.md`` section 3.1), checked on the solved
game.

The statement under test is the specification's: the SPE outcome is S, L or N exactly where its
closed-form condition holds, and moving the legislature in (lambda from 0 to 1) switches S->L,
N->L and S->N exactly where the three switch conditions hold.  The evidence is the game's own
solution: ``linkage`` (or a game of its shape) is solved by the generic parametric SPE
(backward induction over regions, Kuhn 1953; Selten 1965) at lambda = 0 and lambda = 1, and
every piece of the solution must imply its outcome's condition (and every pair of pieces, one
per lambda, its switch condition), decided exactly.  The pieces are also shown to cover the
parameter space (their closures), so "iff" holds for all generic admissible parameters.

Uniqueness.  The specification says that f > 0 makes the SPE unique.  Solving the game shows
that this is false: where lambda = 1 and h s > v_S (V vetoes the side payment), B is indifferent
between accepting the side payment and rejecting it -- either way A pays f and B gets 0 -- so
there are two SPE (at the E6 calibration, for one).  What is true, and what this module proves,
is the corrected statement :data:`CORRECTED`: with f > 0 and kappa0 > 0 the SPE *outcome* (path
and payoffs) is unique for generic parameters, and the SPE strategy profile is unique except
where lambda = 1 and h s > v_S, where B's off-path choice after S is free.

References
----------
C. L. Davis (2008/09), Linkage diplomacy, *International Security* 33(3).
H. W. Kuhn (1953), Extensive games and the problem of information.
R. Selten (1965), Spieltheoretische Behandlung eines Oligopolmodells mit Nachfragetraegheit.
"""

from __future__ import annotations

import itertools
from typing import Any

import sympy

from gametheory.proofs.certificate import Certificate, Step, param_options
from gametheory.proofs.common import shaped
from gametheory.proofs.claims import (World, equilibria_text, implies, model_world,
                                      numeric_outcomes, path_text, prove as prove_pieces,
                                      spe_pieces, world)
from gametheory.symbolic.decide import covered, negate, satisfiable

__all__ = ["NAME", "STATEMENT", "CORRECTED", "SPEC_UNIQUENESS", "prove", "false_variants",
           "outcome_conditions", "switch_conditions", "worlds", "outcome_claim", "coverage",
           "switch_claim", "uniqueness"]

NAME = "G1"
SPEC_UNIQUENESS = "f > 0 makes the SPE unique (linkage-research.md 3.1, parameter f)"
CORRECTED = ("with f > 0 and κ0 > 0 the SPE outcome (path and payoffs) is unique for generic "
             "parameters; the SPE itself is unique except where λ = 1 and h·s > v_S, where B "
             "may accept or reject the side payment V will veto (two SPE, same outcome)")
STATEMENT = ("Theorem G1: for generic parameters the SPE outcome is S iff F_S, R − (σ+c)s > "
             "d·1[Lsucc] and R − (σ+c)s > 0; L iff Lsucc and d > max(0, U_A(S)); N otherwise. "
             "As λ goes from 0 to 1: S→L iff ℓ_A < κ0 + κ, β·d < ℓ_B and (h·s > v_S or "
             "d > R − (σ+c)s); N→L iff κ0 ≤ ℓ_A < κ0 + κ and β·d < ℓ_B; S→N iff h·s > v_S and "
             "Lsucc fails at λ = 1. Uniqueness, corrected: " + CORRECTED + ".")


def _sym(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)


(R, s, gamma, sigma, c, h, v_S, d, beta, ell_A, ell_B, kappa0, kappa, f) = (
    _sym(n) for n in ("R", "s", "gamma", "sigma", "c", "h", "v_S", "d", "beta", "ell_A",
                      "ell_B", "kappa0", "kappa", "f"))
HYPOTHESES = (f > 0, kappa0 > 0)


def outcome_conditions(lam: int) -> dict[str, sympy.Basic]:
    """The specification's conditions for the outcomes S, L and N at ``lam`` (section 3.1),
    the statement under test, for generic parameters (so "not x < y" is written "x > y"),
    with the indicator and the ``max`` expanded into cases:

    * S: F_S and U_S > 0 and (U_S > d or not Lsucc), since U_S > d*1[Lsucc];
    * L: Lsucc and d > 0 and (d > U_S if F_S, d > -f otherwise), since d > max(0, U_A(S));
    * N: neither.

    Examples
    --------
    >>> outcome_conditions(0)["S"]
    (s > gamma) & (R - s*(c + sigma) > 0) & ((ell_A > kappa0) | (beta*d > ell_B) | (R - s*(c + sigma) > d))
    """
    u_s = R - (sigma + c) * s
    back_down = kappa0 + lam * kappa
    feasible = [s > gamma] + ([] if lam == 0 else [h * s < v_S])
    infeasible = [s < gamma] + ([] if lam == 0 else [h * s > v_S])
    lsucc = [ell_A < back_down, beta * d < ell_B]
    fails = [ell_A > back_down, beta * d > ell_B]
    cond_s = sympy.And(*feasible, u_s > 0, sympy.Or(u_s > d, *fails))
    cond_l = sympy.And(*lsucc, d > 0, sympy.Or(sympy.And(*feasible, d > u_s),
                                                *[sympy.And(x, d > -f) for x in infeasible]))
    return {"S": cond_s, "L": cond_l, "N": sympy.And(sympy.Not(cond_s), sympy.Not(cond_l))}


def switch_conditions() -> dict[tuple[str, str], sympy.Basic]:
    """The three switch conditions of section 3.1 (``O(0) -> O(1)``)."""
    lsucc_1 = sympy.And(ell_A < kappa0 + kappa, beta * d < ell_B)
    return {("S", "L"): sympy.And(ell_A < kappa0 + kappa, beta * d < ell_B,
                                  sympy.Or(h * s > v_S, d > R - (sigma + c) * s)),
            ("N", "L"): sympy.And(kappa0 <= ell_A, ell_A < kappa0 + kappa, beta * d < ell_B),
            ("S", "N"): sympy.And(h * s > v_S, sympy.Not(lsucc_1))}


# --------------------------------------------------------------------------------- worlds

def worlds(game=None) -> dict[int, World]:
    """G1 (or ``game``) solved at lam = 0 and lam = 1, as worlds (each solved once per
    process)."""
    if game is None:
        return {v: model_world("linkage", f"G1[lam={v}]", lam=v) for v in (0, 1)}
    return {v: world(game.substitute({"lam": v}), f"G1[lam={v}]", fixed={"lam": v},
                     fixed_parameters=game.parameters, source="GAME") for v in (0, 1)}


def _first(view) -> str:
    return view.path[0] if view.path else ""


def outcome_claim(w: World, lam: int) -> Certificate:
    """Every piece of the solution at ``lam`` implies its outcome's condition (the conditions
    are the statement; the pieces are the solved game).  With the conditions mutually
    exclusive (N is "neither S nor L"; S and L are disjoint, a lemma decided here) and the
    pieces covering the domain (:func:`coverage`), this is the theorem's "iff"."""
    conditions = outcome_conditions(lam)

    def obligation(v):
        mine = _first(v)
        return conditions.get(mine, sympy.false)   # an outcome the theorem does not know
    cert = prove_pieces(f"G1 outcomes [lam = {lam}]",
                        f"at λ = {lam} every SPE piece with outcome S, L or N lies where the "
                        f"specification's condition for it holds", (w,), obligation)
    result, _, method = implies((conditions["S"],), sympy.Not(conditions["L"]), w.parameters)
    lemma = Step("the conditions for S and for L are disjoint", method, result,
                 "the specification's conditions")
    status = cert.status if result == "holds" else "undecided" if cert.status == "proved" \
        else cert.status
    return Certificate(cert.name, cert.statement, status, cert.steps + (lemma,), cert.model,
                       cert.regions, cert.counterexample, cert.confirmation, cert.reason,
                       target=cert.target)


def coverage(w: World, lam: int) -> Certificate:
    """The closures of the pieces cover the domain: the 'iff' holds at every generic point."""
    closures = [[_closed(c) for c in v.conditions] for v in w.pieces]
    fixed = [sympy.Eq(_sym(k), value) for k, value in w.fixed.items()]
    decision = covered(fixed, closures, w.parameters)
    result = {"true": "holds", "false": "fails"}.get(decision.status, "undecided")
    step = Step("the closures of the solution's pieces cover the parameter domain",
                decision.method, result, f"λ = {lam}")
    status = {"holds": "proved", "fails": "refuted"}.get(result, "undecided")
    return Certificate(f"G1 coverage [lam = {lam}]",
                       f"every generic parameter point at λ = {lam} lies in a piece", status,
                       (step,), reason="" if status == "proved" else
                       "some open set of parameters has no SPE piece: the solution is incomplete")


def _closed(relation):
    op = getattr(relation, "rel_op", None)
    if op == "<":
        return relation.lhs <= relation.rhs
    if op == ">":
        return relation.lhs >= relation.rhs
    return relation


def switch_claim(solved: dict[int, World], before: str, after: str) -> Certificate:
    """``O(0) = before`` and ``O(1) = after`` exactly where the switch condition holds."""
    condition = switch_conditions()[(before, after)]

    def obligation(a, b):
        if _first(a) != before:
            return True
        return condition if _first(b) == after else sympy.Not(condition)
    return prove_pieces(f"G1 switch {before}→{after}",
                        f"with O(0) = {before}, O(1) = {after} iff {condition}",
                        (solved[0], solved[1].without("lam")), obligation)


# --------------------------------------------------------------------------------- uniqueness

def _differences(game, first, second) -> list[str]:
    """The information sets where two SPE profiles differ, as 'B at accept/reject'."""
    out = []
    for player, (a, b) in enumerate(zip(first, second)):
        for k, (x, y) in zip(game.player_infosets[player], zip(a, b)):
            if tuple(x) != tuple(y):
                out.append(f"{game.players[player]} at {'/'.join(game.infosets[k].actions)}")
    return out


def uniqueness(solved: dict[int, World], point: dict | None = None
               ) -> tuple[Certificate, Certificate]:
    """The specification's uniqueness claim (refuted when two SPE exist on an open set) and
    the corrected statement (proved): outcome unique; several SPE only where lambda = 1 and
    h s > v_S.  ``point`` (the model's E6 calibration) is preferred as the counterexample when
    it lies where two SPE exist."""
    steps, overlaps, counterexample, target = [], [], None, ""
    outcome_unique = True
    for lam, w in solved.items():
        pieces = spe_pieces(w.game)
        for (i, p), (j, q) in itertools.combinations(enumerate(pieces, 1), 2):
            if p.profile == q.profile:
                continue
            both = tuple(p.region.conditions) + tuple(q.region.conditions) + HYPOTHESES
            decision = satisfiable(both, w.parameters, interior=True)
            if decision.status == "false":
                continue
            where = f"{w.label}#{i} ({path_text(p.path)}) & #{j} ({path_text(q.path)})"
            same = p.path == q.path and all(sympy.expand(sympy.sympify(x) - sympy.sympify(y))
                                            == 0 for x, y in zip(p.payoffs, q.payoffs))
            outcome_unique &= same
            differ = ", ".join(_differences(w.game, p.profile, q.profile))
            steps.append(Step(f"two SPE overlap (they differ at {differ}); same outcome: "
                              f"{'yes' if same else 'no'}", decision.method,
                              "holds" if decision.status == "true" else "undecided", where))
            overlaps.append((lam, w, p, q, decision))
    # the specification's claim
    if overlaps:
        lam, w, p, q, decision = overlaps[0]
        chosen = None
        if point is not None:
            for lam_o, w_o, p_o, q_o, _ in overlaps:
                values = {k: v for k, v in point.items() if k != "lam"}
                if point.get("lam") == lam_o and p_o.region.contains(values) and \
                        q_o.region.contains(values):
                    chosen, w = dict(point), w_o
                    break
        if chosen is None and decision.witness is not None:
            chosen = w.full_point({x.name: v for x, v in decision.witness.items()})
        if chosen is not None:
            found = numeric_outcomes(w.game, w.point(chosen))
            counterexample, target = chosen, w.source
            steps.append(Step(f"the numeric solver finds {len(found)} SPE at "
                              f"{param_options(chosen)}: {equilibria_text(found)}", "solver",
                              "holds" if len(found) > 1 else "fails"))
    spec = Certificate("G1 uniqueness (specification)", SPEC_UNIQUENESS,
                       "refuted" if overlaps else "proved", tuple(steps),
                       counterexample=(counterexample,) if counterexample else None,
                       confirmation="two SPE at this point" if counterexample else "",
                       target=target,
                       reason=(f"the specification is wrong here; corrected: {CORRECTED}"
                               if overlaps else ""))
    # the corrected statement: the outcome is unique, and the overlaps lie where lam = 1 and
    # h s > v_S, which they cover
    veto = (h * s > v_S,)
    parts_steps = [Step("every two overlapping SPE have the same path and payoffs", "algebra",
                        "holds" if outcome_unique else "fails")]
    inside = all(lam == 1 and satisfiable(tuple(p.region.conditions) + tuple(q.region.conditions)
                                          + HYPOTHESES + (negate(veto[0]),), w.parameters,
                                          interior=True).status == "false"
                 for lam, w, p, q, _ in overlaps)
    parts_steps.append(Step("two SPE only where λ = 1 and h·s > v_S", "linear+z3",
                            "holds" if inside else "fails"))
    w1 = solved[1]
    spread = covered(veto + HYPOTHESES,
                     [[_closed(c) for c in tuple(p.region.conditions) + tuple(q.region.conditions)]
                      for lam, w, p, q, _ in overlaps if lam == 1], w1.parameters) \
        if overlaps else None
    spread_result = "holds" if spread is not None and spread.status == "true" else "fails"
    parts_steps.append(Step("where λ = 1 and h·s > v_S there are two SPE (the overlaps cover it)",
                            spread.method if spread is not None else "trivial", spread_result))
    ok = outcome_unique and inside and spread_result == "holds"
    corrected = Certificate("G1 uniqueness (corrected)", CORRECTED,
                            "proved" if ok else "refuted", tuple(parts_steps),
                            counterexample=(counterexample,) if counterexample and not ok
                            else None, target=target)
    return spec, corrected


# --------------------------------------------------------------------------------- the theorem

def prove(game=None) -> Certificate:
    """Theorem G1 on the built-in ``linkage`` model (``game`` None) or on a game of its shape.

    Returns
    -------
    Certificate
        Proved when the solved game matches the outcome conditions, the switch conditions and
        the corrected uniqueness statement; the specification's own uniqueness claim is a part
        that is refuted (with the counterexample), which does not refute the theorem.

    Examples
    --------
    >>> cert = prove()
    >>> cert.status, [p.status for p in cert.parts if "uniqueness" in p.name]
    ('proved', ['refuted', 'proved'])
    """
    from gametheory.models import MODELS
    shaped(game, "linkage", actions=("N", "S", "L"))
    solved = worlds(game)
    parts = [outcome_claim(solved[v], v) for v in (0, 1)]
    parts += [coverage(solved[v], v) for v in (0, 1)]
    parts += [switch_claim(solved, a, b) for a, b in switch_conditions()]
    spec, corrected = uniqueness(solved, dict(MODELS["linkage"].defaults) if game is None
                                 else None)
    parts += [spec, corrected]
    theorem = [p for p in parts if p is not spec]
    failed = next((p for p in theorem if p.status == "refuted"), None)
    undecided = [p.name for p in theorem if p.status == "undecided"]
    status = "refuted" if failed is not None else "undecided" if undecided else "proved"
    note = (f"part '{failed.name}' is refuted" if failed is not None else
            f"undecided parts: {', '.join(undecided)}" if undecided else
            f"the specification's uniqueness claim ({SPEC_UNIQUENESS}) is false; "
            f"counterexample and corrected statement below")
    return Certificate(NAME, STATEMENT, status, (), "G1 (linkage) solved at λ = 0 and λ = 1",
                       counterexample=None if failed is None else failed.counterexample,
                       confirmation="" if failed is None else failed.confirmation,
                       reason=note, parts=tuple(parts),
                       target="" if failed is None else failed.target)


def false_variants() -> dict[str, Any]:
    """Wrong versions of the theorem, each expected to be refuted."""
    def wrong_switch():
        solved = worlds()
        return prove_pieces("G1 flipped", "S→N iff h·s > v_S", (solved[0],
                            solved[1].without("lam")),
                            lambda a, b: True if _first(a) != "S" else
                            (h * s > v_S) if _first(b) == "N" else sympy.Not(h * s > v_S))
    return {"S→N iff h·s > v_S (Lsucc dropped)": wrong_switch}
