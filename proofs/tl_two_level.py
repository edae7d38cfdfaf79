"""Two-level results (Putnam; Mo; Milner-Rosendorff): x* = min(x_F, 2x_N, 2x_V), the Schelling
condition, the proposer's identity, and the risky-offer rule.

Model: the continuous-offer ratification game of ``linkage-research.md`` section 3.4 (F offers
any ``x``; N, then V, accept or veto; tent utilities ``-|x - x_i|``; status quo 0; responders
accept when indifferent), an :class:`gametheory.symbolic.offers.OfferGame`, built in or given as
``game``.  Every part is read off games solved by :func:`gametheory.symbolic.offers.solve_offer`:
the game itself, the same game without V (``x0``), with N proposing, and with V's ideal point
``x_V`` replaced by a hawk's ``x_h`` or a dove's ``x_d``.  Each claim is decided on every piece
(or pair of pieces) of those solutions by the region engine.  A finite offer tree (the JSON
export of ``two-level``) is read as the continuous game it describes (:func:`from_tree`).

References
----------
R. D. Putnam (1988), *IO* 42(3); J. Mo (1995), *APSR* 89(4); H. V. Milner and B. P. Rosendorff
(1997), *JCR* 41(1).
"""

from __future__ import annotations

import dataclasses
import itertools
from typing import Callable, Sequence

import sympy

from gametheory.errors import GameShapeError
from gametheory.models.two_level import tl_parameters
from gametheory.parameters import Parameter
from gametheory.proofs.certificate import Certificate
from gametheory.proofs.common import combine, decide, sym
from gametheory.symbolic.offers import OfferGame, offer_game, solve_offer

__all__ = ["NAME", "STATEMENT", "prove", "false_variants", "spatial_game"]

NAME = "TL"
STATEMENT = ("F proposing (x_F, x_N, x_V > 0): the SPE offer is x* = min(x_F, 2x_N, 2x_V); "
             "the veto helps N iff 2x_N − x₀ < 2x_V < x₀ (x₀ = min(x_F, 2x_N)), never if "
             "x_F ≤ x_N; if N proposes, a veto never helps N; with V hawkish (x_h) w.p. π, F "
             "makes the risky offer x_r iff (1−π)x_r > x_s, which the hawk then vetoes.")

x_F, x_N, x_V, x_h, x_d, pi = (sym(n) for n in ("x_F", "x_N", "x_V", "x_h", "x_d", "pi"))
DOM = (x_F > 0, x_N > 0, x_V > 0)
Min = sympy.Min
F, N, V = 0, 1, 2
TYPES = (Parameter("x_h", "> 0", "hawkish veto player's ideal point"),
         Parameter("x_d", "> 0", "dovish veto player's ideal point"),
         Parameter("pi", "[0, 1]", "probability that the veto player is hawkish"))


def spatial_game() -> OfferGame:
    """The built-in game: F offers x, N and V ratify, tents ``-|x - x_i|``, status quo 0.

    Examples
    --------
    >>> spatial_game().players
    ('F', 'N', 'V')
    """
    return offer_game(["F", "N", "V"], "F", ["N", "V"],
                      {"F": "-Abs(x - x_F)", "N": "-Abs(x - x_N)", "V": "-Abs(x - x_V)"},
                      status_quo=0, parameters=tl_parameters(), assumptions=DOM)


def _positive(expr, symbols):
    return sympy.simplify(expr.xreplace(symbols))


