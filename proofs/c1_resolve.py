"""c1 (private information about A's resolve): the pooling-leverage PBE, the no-demand PBE and
their belief conditions, the impossibility of leverage when ``p*ell_B < beta*d``, and the
refinements (Intuitive Criterion, D1) of the no-demand PBE.

Model: ``linkage-resolve`` with lam = 0 (no veto player on the side payment).  Nature draws A's
type, resolved ``H`` (prior ``p``, back-down cost ``K_H``) or weak ``W`` (``K_W``), with
``K_H > ell_A > K_W`` and ``0 < p < 1``; B sees A's move, not its type.  ``U0 = max(0, U_A(S))``
with ``U_A(S) = R - (sigma + c)s`` if ``s > gamma`` (B accepts) and ``-f`` if ``s < gamma``.
Generic: ``s != gamma``, ``d != U0``, ``U_A(S) != 0`` and ``K_W > 0`` (the research note allows
``K_W = 0``; then the weak type is indifferent between a demand it abandons and N, and a PBE with
L on the path appears -- one of the false variants below).

Proof.  The weak PBE of the symbolic game over pure profiles are computed once by
:func:`gametheory.solvers.pbe.perfect_bayesian`, each with the exact region of parameters and
off-path beliefs supporting it; every implication between those regions and the statement's
conditions is decided by the region engine (Fourier-Motzkin or z3).  The claim about mixed
profiles (2) is proved by an exact argument (type W gains more than type H from L whenever B
may refuse, so W demands whenever H does and B's belief after L is at most p); its inequalities
are engine-decided and its case structure is algebra, as each step says.  The refinements (4)
are shown symbolically with the definitions of :mod:`gametheory.solvers.refinements` and
re-checked by those (numeric) functions at an exact point.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from typing import Callable

import sympy

from gametheory.parameters import Parameter
from gametheory.proofs.certificate import Certificate, Step
from gametheory.proofs.claims import implies
from gametheory.proofs.common import U_S, beta, combine, d, ell_A, ell_B, s, sym

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "resolve_pbes", "kind"]

NAME = "c1"
STATEMENT = ("Private resolve (λ = 0; K_H > ℓ_A > K_W, 0 < p < 1; generic: s ≠ γ, d ≠ U0, "
             "U_A(S) ≠ 0, K_W > 0; U0 = max(0, U_A(S))): (1) a pooling PBE in which both types "
             "demand (L), B concedes with belief μ = p and the threat is never executed exists "
             "iff p·ℓ_B > β·d and d > U0; (2) if p·ℓ_B < β·d no PBE, mixed ones included, has L "
             "on the path; (3) a no-demand PBE exists for all parameters, supported exactly by "
             "off-path beliefs μ(H | L) ≤ β·d/ℓ_B, so both PBE exist when p·ℓ_B > β·d and "
             "d > U0; (4) there the no-demand PBE survives the Intuitive Criterion and D1, and "
             "D1 puts the weight on the bluffer W.")
MODEL = "linkage-resolve (c1), lam = 0; weak PBE over pure profiles (solver) + exact argument"

p, K_H, K_W, f, gamma = (sym(n) for n in ("p", "K_H", "K_W", "f", "gamma"))
ASSUME = (K_H > ell_A, ell_A > K_W, p > 0, p < 1)

#: B's answer to S is pure and type-independent for s != gamma: (case, B|S action, U_A(S)).
CASES = (("s > γ", s > gamma, "accept", U_S), ("s < γ", s < gamma, "reject", -f))


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

@lru_cache(maxsize=1)
def resolve_pbes():
    """The c1 game (lam = 0) and its weak PBE over pure profiles, solved once, symbolically."""
    from gametheory.models import MODELS
    from gametheory.solvers.pbe import perfect_bayesian
    game = MODELS["linkage-resolve"].build(lam=0)
    return game, perfect_bayesian(game, assumptions=ASSUME, simplify=False)


def _layout(game) -> dict[str, tuple[int, int, int]]:
    """Information-set label -> (player, index in the player's list, global index)."""
    return {game.infosets[k].label: (i, j, k) for i, sets in enumerate(game.player_infosets)
            for j, k in enumerate(sets)}


def kind(game, pbe) -> dict[str, str]:
    """The pure actions of one PBE: H's and W's demands, B's answers to S and L."""
    where = _layout(game)
    out = {}
    for label, key in (("AH", "H"), ("AW", "W"), ("B|S", "B|S"), ("B|L", "B|L"),
                       ("AH|refused", "H refused"), ("AW|refused", "W refused")):
        i, j, k = where[label]
        out[key] = game.infosets[k].actions[pbe.support[i][j][0]]
    return out


def _family(game, pbes, H: str, W: str, B_S: str, B_L: str):
    """The pure PBE in which the types play ``H``, ``W`` and B answers ``B_S``, ``B_L``."""
    for e in pbes:
        k = kind(game, e)
        if (k["H"], k["W"], k["B|S"], k["B|L"]) == (H, W, B_S, B_L):
            return e
    return None


def _name(game, e) -> str:
    """A short label of a pure PBE: the types' moves, B's answers to S and to L."""
    k = kind(game, e)
    return f"PBE(H {k['H']}, W {k['W']}; B {k['B|S']}s S, {k['B|L']}s L)"


def _region(game, e) -> tuple[str, str]:
    return _name(game, e), _text(e.region.conditions)


def _belief(game, label: str) -> sympy.Symbol:
    from gametheory.solvers.pbe import belief_symbol
    return belief_symbol(game, _layout(game)[label][2], 0)


def _parameters(game, *extra) -> tuple:
    beliefs = tuple(Parameter(_belief(game, b).name, "[0, 1]") for b in ("B|S", "B|L"))
    return tuple(game.parameters) + beliefs + tuple(extra)


def _decided(conditions, claim, parameters) -> tuple[str, str]:
    """(method, result) of ``conditions => claim``, decided by the region engine."""
    result, _, method = implies(tuple(conditions), claim, tuple(parameters))
    return method, result


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

def pooling_claim(threshold=None) -> Certificate:
    """Pooling leverage: its region implies ``p*ell_B >= beta*d`` and ``d >= U0``, and the strict
    conditions (``threshold``, by default ``p*ell_B > beta*d``) imply it is a PBE."""
    threshold = p * ell_B > beta * d if threshold is None else threshold
    game, pbes = resolve_pbes()
    params = _parameters(game)
    mu_S, j_L = _belief(game, "B|S"), _layout(game)["B|L"][1]
    steps, regions = [], []
    for label, case, answer, value in CASES:
        e = _family(game, pbes, H="L", W="L", B_L="concede", B_S=answer)
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
        support = tuple(c.xreplace({mu_S: p}) for c in e.region.conditions)
        steps.append(_step(ASSUME + (case, threshold, d > U0(value)), sympy.And(*support),
                           params, "sufficiency, with the off-path belief after S set to p "
                           "(payoff-irrelevant)", shown=f"the region of {_name(game, e)}"))
    return Certificate("c1 (1) pooling", "pooling leverage iff p·ℓ_B > β·d and d > U0",
                       _status(steps), tuple(steps), regions=tuple(regions))


# ------------------------------------------------------------------------------ (3) no demand

def _no_demand(game, e) -> bool:
    k = kind(game, e)
    return "L" not in (k["H"], k["W"]) and k["B|L"] == "refuse"


def no_demand_claim(belief_bound=None) -> Certificate:
    """Every no-demand PBE needs ``mu(H|L)*ell_B <= beta*d`` (``belief_bound``), and for every
    generic parameter value such a belief supports one."""
    game, pbes = resolve_pbes()
    params = _parameters(game)
    mu_S, mu_L = _belief(game, "B|S"), _belief(game, "B|L")
    bound = mu_L * ell_B <= beta * d if belief_bound is None else belief_bound
    steps, regions = [], []
    for e in (e for e in pbes if _no_demand(game, e)):
        regions.append(_region(game, e))
        steps.append(Step(str(bound), *_decided(e.region.conditions + ASSUME, bound, params),
                          _name(game, e), "necessity: L is off the path and B refuses it"))
    for label, case, answer, value in CASES:
        outside = [("S", value > 0), ("N", value < 0)] if answer == "accept" else [("N", None)]
        for action, sign in outside:
            e = _family(game, pbes, H=action, W=action, B_L="refuse", B_S=answer)
            hyp = ASSUME + (case, mu_L * ell_B < beta * d) + ((sign,) if sign is not None else ())
            if e is None:
                steps.append(Step(f"a no-demand PBE with both types {action}", "solver",
                                  "fails", _text(_hypotheses(hyp))))
                continue
            support = tuple(c.xreplace({mu_S: p}) for c in e.region.conditions)
            steps.append(_step(hyp, sympy.And(*support), params,
                               "sufficiency (off-path belief after S, if any, set to p)",
                               shown=f"the region of {_name(game, e)}"))
    return Certificate("c1 (3) no demand", "the no-demand PBE exists iff μ(H | L)·ℓ_B ≤ β·d",
                       _status(steps), tuple(steps), regions=tuple(regions))


# ------------------------------------------------------------------------------ (2) no leverage

def no_leverage_pure(hypothesis=None, generic=(K_W > 0,)) -> Certificate:
    """Engine check over the solver's pure PBE: none with L on the path meets ``hypothesis``."""
    hypothesis = p * ell_B < beta * d if hypothesis is None else hypothesis
    game, pbes = resolve_pbes()
    params = _parameters(game)
    steps, regions = [], []
    for e in pbes:
        k = kind(game, e)
        if "L" not in (k["H"], k["W"]):
            continue
        regions.append(_region(game, e))
        for label, case, answer, value in CASES:
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
                return _refuted("c1 (2) pure", f"{hypothesis} ⟹ L off the path (pure PBE)",
                                steps, point, confirm)
    return Certificate("c1 (2) pure", f"{hypothesis} ⟹ L off the path in every pure PBE",
                       _status(steps), tuple(steps), regions=tuple(regions))


def no_leverage_mixed() -> Certificate:
    """The exact argument for mixed profiles; inequalities engine-decided, cases by algebra."""
    q, x_H, mu, O = sym("q"), sym("x_H"), sym("mu"), sym("O")
    params = tuple(resolve_pbes()[0].parameters) + (
        Parameter("q", "[0, 1]"), Parameter("x_H", "[0, 1]"), Parameter("mu", "[0, 1]"),
        Parameter("O", ">= 0"))
    u_H, u_W = q * d - (1 - q) * ell_A, q * d - (1 - q) * K_W
    low = p * ell_B < beta * d
    algebra = lambda claim, note: Step(claim, "algebra", "holds", "", note)
    steps = [
        _step(ASSUME, sympy.And(-ell_A > -K_H, -K_W > -ell_A), params,
              "after a refusal H carries out and W backs down, on or off the path"),
        algebra("B's refusal pays -μ·ℓ_B, its concession -β·d: q > 0 needs μ·ℓ_B ≥ β·d",
                "q = Pr(concede), μ = Pr(H | L); from step 1"),
        algebra("u_H(L) = q·d − (1−q)·ℓ_A, u_W(L) = q·d − (1−q)·K_W; both types' best "
                "alternative to L is O = U0 ≥ 0", "s ≠ γ: B's answer to S is pure and does not "
                "depend on A's type, so N and S pay both types alike"),
        _step(ASSUME + (q < 1,), u_W > u_H, params, "W gains more from L whenever B may refuse"),
        _step(ASSUME + (q < 1, u_H >= O), u_W > O, params,
              "case q < 1: if H demands, W strictly prefers L, so x_W = 1"),
        _step(ASSUME + (x_H > 0, sympy.Eq(mu * (p * x_H + 1 - p), p * x_H)), mu <= p, params,
              "Bayes' rule with x_W = 1 and x_H = Pr(H demands) > 0", shown="μ ≤ p"),
        _step(ASSUME + (mu <= p, low), mu * ell_B < beta * d, params,
              "so B refuses: q = 0 (step 2)"),
        _step(ASSUME, -ell_A < O, params, "q = 0: u_H(L) = −ℓ_A < O, so x_H = 0, "
              "contradicting x_H > 0; hence x_H = 0 when q < 1", shown="-ell_A < O"),
        _step(ASSUME + (sympy.Eq(mu, 0),), mu * ell_B < beta * d, params,
              "x_H = 0, x_W > 0: Bayes gives μ = 0, so B refuses: q = 0"),
        _step(ASSUME + (K_W > 0,), -K_W < O, params, "q = 0: u_W(L) = −K_W < O, so x_W = 0 "
              "(generic K_W > 0): L is off the path"),
        algebra("case q = 1: u_H(L) = u_W(L) = d; d < O: nobody demands; d > O: both demand "
                "(x_H = x_W = 1), so μ = p", "generic d ≠ U0"),
        _step(ASSUME + (sympy.Eq(mu, p), low), mu * ell_B < beta * d, params,
              "then B refuses, contradicting q = 1; so no PBE has L on the path"),
    ]
    return Certificate("c1 (2) mixed", "p·ℓ_B < β·d ⟹ no PBE (mixed included) has L on the "
                       "path", _status(steps), tuple(steps),
                       reason="steps marked algebra are the case structure of the argument; "
                              "every inequality is engine-decided")


# ------------------------------------------------------------------------------ (4) refinements

def refinement_claim() -> Certificate:
    """The no-demand PBE in the coexistence region survives the Intuitive Criterion and D1."""
    q, O = sym("q"), sym("O")
    params = tuple(resolve_pbes()[0].parameters) + (Parameter("q", "[0, 1]"),
                                                     Parameter("O", ">= 0"))
    hyp = ASSUME + (p * ell_B > beta * d, d > O)
    u_H, u_W = q * d - (1 - q) * ell_A, q * d - (1 - q) * K_W
    steps = [
        Step("both types' equilibrium payoff is O = U0 ≥ 0; after L, H gets d or −ℓ_A and W "
             "gets d or −K_W (concede or refuse)", "algebra", "holds", "",
             "continuation values under the PBE's later play"),
        _step(hyp, ell_B > beta * d, params, "concede is B's best reply to μ = 1, refuse to "
              "μ = 0: both answers are best replies to some belief"),
        _step(hyp, d > O, params, "Intuitive Criterion: no type is equilibrium-dominated at L "
              "(concession beats O)"),
        _step(hyp, sympy.And(-ell_A < O, -K_W <= O), params, "and no type gains from L under "
              "every best reply (refusal): the no-demand PBE survives"),
        _step(hyp + (u_H >= O,), u_W > O, params, "D1: whenever H weakly gains from L, W "
              "strictly gains, so H is deleted"),
        _step(hyp + (sympy.Eq(q * (d + K_W), O + K_W),), sympy.And(q >= 0, q <= 1, u_H < O),
              params, "W is not deleted: at the q where W is indifferent H loses",
              shown="0 <= q <= 1 & q*d - (1 - q)*ell_A < O"),
        _step(hyp, 0 * ell_B < beta * d, params, "D1's belief μ(H | L) = 0 (all weight on the "
              "bluffer W) supports the no-demand PBE (3): it survives D1", shown="0 < beta*d"),
    ]
    steps.append(_refinements_at_a_point())
    return Certificate("c1 (4) refinements", "the no-demand PBE survives the Intuitive "
                       "Criterion and D1 (weight on W)", _status(steps), tuple(steps))


#: An exact point of the coexistence region (p*ell_B = 3/2 > beta*d = 1, d = 2 > U0 = 1/2).
POINT = {"c": sympy.Rational(1, 4), "sigma": sympy.Rational(1, 4), "R": 1, "s": 1,
         "gamma": sympy.Rational(1, 2), "h": 1, "v_S": 1, "d": 2, "beta": sympy.Rational(1, 2),
         "ell_A": 2, "ell_B": 3, "f": 1, "eta": 1, "v_L": 1, "p": sympy.Rational(1, 2),
         "K_H": 3, "K_W": 1}


def _refinements_at_a_point() -> Step:
    from gametheory.solvers.pbe import perfect_bayesian
    from gametheory.solvers.refinements import d1, intuitive_criterion
    game = resolve_pbes()[0].substitute({k: Fraction(str(v)) for k, v in POINT.items()})
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

def _refuted(name, statement, steps, point, confirm: Callable, beliefs=()) -> Certificate:
    """A counterexample from the engine, re-solved numerically by ``perfect_bayesian``.

    ``confirm(numeric_game, pbes, values)`` returns (whether the numeric PBE contradict the
    claim, what was found)."""
    from gametheory.solvers.pbe import perfect_bayesian
    game = resolve_pbes()[0]
    values = {k.name: Fraction(v) for k, v in point.items()}
    at = {q.name: values.get(q.name, Fraction(1)) for q in game.parameters}
    numeric = game.substitute(at)
    confirmed, found = confirm(numeric, perfect_bayesian(numeric), values)
    shown = {**at, **{k: values[k] for k in beliefs}}
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
    mu_S = _belief(game, "B|S")
    steps = []
    for label, case, answer, value in CASES:
        e = _family(game, pbes, H="L", W="L", B_L="concede", B_S=answer)
        support = sympy.And(*(c.xreplace({mu_S: p}) for c in e.region.conditions))
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
    }


def prove() -> Certificate:
    game = resolve_pbes()[0]
    beliefs = (f"; off-path beliefs {_belief(game, 'B|L')} = μ(H | L) and "
               f"{_belief(game, 'B|S')} = μ(H | S)")
    return combine(NAME, STATEMENT, [pooling_claim(), no_leverage_pure(), no_leverage_mixed(),
                                     no_demand_claim(), refinement_claim()], MODEL + beliefs)
