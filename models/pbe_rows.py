"""Episode rows under private information: perfect Bayesian equilibria, their outcomes, robustness.

The incomplete-information variants of the linkage game (c1, ``linkage-resolve``: B does not
know A's resolve; c2, ``linkage-screening``: A does not know B's dependence) are solved with
their natural solution concept (``Model.solve_options``: weak perfect Bayesian equilibria,
Mas-Colell, Whinston and Green 1995, 9.C).  This module reads a solved game the way the episode
table needs it:

* :func:`pbe_outcome` names what happens on the path of one equilibrium: A's first move for
  each draw of Nature (``"L"`` if every type demands, ``"L|N"`` if they differ), marked ``*``
  when the demand is refused and the downgrade carried out on the path (a failed attempt) and
  ``~`` when A backs down after a refusal (an abandoned threat);
* :func:`pbe_prediction` solves a model at a point and returns every equilibrium outcome
  (``"L/N"`` when the pooling-on-leverage and the no-demand equilibria coexist, as in section 3.3,
  c1, case 3 of ``linkage-research.md``) with each equilibrium described;
* :func:`pbe_robustness` is the share of seeded random perturbations of the point that keep the
  prediction.  The game is solved once with every parameter free (``gametheory.solve`` on the
  symbolic game: each equilibrium comes with the exact region of parameters and off-path
  beliefs where it is a PBE), then each perturbed point is tested against every region at once
  (numpy arrays; the off-path beliefs are eliminated exactly, since the regions of pure
  profiles are linear in them).

References
----------
Fudenberg and Tirole (1991), Perfect Bayesian equilibrium and sequential equilibrium, JET 53;
Mas-Colell, Whinston and Green (1995), *Microeconomic Theory*, 9.C;
C. L. Davis (2008/09), Linkage diplomacy, *International Security* 33(3).

Examples
--------
c1 at the E6 values of the episode table: B believes A resolved with probability ``p``.  With
``p*ell_B > beta*d`` both the pooling PBE (every type demands, B concedes) and the no-demand PBE
(supported by an off-path belief) exist; with ``p*ell_B < beta*d`` no PBE has leverage on the
path (the threat is abandoned):

>>> from gametheory.models import MODELS
>>> model = MODELS["linkage-resolve"]
>>> e6 = dict(lam=1, c=1, sigma="1/2", R=2, s=3, gamma="1/2", h=1, v_S=1, d=2, beta=1, ell_A=3,
...           ell_B=4, f="1/10", eta=1, v_L=1, K_H=4, K_W=1)
>>> pbe_prediction(model, {**e6, "p": "3/4"})[0], pbe_prediction(model, {**e6, "p": "1/4"})[0]
('N/L', 'N')
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

import sympy

from gametheory.games import CHANCE, TERMINAL, ExtensiveGame
from gametheory.numbers import exact, is_symbolic

__all__ = ["pbe_outcome", "pbe_paths", "describe_pbe", "pbe_prediction", "pbe_robustness",
           "refuses_when_indifferent", "pbe_latex", "perturbations", "kept", "PbeRegions", "FAILED_MARK", "ABANDONED_MARK", "ACCEPT"]

#: Marks on an outcome: the downgrade carried out on the path, or A backing down there.
FAILED_MARK = "*"
ABANDONED_MARK = "~"


@dataclass(frozen=True)
class _Reached:
    """A terminal reached with positive probability: the draws of Nature and the moves."""

    draws: tuple[str, ...]
    moves: tuple[tuple[str, str], ...]
    probability: Any


def pbe_paths(game: ExtensiveGame, behavior) -> list[_Reached]:
    """Every terminal reached with positive probability under ``behavior`` (chance moves with a
    symbolic probability count as positive), with its draws, moves and exact probability."""
    tree = game.tree
    out: list[_Reached] = []

    def walk(v: int, draws: tuple, moves: tuple, prob: Any) -> None:
        kind = tree.player[v]
        if kind == TERMINAL:
            out.append(_Reached(draws, moves, prob))
            return
        k = int(tree.infoset[v])
        infoset = game.infosets[k]
        kids = list(tree.children(v))
        if kind == CHANCE:
            for a, child in enumerate(kids):
                p = infoset.probs[a]
                if not is_symbolic(p) and exact(p) == 0:
                    continue
                walk(child, draws + (infoset.actions[a],), moves, prob * _sym(p))
            return
        player = infoset.player
        probs = behavior[player][game.player_infosets[player].index(k)]
        for a, child in enumerate(kids):
            p = probs[a]
            if not is_symbolic(p) and exact(p) == 0:
                continue
            walk(child, draws, moves + ((game.players[player], infoset.actions[a]),),
                 prob * _sym(p))

    walk(0, (), (), sympy.Integer(1))
    return out


def _sym(x: Any) -> sympy.Expr:
    return x if isinstance(x, sympy.Basic) else sympy.Rational(exact(x).numerator,
                                                                exact(x).denominator)


def pbe_outcome(game: ExtensiveGame, behavior, player: str = "A") -> str:
    """The outcome of one equilibrium: ``player``'s first move per draw of Nature, with marks.

    ``L`` when every type makes the same move, ``L|N`` (in the order of Nature's draws) when
    they differ; ``*`` is appended when the downgrade is carried out on the path (a demand
    refused: the attempt fails), ``~`` when A backs down there (the threat is abandoned).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> model = MODELS["linkage-screening"]
    >>> game = model.build(**model.point(lam=1, q="3/4", ell_A=1, ell_H=3, ell_L="3/2"))
    >>> import gametheory
    >>> solution = gametheory.solve(game, **model.solve_options)
    >>> sorted({pbe_outcome(game, e.behavior) for e in solution})     # ties at the thresholds
    ['L_hi*', 'L_lo', 'L_lo*']
    >>> [pbe_outcome(game, e.behavior) for e in solution
    ...  if not refuses_when_indifferent(game, e.behavior)]
    ['L_hi*']
    """
    reached = pbe_paths(game, behavior)
    first = []
    for r in reached:
        move = next((a for who, a in r.moves if who == player and a != "Renew"), "")
        first.append((r.draws[:1], move))
    moves = list(dict.fromkeys(move for _, move in sorted(
        first, key=lambda item: _draw_order(game, item[0]))))
    label = "|".join(moves)
    actions = {a for r in reached for who, a in r.moves if who == player}
    if "carry out" in actions:
        label += FAILED_MARK
    if "back down" in actions:
        label += ABANDONED_MARK
    return label


def _draw_order(game: ExtensiveGame, draws: tuple) -> int:
    if not draws:
        return 0
    root = game.infosets[int(game.tree.infoset[0])]
    return root.actions.index(draws[0]) if draws[0] in root.actions else 0


def describe_pbe(game: ExtensiveGame, equilibrium, fmt: str = "text") -> str:
    """One equilibrium as a reader checks it: the play after each draw of Nature, then the
    conditions on off-path beliefs that support it.

    A belief is written ``mu[<information set>: <draw>]`` (``fmt="text"``), the probability
    the mover puts on the node reached after that draw of Nature; ``fmt="tex"`` gives LaTeX
    (text escaped, each belief condition as math with its belief named after it).
    """
    from gametheory.report import latex as tx

    by_draw: dict[tuple, list[str]] = {}
    for r in pbe_paths(game, equilibrium.behavior):
        by_draw.setdefault(r.draws, []).append(", ".join(a for _, a in r.moves))
    parts = [f"{'/'.join(draws) if draws else 'play'}: {'; '.join(moves)}"
             for draws, moves in by_draw.items()]
    text = " | ".join(parts)
    if fmt == "tex":
        text = tx.escape(text).replace("|", r"\textbar{}")
    region = getattr(equilibrium, "region", None)
    if region is None:
        return text
    names = _belief_names(game)
    beliefs = [c for c in region.conditions
               if any(s.name.startswith("mu_") for s in c.free_symbols)]
    if not beliefs:
        return text + (" (any off-path beliefs)" if equilibrium.off_path else "")
    if fmt != "tex":
        from gametheory.symbolic.relations import relation_text
        shown = [relation_text(c.xreplace({k: v[0] for k, v in names.items()})) for c in beliefs]
        return text + " (off-path beliefs: " + ", ".join(shown) + ")"
    shown = []
    mu = sympy.Symbol("mu", real=True)
    for c in beliefs:
        for symbol in sorted(c.free_symbols, key=str):
            if symbol in names:
                where, draw = names[symbol][1]
                where = tx.escape(where).replace("|", r"\textbar{}")
                condition = tx.relation(c.xreplace({symbol: mu}), inline=True)
                shown.append(f"${condition}$ ($\\mu$: belief at {where} in {tx.escape(draw)})")
    return text + " (off-path beliefs: " + ", ".join(shown) + ")"


def _belief_names(game: ExtensiveGame) -> dict:
    """``mu_k_j`` -> (``mu[<label of information set k>: <draw leading to node j>]`` as a
    symbol, (label, draw))."""
    from gametheory.solvers.pbe import belief_symbol

    out = {}
    for k, infoset in enumerate(game.infosets):
        if infoset.probs is not None:
            continue
        members = [int(v) for v in game.infoset_members(k)]
        if len(members) < 2:
            continue
        for j, v in enumerate(members):
            draw = _draw_above(game, v) or f"node {j}"
            label = infoset.label or str(k)
            out[belief_symbol(game, k, j)] = (sympy.Symbol(f"mu[{label}: {draw}]", real=True),
                                              (label, draw))
    return out


def _draw_above(game: ExtensiveGame, v: int) -> str:
    tree = game.tree
    u = int(tree.parent[v])
    child = v
    while u >= 0:
        if tree.player[u] == CHANCE:
            k = int(tree.infoset[u])
            return game.infosets[k].actions[child - int(tree.first_child[u])]
        child, u = u, int(tree.parent[u])
    return ""


#: The responses that count as accepting (section 3.0 of linkage-research.md: in the versions
#: with endogenous offers, "responders accept when indifferent").
ACCEPT = ("concede", "accept")


def refuses_when_indifferent(game: ExtensiveGame, behavior, accept: Sequence[str] = ACCEPT
                             ) -> bool:
    """Whether some player, alone at its information set (it knows where it is), refuses
    although accepting gives it exactly the same continuation payoff.

    The demands of the screening game (c2) are the types' own thresholds, derived from the
    continuum of demands, so each type is indifferent at its threshold whatever the other
    parameters are.  The continuum game's equilibria are those in which it concedes
    (``linkage-research.md`` 3.0); an equilibrium that needs the refusal exists only at the
    threshold itself.  Values are exact (symbolic for a symbolic game: the tie must then hold
    identically).
    """
    from gametheory.solvers.pbe import node_values

    tree = game.tree
    values = None
    for v in range(game.n_nodes):
        if tree.player[v] in (TERMINAL, CHANCE):
            continue
        k = int(tree.infoset[v])
        infoset = game.infosets[k]
        if len(game.infoset_members(k)) != 1:
            continue
        labels = infoset.actions
        player = infoset.player
        probs = behavior[player][game.player_infosets[player].index(k)]
        chosen = [a for a, p in enumerate(probs) if not is_symbolic(p) and exact(p) == 1]
        if not chosen or labels[chosen[0]] in accept:
            continue
        if values is None:
            values = node_values(game, behavior)
        kids = list(tree.children(v))
        for a, label in enumerate(labels):
            if label in accept:
                gap = sympy.simplify(_sym(values[kids[a]][player])
                                     - _sym(values[kids[chosen[0]]][player]))
                if gap == 0:
                    return True
    return False


def pbe_prediction(model, values: Mapping[str, Any]) -> tuple[str, tuple[str, ...], Any]:
    """Solve ``model`` at ``values`` with its natural solution concept (``model.solve_options``).

    Returns
    -------
    predicted : str
        The equilibrium outcomes (:func:`pbe_outcome`), distinct, in solver order, joined by
        ``/``; equilibria in which a responder refuses although indifferent
        (:func:`refuses_when_indifferent`) are left out.
    described : tuple of str
        Each equilibrium with a distinct description (:func:`describe_pbe`).
    solution : Solution
    """
    import gametheory

    point = {k: exact(v) for k, v in values.items()}
    game = model.build(**point)
    solution = gametheory.solve(game, **model.solve_options)
    if not solution.equilibria:
        raise RuntimeError(f"{model.name}: the solver found no equilibrium at this point")
    kept = [e for e in solution.equilibria if not refuses_when_indifferent(game, e.behavior)]
    labels = [pbe_outcome(game, e.behavior) for e in kept]
    described = tuple(dict.fromkeys(f"{label}: {describe_pbe(game, e)}"
                                    for label, e in zip(labels, kept)))
    return "/".join(dict.fromkeys(labels)), described, solution


def pbe_latex(model, values: Mapping[str, Any]) -> tuple[str, ...]:
    """The equilibria of :func:`pbe_prediction` described in LaTeX (:func:`describe_pbe`)."""
    from gametheory.report import latex as tx

    _, _, solution = pbe_prediction(model, values)
    game = solution.game
    kept = [e for e in solution.equilibria if not refuses_when_indifferent(game, e.behavior)]
    return tuple(dict.fromkeys(f"{tx.escape(pbe_outcome(game, e.behavior))}: "
                               f"{describe_pbe(game, e, 'tex')}" for e in kept))


def _chance_symbols(game: ExtensiveGame) -> list[sympy.Symbol]:
    out: list = []
    for infoset in game.infosets:
        for p in infoset.probs or ():
            if is_symbolic(p):
                out += [s for s in sympy.sympify(p).free_symbols if s not in out]
    return out


class PbeRegions:
    """Every perfect Bayesian equilibrium of a symbolic game, each with its exact region, ready
    to be evaluated at many parameter points at once.

    Parameters
    ----------
    model : Model
    structural : mapping
        Parameters fixed before solving (those that change the tree, such as ``lam``).
    """

    def __init__(self, model, structural: Mapping[str, Any]):
        import gametheory

        self.game = model.build(**{k: exact(v) for k, v in structural.items()})
        assumptions = [c for s in _chance_symbols(self.game) for c in (s > 0, s < 1)]
        self.solution = gametheory.solve(self.game, assumptions=assumptions, simplify=False,
                                         **model.solve_options)
        self.names = [p.name for p in self.game.parameters]
        self.symbols = [p.symbol for p in self.game.parameters]
        self.probabilities = {s.name for s in _chance_symbols(self.game)}
        self.pieces = []
        for e in self.solution.equilibria:
            if refuses_when_indifferent(self.game, e.behavior):
                continue
            label = pbe_outcome(self.game, e.behavior)
            self.pieces.append((label, [_compile(c, self.symbols)
                                        for c in e.region.conditions]))

    def outcomes(self, arrays: Mapping[str, Any]):
        """For each point (arrays of equal length, one per parameter), the set of equilibrium
        outcomes, as a tuple of boolean arrays keyed by outcome."""
        import numpy as np

        columns = [np.asarray(arrays[n], dtype=float) for n in self.names]
        size = len(columns[0]) if columns else 1
        out: dict[str, Any] = {}
        for label, conditions in self.pieces:
            holds = np.ones(size, dtype=bool)
            beliefs: dict = {}
            for kind, payload in conditions:
                if kind == "plain":
                    holds &= payload(*columns)
                else:
                    symbol, a, b, op = payload
                    beliefs.setdefault(symbol, []).append((a(*columns), b(*columns), op))
            for terms in beliefs.values():
                holds &= _belief_feasible(terms, size)
            out[label] = out.get(label, np.zeros(size, dtype=bool)) | holds
        return out


def _compile(relation, symbols):
    """A condition as a numpy function of the parameters, or, when it is linear in one belief
    ``mu``, as ``a*mu + b (op) 0`` with ``a`` and ``b`` numpy functions."""
    import numpy as np

    expr = sympy.expand(relation.lhs - relation.rhs)
    op = type(relation)
    mus = [s for s in expr.free_symbols if s.name.startswith("mu_")]
    if not mus:
        f = sympy.lambdify(symbols, expr, "numpy")
        test = _OPS[op]
        return "plain", lambda *cols: np.broadcast_to(test(np.asarray(f(*cols), dtype=float)),
                                                      np.shape(cols[0]) if cols else ())
    if len(mus) > 1 or sympy.degree(expr, mus[0]) > 1:
        raise NotImplementedError("a condition on several beliefs at once")
    mu = mus[0]
    a = sympy.lambdify(symbols, sympy.expand(expr).coeff(mu, 1), "numpy")
    b = sympy.lambdify(symbols, expr.subs(mu, 0), "numpy")
    return "belief", (mu, _broadcast(a), _broadcast(b), op)


def _broadcast(f):
    import numpy as np
    return lambda *cols: np.broadcast_to(np.asarray(f(*cols), dtype=float),
                                         np.shape(cols[0]) if cols else ()).copy()


_OPS = {sympy.StrictGreaterThan: lambda z: z > 0, sympy.GreaterThan: lambda z: z >= 0,
        sympy.StrictLessThan: lambda z: z < 0, sympy.LessThan: lambda z: z <= 0,
        sympy.Equality: lambda z: z == 0, sympy.Unequality: lambda z: z != 0}


def _belief_feasible(terms, size):
    """Whether some belief in [0, 1] satisfies every ``a*mu + b (op) 0`` (weak inequalities; a
    strict one at a random point differs only on a set of measure zero)."""
    import numpy as np

    lo, hi = np.zeros(size), np.ones(size)
    ok = np.ones(size, dtype=bool)
    for a, b, op in terms:
        if op in (sympy.LessThan, sympy.StrictLessThan):
            a, b = -a, -b                       # a*mu + b <= 0  <=>  -a*mu - b >= 0
        elif op not in (sympy.GreaterThan, sympy.StrictGreaterThan):
            raise NotImplementedError("an equation on a belief")
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = -b / a
        pos, neg, zero = a > 0, a < 0, a == 0
        lo = np.where(pos, np.maximum(lo, bound), lo)
        hi = np.where(neg, np.minimum(hi, bound), hi)
        ok &= ~zero | (b >= 0)
    return ok & (lo <= hi)


def perturbations(regions: PbeRegions, values: Mapping[str, Any], samples: int,
                  spread: Fraction, seed: int) -> dict[str, Any]:
    """The perturbed points: every free parameter of the solved game multiplied independently
    by a factor drawn uniformly from ``[1 - spread, 1 + spread]`` (numpy's default generator
    with ``seed``, one draw of ``samples`` factors per parameter in the order of the game's
    parameters, as the complete-information rows do).  A perturbed chance probability must stay
    inside (0, 1)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    arrays = {}
    for name in regions.names:
        factor = rng.uniform(1 - float(spread), 1 + float(spread), samples)
        arrays[name] = float(exact(values[name])) * factor
        if name in regions.probabilities and not (
                (arrays[name] > 0).all() and (arrays[name] < 1).all()):
            raise ValueError(f"{name} = {values[name]} perturbed by +-{float(spread):.0%} "
                             "leaves (0, 1): choose a probability further inside")
    return arrays


def kept(regions: PbeRegions, arrays: Mapping[str, Any], predicted: str):
    """A boolean array: at which points the set of equilibrium outcomes is ``predicted``'s."""
    import numpy as np

    found = regions.outcomes(arrays)
    wanted = set(predicted.split("/"))
    size = len(next(iter(arrays.values()))) if arrays else 1
    keep = np.ones(size, dtype=bool)
    for label, holds in found.items():
        keep &= holds if label in wanted else ~holds
    if wanted - set(found):
        keep &= False
    return keep


def pbe_robustness(regions: PbeRegions, values: Mapping[str, Any], predicted: str,
                   samples: int, spread: Fraction, seed: int) -> float:
    """The share of random perturbations of ``values`` (:func:`perturbations`) whose set of
    equilibrium outcomes is the predicted one (:func:`kept`).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> model = MODELS["linkage-screening"]
    >>> point = model.point(lam=1, q="1/2", ell_A=3, ell_H=4, ell_L=2)
    >>> regions = PbeRegions(model, {"lam": 1})
    >>> share = pbe_robustness(regions, point, "L_lo", 1000, Fraction(1, 4), 1)
    >>> 0.5 < share < 1
    True
    """
    return float(kept(regions, perturbations(regions, values, samples, spread, seed),
                      predicted).sum()) / samples