def from_tree(game) -> OfferGame:
    """The continuous-offer game a finite offer tree describes (the ``two-level`` export).

    The root's actions are offers ``x=E``; after each, the responders accept (``accept``, then
    ``approve``) or not.  Each player's utility is the one function of the offer that gives
    their payoff at the deal leaf of every offer (found by solving ``E = x`` for a parameter of
    ``E`` at one offer and checked at all of them, for positive parameters); disagreement is
    the payoff of a rejection, the same after every offer and after a veto.

    Raises
    ------
    GameShapeError
        If the tree is not of this shape or a player's deal payoffs are not one function of
        the offer (an edit at one offer only).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> g = from_tree(MODELS["two-level"].build())
    >>> g.utilities[1], [g.players[r] for r in g.responders]
    (-Abs(x - x_N), ['N', 'V'])
    """
    from gametheory.proofs.common import leaf_payoffs, node_at
    root = game.infosets[int(game.tree.infoset[0])]
    offers = [a for a in root.actions if a.startswith("x=")]
    if not offers or root.player < 0:
        raise GameShapeError("TL needs a root where the proposer makes offers 'x=...'")
    symbols = {p.name: p.symbol for p in game.parameters}
    positive = {s: sympy.Symbol(s.name, positive=True) for s in symbols.values()}
    x = sympy.Symbol("x", real=True)
    values = [sympy.sympify(a[2:], locals=symbols) for a in offers]
    def mover(path) -> str:
        who = int(game.tree.player[node_at(game, path)])
        if who < 0:
            raise GameShapeError(f"TL needs a responder after {' > '.join(path)}, not chance")
        return game.players[who]

    responders = [mover((offers[0],))]
    deal = (offers[0], "accept")
    if game.tree.num_children[node_at(game, deal)]:
        responders.append(mover(deal))
        deal += ("approve",)
    failed = leaf_payoffs(game, (offers[0], "reject"))
    leaves = [leaf_payoffs(game, (o,) + deal[1:]) for o in offers]
    for o in offers:
        others = [leaf_payoffs(game, (o, "reject"))]
        if len(deal) > 2:
            others.append(leaf_payoffs(game, (o, "accept", "veto")))
        for other in others:
            if any(_positive(a - b, positive) != 0 for a, b in zip(other, failed)):
                raise GameShapeError(f"TL needs one disagreement payoff: after {o} a rejection "
                                     f"or veto pays {other}, elsewhere {failed}")
    utilities = []
    for i, player in enumerate(game.players):
        found = None
        for value, leaf in zip(values, leaves):
            for s in sorted(value.free_symbols, key=str):
                for solution in sympy.solve(sympy.Eq(value, x), s):
                    candidate = leaf[i].xreplace({s: solution})
                    if all(_positive(candidate.xreplace({x: v}) - lf[i], positive) == 0
                           for v, lf in zip(values, leaves)):
                        found = candidate
                        break
                if found is not None:
                    break
            if found is not None:
                break
        if found is None:
            raise GameShapeError(f"the payoffs of {player} at the offers are not one function "
                                 "of the offer")
        utilities.append(found)
    return offer_game(list(game.players), game.players[root.player], responders,
                      dict(zip(game.players, utilities)),
                      disagreement=dict(zip(game.players, failed)),
                      parameters=game.parameters, assumptions=DOM)


def _shaped(game) -> OfferGame:
    if game is None:
        return spatial_game()
    if not isinstance(game, OfferGame):
        game = from_tree(game)
    names = {p.name for p in game.parameters}
    lacking = [n for n in ("x_F", "x_N", "x_V") if n not in names]
    problems = [f"no parameter {', '.join(lacking)}"] if lacking else []
    if tuple(game.players) != ("F", "N", "V"):
        problems.append(f"players F, N, V (the game has {', '.join(game.players)})")
    if problems:
        raise GameShapeError("the game does not fit the two-level model: " + "; ".join(problems))
    return game


def _variant(game: OfferGame, *, responders: Sequence[str] | None = None,
             proposer: str | None = None, x_v=None) -> OfferGame:
    """The game with other responders, another proposer, or V's ideal point replaced."""
    index = {p: i for i, p in enumerate(game.players)}
    changes = {}
    if responders is not None:
        changes["responders"] = tuple(index[r] for r in responders)
    if proposer is not None:
        changes["proposer"] = index[proposer]
    if x_v is not None:
        changes["utilities"] = tuple(u.xreplace({x_V: x_v}) for u in game.utilities)
        changes["disagreement"] = tuple(u.xreplace({x_V: x_v}) for u in game.disagreement)
        params = [p for p in game.parameters if p.name != "x_V"]
        changes["parameters"] = tuple(params) + tuple(t for t in TYPES
                                                       if t.name not in {p.name for p in params})
        changes["assumptions"] = tuple(a.xreplace({x_V: x_v}) for a in game.assumptions)
    return dataclasses.replace(game, **changes)


def _solved(game: OfferGame):
    return solve_offer(game, generic=True).pieces


def _confirm(games: Sequence[OfferGame]) -> Callable:
    def confirm(point) -> str:
        found = []
        for g in games:
            offers = [str(p.offer) for p in solve_offer(g, generic=True).at(point)]
            found.append(", ".join(offers) or "no piece")
        return "solve_offer at this point finds offers " + "; ".join(found)
    return confirm


def _params(*games) -> tuple:
    return tuple({p.name: p for g in games for p in g.parameters}.values())


