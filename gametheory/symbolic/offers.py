"""Continuous offers: a proposer picks a number, responders accept or veto, solved exactly.

The game: the proposer chooses an offer ``x`` in an interval; each responder in turn accepts or
rejects (a veto); any rejection gives every player their disagreement payoff (by default the
utility of the status quo ``x = q``).  Utilities are linear in ``x`` or tents
``b - w*|x - p|`` (``w > 0``), with coefficients that are expressions in the parameters;
responders accept when indifferent.

Subgame perfection reduces to parametric optimisation (Rubinstein-style backward induction;
Putnam's win-sets; Tsebelis's agenda setter): each responder's acceptance set is an interval
(its *win-set*), the proposer maximises its quasi-concave utility over the intersection
``[L, H]`` of the win-sets and the offer interval, so the optimal offer is ``H`` or ``L`` (linear
utility) or ``clamp(p, L, H)`` (a tent with peak ``p``), and the proposer makes it iff it is at
least as good as disagreement.  Every ``max``/``min``/``clamp`` is unfolded into regions
(conjunctions of relations over the parameters), each checked for emptiness exactly and
simplified, so closed forms such as ``x* = min(x_F, 2 x_N, 2 x_V)`` come with their regions.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

import sympy

from ..numbers import exact, parse_relation, to_sympy
from ..parameters import Parameter, as_parameter
from .assembly import irredundant
from .feasibility import Feasibility
from .relations import normal
from .regions import Region

__all__ = ["OfferGame", "OfferPiece", "OfferSolution", "offer_game", "solve_offer"]


@dataclass(frozen=True)
class OfferGame:
    """A take-it-or-leave-it offer with sequential ratification (see :func:`offer_game`)."""

    players: tuple[str, ...]
    proposer: int
    responders: tuple[int, ...]
    utilities: tuple[sympy.Expr, ...]
    disagreement: tuple[sympy.Expr, ...]
    offer: sympy.Symbol
    interval: tuple
    parameters: tuple[Parameter, ...]
    assumptions: tuple = ()


@dataclass(frozen=True)
class OfferPiece:
    """A region and the equilibrium there: the offer (None: no acceptable offer is made) and
    the payoffs."""

    region: Region
    offer: sympy.Expr | None
    payoffs: tuple[sympy.Expr, ...]


@dataclass(frozen=True)
class OfferSolution:
    game: OfferGame
    pieces: tuple[OfferPiece, ...]

    def at(self, values: Mapping) -> tuple[OfferPiece, ...]:
        """The pieces whose region contains the point, with offer and payoffs evaluated."""
        point = {p.name: exact(values[p.name]) for p in self.game.parameters}
        subs = {p.symbol: to_sympy(point[p.name]) for p in self.game.parameters}
        out = []
        for piece in self.pieces:
            if piece.region.contains({n: point[n] for n in piece.region.symbols()}):
                offer = None if piece.offer is None else sympy.nsimplify(piece.offer.xreplace(subs))
                out.append(OfferPiece(piece.region, offer,
                                      tuple(sympy.nsimplify(u.xreplace(subs))
                                            for u in piece.payoffs)))
        return tuple(out)

    def to_text(self) -> str:
        lines = []
        for k, piece in enumerate(self.pieces, 1):
            what = "no agreement" if piece.offer is None else f"offer {piece.offer}"
            lines.append(f"Region {k}: {piece.region}\n  {what}; payoffs "
                         + "; ".join(f"{p}: {u}" for p, u in zip(self.game.players,
                                                                 piece.payoffs)))
        return "\n".join(lines)


def offer_game(players: Sequence[str], proposer: str, responders: Sequence[str],
               utilities: Mapping[str, str | sympy.Expr], *, offer: str = "x",
               interval: tuple = (None, None), status_quo=None,
               disagreement: Mapping[str, str | sympy.Expr] | None = None,
               parameters: Iterable = (), assumptions: Iterable = ()) -> OfferGame:
    """Build a continuous-offer game; text is parsed by the safe expression parser.

    Parameters
    ----------
    players : sequence of str
    proposer : str
    responders : sequence of str
        They ratify in this order; each must accept.
    utilities : mapping of player to expression in ``offer`` and the parameters
        Linear in the offer, or ``b - w*Abs(x - p)`` with ``w > 0``.
    offer : str
        The name of the offer variable.
    interval : (lower, upper)
        Bounds of the offer (numbers, expressions or None for unbounded).
    status_quo : number or expression, optional
        Disagreement gives every player its utility at this offer.
    disagreement : mapping, optional
        Or: explicit disagreement payoffs.
    parameters, assumptions

    Examples
    --------
    >>> game = offer_game(["P", "R"], "P", ["R"], {"P": "1 - x", "R": "x"},
    ...                   interval=(0, 1), disagreement={"P": 0, "R": "r"},
    ...                   parameters=[Parameter("r", "[0, 1]")])
    >>> [(str(p.region), p.offer) for p in solve_offer(game).pieces]
    [('(r <= 0)', 0), ('(r >= 1)', None), ('(r > 0)', r)]
    """
    params = tuple(as_parameter(p) for p in parameters)
    symbols = {p.name: p.symbol for p in params}
    x = sympy.Symbol(offer, real=True)
    with_x = dict(symbols, **{offer: x})

    def parse(value, names):
        return to_sympy(exact(value, names)) if not isinstance(value, sympy.Basic) else value

    players = tuple(players)
    u = tuple(parse(utilities[p], with_x) for p in players)
    if disagreement is not None:
        d = tuple(parse(disagreement[p], symbols) for p in players)
    elif status_quo is not None:
        q = parse(status_quo, symbols)
        d = tuple(ui.xreplace({x: q}) for ui in u)
    else:
        raise ValueError("give status_quo or disagreement payoffs")
    bounds = tuple(None if b is None else parse(b, symbols) for b in interval)
    assumed = tuple(a if not isinstance(a, str) else parse_relation(a, symbols)
                    for a in assumptions)
    return OfferGame(players, players.index(proposer),
                     tuple(players.index(r) for r in responders), u, d, x, bounds, params,
                     assumed)


# --------------------------------------------------------------------------- solving

def _shape(u: sympy.Expr, x: sympy.Symbol):
    """('linear', slope, intercept) or ('tent', b, w, p) for ``b - w*|x - p|``."""
    u = sympy.expand(u)
    kinks = [a for a in u.atoms(sympy.Abs) if x in a.free_symbols]
    if not kinks:
        poly = sympy.Poly(u, x)
        if poly.degree() > 1:
            raise ValueError(f"utility {u} is not linear or a tent in {x}")
        return "linear", u.coeff(x, 1), u.coeff(x, 0)
    if len(kinks) > 1:
        raise ValueError(f"utility {u}: one |x - p| term is supported")
    (kink,) = kinks
    c = sympy.expand(u).coeff(kink)
    b = sympy.expand(u - c * kink)
    m = sympy.expand(kink.args[0]).coeff(x, 1)
    if x in b.free_symbols or not m.is_number or m == 0:
        raise ValueError(f"utility {u} is not b - w*|x - p|")
    p = -sympy.expand(kink.args[0]).coeff(x, 0) / m
    return "tent", b, -c * abs(m), p


def _win_set(u, d, x):
    """Cases (conditions, lower bound or None, upper bound or None) of ``u(x) >= d``."""
    shape = _shape(u, x)
    if shape[0] == "linear":
        _, a, b = shape
        gap = d - b
        cases = [([a > 0], gap / a, None), ([a < 0], None, gap / a),
                 ([sympy.Eq(a, 0), b - d >= 0], None, None)]
        return [(c, lo, hi) for c, lo, hi in cases if sympy.false not in c]
    _, b, w, p = shape
    room = (b - d) / w
    return [([w > 0, b - d >= 0], p - room, p + room)]


def solve_offer(game: OfferGame, *, generic: bool = False) -> OfferSolution:
    """The subgame-perfect offer and payoffs, region by region.

    Examples
    --------
    Putnam's two-level game with a veto player (tents, status quo 0):

    >>> P = [Parameter("x_F", "> 0"), Parameter("x_N", ">= 0"), Parameter("x_V", ">= 0")]
    >>> game = offer_game(["F", "N", "V"], "F", ["N", "V"],
    ...     {"F": "-Abs(x - x_F)", "N": "-Abs(x - x_N)", "V": "-Abs(x - x_V)"},
    ...     status_quo=0, parameters=P)
    >>> sorted({str(p.offer) for p in solve_offer(game, generic=True).pieces})
    ['2*x_N', '2*x_V', 'None', 'x_F']
    """
    x = game.offer
    check = Feasibility(game.parameters)
    base = frozenset(game.assumptions)
    strict = generic
    pieces: list = []
    lows0 = [game.interval[0]] if game.interval[0] is not None else []
    highs0 = [game.interval[1]] if game.interval[1] is not None else []
    proposer = _shape(game.utilities[game.proposer], x)
    together = sympy.Add(*(sympy.Dummy() * d for d in game.disagreement))
    for known, _ in _resolve_abs(together, base, check):
        disagreement = [_resolved(d, known) for d in game.disagreement]
        _solve_case(game, x, known, disagreement, lows0, highs0, proposer, strict, check, pieces)
    out = []
    for conditions, offer, disagreement in pieces:
        conditions = frozenset(_clean(conditions))
        if offer is None:
            out += _finish(game, check, conditions, None, disagreement)
            continue
        gain = game.utilities[game.proposer].xreplace({x: offer}) - disagreement[game.proposer]
        for resolved, value in _resolve_abs(gain, conditions, check):
            out += _finish(game, check, resolved | {_rel(value, ">=", not strict)}, offer,
                           disagreement)
            out += _finish(game, check, resolved | {_rel(value, "<", True)}, None,
                           disagreement)
    return OfferSolution(game, tuple(out))


def _resolved(expr, conditions):
    """``expr`` with each |a| whose sign the conditions fix (syntactically) replaced."""
    for kink in expr.atoms(sympy.Abs):
        arg = kink.args[0]
        if normal(arg >= 0) in conditions:
            expr = expr.xreplace({kink: arg})
        elif normal(arg < 0) in conditions:
            expr = expr.xreplace({kink: -arg})
    return expr


def _solve_case(game, x, known, disagreement, lows0, highs0, proposer, strict, check, pieces):
    win_sets = [_win_set(game.utilities[r], disagreement[r], x) for r in game.responders]
    for combo in itertools.product(*win_sets):
        conditions = set(known)
        lows, highs = list(lows0), list(highs0)
        for c, lo, hi in combo:
            conditions |= set(c)
            lows += [lo] if lo is not None else []
            highs += [hi] if hi is not None else []
        if check(frozenset(_clean(conditions))) is False:
            continue
        for L, cond_L in _extreme(lows, max, strict):
            for H, cond_H in _extreme(highs, min, strict):
                region = _clean(conditions | cond_L | cond_H)
                if check(frozenset(region)) is False:
                    continue
                empty = set() if L is None or H is None else {_rel(L - H, ">", True)}
                if empty and check(frozenset(region | empty)) is not False:
                    pieces.append((frozenset(region | empty), None, disagreement))
                region = region | ({_rel(H - L, ">=", not strict)} if empty else set())
                for offer, extra in _optimum(proposer, L, H, strict):
                    pieces.append((frozenset(region | extra), offer, disagreement))


def _finish(game, check, conditions, offer, disagreement):
    conditions = frozenset(_clean(conditions))
    if check(conditions) is False:
        return []
    kept = irredundant(sorted(conditions, key=sympy.default_sort_key), check,
                        game.assumptions)
    if kept is None:
        return []
    kept = [c for c in kept if c not in game.assumptions]
    region = Region(kept, game.parameters, game.assumptions)
    if offer is None:
        return [OfferPiece(region, None, tuple(disagreement))]
    payoffs = []
    for u in game.utilities:
        value = u.xreplace({game.offer: offer})
        cases = _resolve_abs(value, frozenset(conditions), check)
        payoffs.append(cases[0][1] if len(cases) == 1 else value)
    return [OfferPiece(region, offer, tuple(sympy.expand(p) for p in payoffs))]


def _clean(conditions) -> set:
    out = set()
    for c in conditions:
        c = normal(c) if c not in (sympy.true, sympy.false) else c
        if c is not sympy.true:
            out.add(c)
    return out


def _rel(expr, op, closed):
    if op == ">":
        return normal(expr >= 0 if closed else expr > 0)
    if op == ">=":
        return normal(expr >= 0 if closed else expr > 0)
    return normal(expr < 0)


def _extreme(values, which, strict):
    """Each candidate for max (or min) of ``values`` with the region where it is the one."""
    values = list(dict.fromkeys(sympy.expand(v) for v in values))
    if not values:
        yield None, set()
        return
    for k, v in enumerate(values):
        conditions = set()
        for j, w in enumerate(values):
            if j == k:
                continue
            diff = v - w if which is max else w - v
            # ties go to the first candidate, so regions do not overlap
            conditions.add(normal(diff > 0) if j < k else normal(diff >= 0))
        yield v, conditions


def _optimum(proposer, L, H, strict):
    """The proposer's best offer on [L, H] with the conditions for each case."""
    if proposer[0] == "linear":
        a = proposer[1]
        cases = []
        if H is not None:
            cases.append((H, {normal(a > 0)}))
        if L is not None:
            cases.append((L, {normal(a < 0)}))
        if L is not None or H is not None:
            cases.append((L if L is not None else H, {sympy.Eq(a, 0)}))
        # with no upper bound and a > 0 there is no best offer: that region is left out
        return [(v, {c for c in cond if c is not sympy.true}) for v, cond in cases
                if sympy.false not in cond]
    p = proposer[3]
    inside = set()
    cases = []
    if L is not None:
        cases.append((L, {normal(p - L < 0)}))
        inside.add(normal(p - L >= 0))
    if H is not None:
        cases.append((H, {normal(p - H > 0)}))
        inside.add(normal(p - H <= 0))
    cases.append((p, inside))
    return [(v, {c for c in cond if c is not sympy.true}) for v, cond in cases
            if sympy.false not in cond]


def _resolve_abs(expr, conditions, check):
    """Replace each |a| by a or -a according to the sign of a on the region (splitting it when
    both signs occur): a list of (conditions, expression)."""
    kinks = sorted(expr.atoms(sympy.Abs), key=sympy.default_sort_key)
    if not kinks:
        return [(frozenset(conditions), sympy.expand(expr))]
    kink = kinks[0]
    arg = kink.args[0]
    out = []
    for sign, relation in ((1, normal(arg >= 0)), (-1, normal(arg < 0))):
        if relation is sympy.false:
            continue
        region = frozenset(conditions) | ({relation} if relation is not sympy.true else set())
        if check(region) is False:
            continue
        out += _resolve_abs(expr.xreplace({kink: sign * arg}), region, check)
    return out