def _check(name: str, statement: str, games: Sequence[OfferGame], obligation,
           domain=DOM) -> Certificate:
    """``obligation(piece, ...)`` on every combination of pieces of the solved games."""
    params = _params(*games)
    parts = []
    solutions = [_solved(g) for g in games]
    for k, combo in enumerate(itertools.product(*solutions), 1):
        claim = obligation(*combo)
        if claim is True or claim is sympy.true:
            continue
        conditions = tuple(c for piece in combo for c in piece.region.conditions) + tuple(domain)
        cert = decide(f"{name} #{k}", statement, conditions, claim, params,
                      region=" & ".join(str(p.region) for p in combo),
                      point=lambda w: {p.name: w.get(p.symbol, 1) for p in params},
                      confirm=_confirm(games))
        parts.append(cert)
        if cert.status == "refuted":
            break
    return combine(name, statement, parts)


def offer_claim(game=None, x_star=None) -> Certificate:
    """Every piece of the solved game: an offer is made and it is ``x_star``."""
    game = _shaped(game)
    x_star = Min(x_F, 2 * x_N, 2 * x_V) if x_star is None else x_star
    return _check("TL x*", f"the SPE offer is {x_star}", [game],
                  lambda p: sympy.false if p.offer is None else sympy.Eq(p.offer - x_star, 0))


def schelling_claim(game=None, lower=None) -> Certificate:
    """Pairs of pieces (game without V, game): N gains from V exactly on the condition."""
    game = _shaped(game)
    alone = _variant(game, responders=[game.players[r] for r in game.responders
                                       if game.players[r] != "V"])
    x0 = Min(x_F, 2 * x_N)
    lower = 2 * x_N - x0 if lower is None else lower
    condition = sympy.And(lower < 2 * x_V, 2 * x_V < x0)

    def helps(a, b):
        gain = b.payoffs[N] > a.payoffs[N]
        return sympy.And(sympy.Or(sympy.Not(gain), condition),
                         sympy.Or(gain, sympy.Not(condition)))
    return combine("TL Schelling", "the veto helps N iff 2x_N − x₀ < 2x_V < x₀", [
        _check("TL helps ⟺ condition", "", [alone, game], helps),
        _check("TL x_F ≤ x_N", "never helps if x_F ≤ x_N", [alone, game],
               lambda a, b: b.payoffs[N] <= a.payoffs[N], DOM + (x_F <= x_N,))])


def proposer_claim(game=None) -> Certificate:
    """With N proposing (F and V ratify), N's value with V is at most its value without."""
    game = _shaped(game)
    with_v = _variant(game, proposer="N", responders=["F", "V"])
    without = _variant(game, proposer="N", responders=["F"])
    return _check("TL N proposes", "a veto can only hurt a proposing N", [without, with_v],
                  lambda a, b: b.payoffs[N] <= a.payoffs[N])


def risky_claim(game=None, rule=None) -> Certificate:
    """Safe offer (V a hawk) against risky offer (V a dove, who is a hawk w.p. pi)."""
    game = _shaped(game)
    hawk, dove = _variant(game, x_v=x_h), _variant(game, x_v=x_d)
    dom = (x_F > 0, x_N > 0, x_h > 0, x_d > x_h, pi > 0, pi < 1)
    status_quo = game.disagreement[F]
    x = game.offer

    def obligation(s, r):
        if s.offer is None or r.offer is None:
            return sympy.false
        x_s, x_r = s.offer, r.offer
        stated = (1 - pi) * x_r > x_s if rule is None else rule(x_s, x_r)
        prefers = (1 - pi) * r.payoffs[F] + pi * status_quo > s.payoffs[F]
        hawk_u = hawk.utilities[V]
        vetoed = hawk_u.xreplace({x: x_r}) < hawk.disagreement[V]
        return sympy.And(sympy.Or(sympy.Not(prefers), sympy.And(stated, vetoed)),
                         sympy.Or(prefers, sympy.Not(stated)))
    return _check("TL risky offer", "F offers x_r iff (1−π)x_r > x_s; the hawk vetoes it",
                  [hawk, dove], obligation, dom)


def prove(game=None) -> Certificate:
    """TL on the built-in spatial game (``game`` None) or on an offer game of its shape."""
    game = _shaped(game)
    return combine(NAME, STATEMENT, [offer_claim(game), schelling_claim(game),
                                     proposer_claim(game), risky_claim(game)],
                   "continuous-offer ratification game (section 3.4), solved by solve_offer")


def false_variants() -> dict:
    return {"x* = min(x_F, 2x_N) (wrong offer)": lambda: offer_claim(None, Min(x_F, 2 * x_N)),
            "Schelling lower bound x_N − x₀ (wrong threshold)":
                lambda: schelling_claim(None, x_N - Min(x_F, 2 * x_N)),
            "risky iff x_r > x_s (wrong rule)": lambda: risky_claim(None, lambda s, r: r > s)}
