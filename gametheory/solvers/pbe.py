"""Perfect Bayesian equilibria: assessments, exact checks, and enumeration by supports.

An *assessment* is a behaviour profile ``b[player][infoset][action]`` with beliefs
``mu[player][infoset][node]`` (nodes of an information set in pre-order, as
``game.infoset_members(k)``).  It is a *weak perfect Bayesian equilibrium* (Mas-Colell, Whinston
and Green 1995, def. 9.C.3) when

1. it is sequentially rational: at every information set the mover's continuation strategy is a
   best reply to the others' given the beliefs there, and
2. beliefs follow Bayes' rule at every information set reached with positive probability;
   elsewhere (off the path) they are free.

:func:`perfect_bayesian` enumerates the supports of the behaviour profile (only pure profiles
unless ``mixed=True``), ordered so that a support is abandoned as soon as the conditions it fixes
are contradictory.  For one support, the conditions are exact relations: at an information set
``h`` on the path, ``sum_x reach(x) (V_b(x) - V_alt(x)) >= 0`` for every pure alternative
continuation ``alt`` of the mover (Bayes' rule multiplied through by ``Pr(h) > 0``); off the path
the free belief symbols :func:`belief_symbol` take the place of ``reach``.  The relations are
linear in beliefs for pure profiles, bilinear at most in signaling games; they are decided by
:class:`gametheory.symbolic.regions.Region` (exact elimination, or z3 when nonlinear), so every
equilibrium comes with the exact set of beliefs (and parameters, and mixing probabilities) that
supports it.  Each one is then certified at an exact sample point of its region by the one
certifier, :func:`gametheory.solvers.regret.sequential_regret` (beliefs checked against Bayes'
rule on the path, then the best continuation at every information set by the sequence-form
best response); that exact number is the equilibrium's ``regret``.

References
----------
Fudenberg and Tirole, "Perfect Bayesian equilibrium and sequential equilibrium", JET 53 (1991);
Mas-Colell, Whinston and Green, *Microeconomic Theory* (1995), 9.C.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import sympy

from ..games.extensive import CHANCE, ExtensiveGame
from ..numbers import exact, is_symbolic, to_sympy
from ..parameters import Parameter
from ..symbolic.decide import UndecidedError
from ..symbolic.regions import Region
from . import behavior as profiles
from .regret import consistent_beliefs, sequential_regret, sequential_regrets
from .result import Equilibrium, Solution, frozen_mapping

__all__ = ["PerfectBayesianEquilibrium", "perfect_bayesian", "pbe_solution", "belief_symbol",
           "mixing_symbol", "reach_probabilities", "node_values", "bayes_beliefs",
           "satisfies_bayes", "is_sequentially_rational", "check_assessment", "TreeView"]


# ------------------------------------------------------------------------------ symbols

def belief_symbol(game: ExtensiveGame, k: int, j: int) -> sympy.Symbol:
    """The free belief on the ``j``-th node (pre-order) of information set ``k`` (global index).

    An off-path information set with ``n`` nodes has free beliefs on its first ``n - 1`` nodes;
    the last node's belief is one minus their sum.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> belief_symbol(beer_quiche(), 3, 0)
    mu_3_0
    """
    return sympy.Symbol(f"mu_{k}_{j}", real=True)


def mixing_symbol(game: ExtensiveGame, k: int, a: int) -> sympy.Symbol:
    """The probability of action ``a`` at information set ``k`` in a mixed support.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> mixing_symbol(beer_quiche(), 1, 0)
    b_1_0
    """
    return sympy.Symbol(f"b_{k}_{a}", real=True)


# ------------------------------------------------------------------------------ arithmetic

def _num(x):
    """Keep Fractions; turn anything symbolic into an expanded sympy expression."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, int):
        return Fraction(x)
    x = sympy.expand(x)
    return exact(x) if not x.free_symbols else x


def _mul(a, b):
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a * b
    return to_sympy(a) * to_sympy(b)


def _add(a, b):
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return a + b
    return to_sympy(a) + to_sympy(b)


def _is_zero(x) -> bool:
    return x == 0 if isinstance(x, Fraction) else sympy.expand(x) == 0


# ------------------------------------------------------------------------------ the tree

class TreeView:
    """Plain-Python views of the compiled tree, computed once per game, for walks that follow
    single paths and single information sets (the support search here, the refinements).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> view = TreeView(beer_quiche())
    >>> view.local[3], view.members[3], view.children[4]
    ((1, 1), [4, 6], [9, 10])
    """

    def __init__(self, game: ExtensiveGame):
        tree = game.tree
        self.game = game
        self.n = tree.n_nodes
        self.parent = tree.parent.tolist()
        self.infoset = tree.infoset.tolist()
        self.player = tree.player.tolist()
        self.children = [list(tree.children(v)) for v in range(self.n)]
        self.prob = [tree.exact_prob(v) for v in range(self.n)]
        self.payoff = [tuple(tree.exact_payoff(v, i) for i in range(game.n_players))
                       if not self.children[v] else None for v in range(self.n)]
        self.local = {k: (p, j) for p, sets in enumerate(game.player_infosets)
                      for j, k in enumerate(sets)}
        self.members = {k: game.infoset_members(k).tolist() for k in self.local}
        self.order = sorted(self.local, key=lambda k: game.preorder_position()[self.members[k][0]])

    def below(self, nodes: Iterable[int]) -> list[int]:
        """All nodes in the subtrees of ``nodes`` (the nodes included)."""
        out, stack = [], list(nodes)
        while stack:
            v = stack.pop()
            out.append(v)
            stack.extend(self.children[v])
        return out

    def above(self, nodes: Iterable[int]) -> set[int]:
        """All strict ancestors of ``nodes``."""
        out = set()
        for v in nodes:
            v = self.parent[v]
            while v >= 0 and v not in out:
                out.add(v)
                v = self.parent[v]
        return out

    def move_prob(self, behavior: Mapping[int, Sequence], v: int):
        """Probability of the move into ``v`` from its parent."""
        u = self.parent[v]
        if self.player[u] == CHANCE:
            return self.prob[v]
        return behavior[self.infoset[u]][self.children[u].index(v)]

    def by_infoset(self, behavior) -> dict[int, tuple]:
        """A behaviour profile ``[player][infoset][action]`` as a map global infoset -> probs
        (numbers exact, expressions expanded)."""
        return {k: tuple(_num(x) for x in behavior[p][j]) for k, (p, j) in self.local.items()}


def _as_profile(tree: TreeView, by_set: Mapping[int, Sequence]) -> tuple:
    game = tree.game
    return tuple(tuple(tuple(by_set[k]) for k in sets) for sets in game.player_infosets)


# ------------------------------------------------------------------------------ evaluation

def reach_probabilities(game: ExtensiveGame, behavior) -> list:
    """The probability of reaching each node (breadth-first ids) under a behaviour profile
    (:func:`gametheory.solvers.behavior.realization_probabilities`).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> g = beer_quiche()
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> [str(p) for p in reach_probabilities(g, pool_beer)[3:7]]
    ['1/10', '0', '9/10', '0']
    """
    return [_num(x) for x in profiles.realization_probabilities(game, behavior)]


def node_values(game: ExtensiveGame, behavior) -> list:
    """Each node's expected payoff vector when play continues by the behaviour profile
    (:func:`gametheory.solvers.behavior.node_values`, expressions expanded).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> [str(x) for x in node_values(beer_quiche(), pool_beer)[0]]
    ['29/10', '9/10']
    """
    return [tuple(_num(x) for x in row) for row in profiles.node_values(game, behavior)]


def _value(tree: TreeView, behavior, v: int, player: int | None, memo: dict):
    """Expected payoff at ``v`` (a vector, or one player's entry), following ``behavior``.

    The support search evaluates many partial profiles with expressions in beliefs, mixing
    probabilities and parameters; this walk visits only the branches of positive probability
    below ``v`` and expands as it goes.  Numeric checks use the kernel
    (:mod:`gametheory.solvers.behavior`) and the certifier (:mod:`gametheory.solvers.regret`).
    """
    if v in memo:
        return memo[v]
    if tree.payoff[v] is not None:
        out = tree.payoff[v] if player is None else tree.payoff[v][player]
    else:
        out = None
        for w in tree.children[v]:
            p = tree.move_prob(behavior, w)
            if _is_zero(p):
                continue
            sub = _value(tree, behavior, w, player, memo)
            term = tuple(_mul(p, x) for x in sub) if player is None else _mul(p, sub)
            out = term if out is None else (tuple(_add(a, b) for a, b in zip(out, term))
                                              if player is None else _add(out, term))
        out = tuple(_num(x) for x in out) if player is None else _num(out)
    memo[v] = out
    return out


def bayes_beliefs(game: ExtensiveGame, behavior) -> tuple:
    """Beliefs by Bayes' rule: ``[player][infoset][node]``, None at information sets off the path
    (:func:`gametheory.solvers.behavior.bayes_beliefs`, expressions expanded).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> separate = (((0, 1), (1, 0)), ((0, 1), (1, 0)))    # weak: quiche, strong: beer
    >>> bayes_beliefs(beer_quiche(), separate)[1]
    ((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    return tuple(tuple(None if mu is None else tuple(_num(x) for x in mu) for mu in row)
                 for row in profiles.bayes_beliefs(game, behavior))


def satisfies_bayes(game: ExtensiveGame, behavior, beliefs) -> bool:
    """Whether the beliefs are probability vectors that follow Bayes' rule on the path (exact;
    :func:`gametheory.solvers.regret.consistent_beliefs`).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> satisfies_bayes(beer_quiche(), pool_beer, (((1,), (1,)), ((Fraction(1, 10), Fraction(9, 10)), (1, 0))))
    True
    """
    try:
        consistent_beliefs(game, behavior, beliefs)
    except ValueError:
        return False
    return True


def is_sequentially_rational(game: ExtensiveGame, behavior, beliefs) -> bool:
    """Whether every mover's continuation strategy is a best reply given the beliefs (exact).

    True exactly when every entry of :func:`gametheory.solvers.regret.sequential_regrets` is 0:
    at each information set the prescribed continuation is compared with the best one (the
    sequence-form best response from the set's nodes weighted by the beliefs), the others'
    behaviour fixed.  Numeric games with perfect recall.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> g = beer_quiche()
    >>> pool_beer = (((1, 0), (1, 0)), ((0, 1), (1, 0)))
    >>> mu = (((1,), (1,)), ((Fraction(1, 10), Fraction(9, 10)), (Fraction(1, 2), Fraction(1, 2))))
    >>> is_sequentially_rational(g, pool_beer, mu)
    True
    >>> is_sequentially_rational(g, pool_beer, (mu[0], (mu[1][0], (0, 1))))
    False
    """
    return not any(gain for row in sequential_regrets(game, behavior, beliefs) for gain in row)


def check_assessment(game: ExtensiveGame, behavior, beliefs) -> bool:
    """Whether ``(behavior, beliefs)`` is a weak perfect Bayesian equilibrium, exactly."""
    return satisfies_bayes(game, behavior, beliefs) and is_sequentially_rational(
        game, behavior, beliefs)


# ------------------------------------------------------------------------------ results

@dataclass(frozen=True)
class PerfectBayesianEquilibrium(Equilibrium):
    """A weak PBE, or a family of them sharing one support.

    Attributes
    ----------
    payoffs, behavior
        As in :class:`~gametheory.solvers.result.Equilibrium`; entries may be expressions in
        mixing symbols (:func:`mixing_symbol`) and parameters.
    beliefs : tuple
        ``[player][infoset][node]``: Bayes' rule on the path (exact numbers or expressions),
        free symbols (:func:`belief_symbol`) off the path.
    region : Region
        Exactly where the assessment is a weak PBE: conditions on the free beliefs, the mixing
        probabilities and the game's parameters.
    off_path : tuple of int
        Global indices of the information sets off the path (beliefs free there).
    support : tuple
        ``[player][infoset]``: the actions played with positive probability.
    witness : mapping or None
        An exact point of the region (name -> Fraction; read-only) at which the assessment was
        certified.
    verified : bool or None
        Whether it passed: beliefs by Bayes' rule on the path and sequential regret exactly 0
        (None when no exact point could be found).
    regret : Fraction or None
        The exact sequential regret of the assessment at the witness, computed by
        :func:`gametheory.solvers.regret.sequential_regret` (None without a witness).
    """

    beliefs: tuple = ()
    region: Region | None = None
    off_path: tuple = ()
    support: tuple = ()
    witness: Mapping | None = field(default=None, hash=False)
    verified: bool | None = None

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.witness is not None:
            object.__setattr__(self, "witness", frozen_mapping(self.witness))

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for sets in self.support for s in sets)

    def at(self, point: Mapping) -> tuple[tuple, tuple]:
        """The assessment ``(behavior, beliefs)`` at a point of the region (symbols or names)."""
        values = {(k if isinstance(k, str) else k.name): Fraction(v) for k, v in point.items()}

        def sub(x):
            if not is_symbolic(x):
                return exact(x)
            return exact(x.xreplace({s: to_sympy(values[s.name]) for s in x.free_symbols}))

        behavior = tuple(tuple(tuple(sub(x) for x in a) for a in p) for p in self.behavior)
        beliefs = tuple(tuple(tuple(sub(x) for x in a) for a in p) for p in self.beliefs)
        return behavior, beliefs

    def to_json_dict(self, extensive: bool = True, game=None) -> dict:
        from ..numbers import to_text
        out = super().to_json_dict(extensive, game)
        out["beliefs"] = [[[to_text(x) for x in nodes] for nodes in player]
                          for player in self.beliefs]
        out["region"] = self.region.conditions_text() if self.region is not None else []
        if self.witness is not None:
            out["witness"] = {name: to_text(v) for name, v in self.witness.items()}
        return out


# ------------------------------------------------------------------------------ enumeration

def perfect_bayesian(game: ExtensiveGame, *, mixed: bool = False,
                     assumptions: Iterable[sympy.Basic] = (), simplify: bool = True,
                     limit: int | None = None) -> tuple[PerfectBayesianEquilibrium, ...]:
    """All weak perfect Bayesian equilibria, each with the exact region of beliefs supporting it.

    Parameters
    ----------
    game : ExtensiveGame
        Finite, with perfect recall; numeric or symbolic (chance probabilities must then be
        positive on the parameters' domains).
    mixed : bool
        False: pure behaviour profiles only.  True: every support (small games: the number of
        supports is the product over information sets of ``2^actions - 1``).
    assumptions : iterable of sympy relations
        Global assumptions on the parameters (such as ``K_H > ell_A``).
    simplify : bool
        Remove redundant conditions from each region (slower for symbolic games).
    limit : int, optional
        Stop after this many equilibria.

    Returns
    -------
    tuple of PerfectBayesianEquilibrium
        One entry per support whose conditions can hold.  For a pure support the behaviour is
        numeric and the region is the exact set of off-path beliefs (and parameters) that make
        it a weak PBE.  A mixed support's entry is a family: behaviour and beliefs are
        expressions in :func:`mixing_symbol` and :func:`belief_symbol`, tied by the region.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> pbes = perfect_bayesian(beer_quiche())
    >>> [[s[0] for s in pbe.support[0]] for pbe in pbes]   # messages of weak, strong
    [[0, 0], [1, 1]]
    >>> [str(pbe.region) for pbe in pbes]
    ['(2*mu_3_0 >= 1)', '(2*mu_2_0 >= 1)']
    """
    if not game.has_perfect_recall:
        raise ValueError("perfect Bayesian equilibria are computed for games with perfect recall")
    tree = TreeView(game)
    assumptions = tuple(assumptions)
    _check_chance_positive(game, assumptions)
    engine = _Supports(tree, mixed, assumptions)
    found = []
    for support, conditions, variables in engine.run():
        pbe = _equilibrium(tree, support, conditions, variables, assumptions, simplify)
        if pbe is not None:
            found.append(pbe)
            if limit is not None and len(found) >= limit:
                break
    return tuple(found)


def _check_chance_positive(game: ExtensiveGame, assumptions) -> None:
    for s in game.infosets:
        if s.probs is None:
            continue
        for p in s.probs:
            if isinstance(p, Fraction):
                continue
            region = Region([], game.parameters, assumptions)
            if region.implies(to_sympy(p) > 0).status != "true":
                raise ValueError(f"chance probability {p} is not positive on the parameters' "
                                 f"domains; narrow the domain (e.g. p in (0, 1))")


class _Supports:
    """Depth-first search over supports, pruned by the conditions each partial support fixes."""

    def __init__(self, tree: TreeView, mixed: bool, assumptions: tuple):
        self.tree = tree
        self.assumptions = assumptions
        self.params = tree.game.parameters
        game = tree.game
        self.options = {}
        for k in tree.order:
            n = len(game.infosets[k].actions)
            sizes = range(1, n + 1) if mixed else (1,)
            self.options[k] = [s for r in sizes for s in itertools.combinations(range(n), r)]
        position = {k: i for i, k in enumerate(tree.order)}
        self.ready: dict[int, list[int]] = {i: [] for i in range(len(tree.order))}
        self.future: dict[int, list[int]] = {}
        for k in tree.order:
            nodes = tree.members[k]
            below = tree.below(nodes)
            deps = {tree.infoset[v] for v in below + list(tree.above(nodes))
                    if tree.player[v] >= 0}
            self.ready[max(position[d] for d in deps | {k})].append(k)
            p = tree.local[k][0]
            self.future[k] = sorted({tree.infoset[v] for v in below if tree.player[v] == p})
        self._cache: dict = {}

    def run(self):
        yield from self._search(0, {}, [], [])

    def _search(self, i, support, conditions, variables):
        tree = self.tree
        if i == len(tree.order):
            yield dict(support), list(conditions), list(variables)
            return
        k = tree.order[i]
        for s in self.options[k]:
            support[k] = s
            new_vars = _mixing_variables(tree, k, s)
            behavior = _behavior(tree, support)
            added = list(new_vars[1])
            ok = True
            for h in self.ready[i]:
                relations = _conditions(tree, behavior, h, self.future[h])
                if relations is None:
                    ok = False
                    break
                added.extend(relations)
            if ok:
                all_conditions = conditions + added
                if any(c.free_symbols for c in added) or added:
                    ok = self._feasible(all_conditions, variables + new_vars[0])
            if ok:
                yield from self._search(i + 1, support, all_conditions,
                                        variables + new_vars[0])
            del support[k]

    def _feasible(self, conditions, variables) -> bool:
        key = frozenset(conditions)
        if key not in self._cache:
            region = Region(conditions, tuple(self.params) + _belief_parameters(conditions)
                            + tuple(variables), self.assumptions)
            self._cache[key] = region.feasibility().status != "false"
        return self._cache[key]


def _mixing_variables(tree: TreeView, k: int, support: tuple) -> tuple[list, list]:
    """Parameters and conditions for the mixing probabilities of a support with >= 2 actions."""
    if len(support) == 1:
        return [], []
    symbols = [mixing_symbol(tree.game, k, a) for a in support[:-1]]
    params = [Parameter(s.name, "(0, 1)") for s in symbols]
    return params, [sympy.Add(*symbols) < 1]


def _behavior(tree: TreeView, support: Mapping[int, tuple]) -> dict[int, tuple]:
    out = {}
    for k, s in support.items():
        n = len(tree.game.infosets[k].actions)
        probs = [Fraction(0)] * n
        if len(s) == 1:
            probs[s[0]] = Fraction(1)
        else:
            symbols = [mixing_symbol(tree.game, k, a) for a in s[:-1]]
            for a, x in zip(s, symbols):
                probs[a] = x
            probs[s[-1]] = 1 - sympy.Add(*symbols)
        out[k] = tuple(probs)
    return out


def _beliefs_at(tree: TreeView, behavior, k: int):
    """``(weights, free)``: Bayes weights (reach probabilities) on the path, else belief symbols."""
    weights = [_reach_node(tree, behavior, v) for v in tree.members[k]]
    if any(not _is_zero(w) for w in weights):
        return weights, False
    m = len(weights)
    if m == 1:
        return [Fraction(1)], True
    symbols = [belief_symbol(tree.game, k, j) for j in range(m - 1)]
    return symbols + [1 - sympy.Add(*symbols)], True


def _reach_node(tree: TreeView, behavior, v: int):
    """The probability of reaching ``v``: the product of the moves on its path."""
    out = Fraction(1)
    while v > 0:
        out = _mul(out, tree.move_prob(behavior, v))
        if _is_zero(out):
            return Fraction(0)
        v = tree.parent[v]
    return _num(out)


def _conditions(tree: TreeView, behavior, k: int, future: list[int]) -> list | None:
    """Sequential rationality at ``k`` as relations (None if a numeric one fails)."""
    p = tree.local[k][0]
    weights, free = _beliefs_at(tree, behavior, k)
    nodes = tree.members[k]
    memo: dict = {}
    base = [_value(tree, behavior, x, p, memo) for x in nodes]
    out = []
    if free and len(nodes) > 1:
        out.append(sympy.Add(*[to_sympy(w) for w in weights[:-1]]) <= 1)
    actions = [range(len(tree.game.infosets[h].actions)) for h in future]
    for choice in itertools.product(*actions):
        alt = dict(behavior)
        for h, a in zip(future, choice):
            probs = [Fraction(0)] * len(actions[future.index(h)])
            probs[a] = Fraction(1)
            alt[h] = tuple(probs)
        memo_alt: dict = {}
        gain = _num(sum((to_sympy(_mul(w, _add(b, _mul(Fraction(-1), _value(
            tree, alt, x, p, memo_alt))))) for w, b, x in zip(weights, base, nodes)),
            sympy.S.Zero))
        if isinstance(gain, Fraction):
            if gain < 0:
                return None
            continue
        relation = gain >= 0
        if relation is sympy.false:
            return None
        if relation is not sympy.true and relation not in out:
            out.append(relation)
    return out


def _belief_parameters(conditions) -> tuple:
    names = sorted({s.name for c in conditions for s in c.free_symbols
                    if s.name.startswith("mu_")})
    return tuple(Parameter(n, "[0, 1]") for n in names)


def _equilibrium(tree: TreeView, support, conditions, variables, assumptions, simplify):
    game = tree.game
    behavior = _behavior(tree, support)
    params = tuple(game.parameters) + _belief_parameters(conditions) + tuple(variables)
    region = Region(conditions, params, assumptions)
    status = region.feasibility().status
    if status == "false":
        return None
    if simplify and conditions:
        try:
            region = region.simplify()
        except UndecidedError:
            pass
    beliefs, off_path = [], []
    for p, sets in enumerate(game.player_infosets):
        row = []
        for k in sets:
            weights, free = _beliefs_at(tree, behavior, k)
            if free:
                off_path.append(k)
                row.append(tuple(_num(w) for w in weights))
            else:
                total = sympy.Add(*[to_sympy(w) for w in weights])
                row.append(tuple(_num(sympy.cancel(to_sympy(w) / total)) for w in weights))
        beliefs.append(tuple(row))
    memo: dict = {}
    payoffs = _value(tree, behavior, 0, None, memo)
    profile = _as_profile(tree, behavior)
    supports = tuple(tuple(support[k] for k in sets) for sets in game.player_infosets)
    pbe = PerfectBayesianEquilibrium(payoffs=payoffs, behavior=profile, beliefs=tuple(beliefs),
                                     region=region, off_path=tuple(sorted(off_path)),
                                     support=supports, regret=None)
    witness, verified, gap = _verify(game, pbe)
    return replace(pbe, witness=witness, verified=verified, regret=gap)


def _verify(game: ExtensiveGame, pbe: PerfectBayesianEquilibrium):
    """Certify the assessment at an exact sample point of its region: ``(point, verified,
    regret)`` with the sequential regret from :func:`gametheory.solvers.regret.sequential_regret`
    (None when no point is found or the beliefs break Bayes' rule there)."""
    try:
        point = pbe.region.sample_point()
    except (UndecidedError, ValueError):
        return None, None, None
    point = {s.name: v for s, v in point.items()}
    for symbol in pbe.region.symbols():
        point.setdefault(symbol, Fraction(0))
    numeric = game.substitute({p.name: point[p.name] for p in game.parameters}) \
        if game.parameters else game
    behavior, beliefs = pbe.at(point)
    try:
        gap = sequential_regret(numeric, behavior, beliefs)
    except ValueError:                  # beliefs that Bayes' rule contradicts on the path
        return point, False, None
    return point, gap == 0, gap


# ------------------------------------------------------------------------------ front door

def pbe_solution(game: ExtensiveGame, **options: Any) -> Solution:
    """All weak PBE as a :class:`~gametheory.solvers.result.Solution` (``method="pbe"``).

    Options are those of :func:`perfect_bayesian`.  Each equilibrium is a
    :class:`PerfectBayesianEquilibrium` carrying ``beliefs`` ``[player][infoset][node]``, its
    supporting ``region`` and its exact sequential ``regret`` at a point of the region; a
    regret other than 0 would be a solver bug and raises ``AssertionError``.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> solution = pbe_solution(beer_quiche())
    >>> solution.method, len(solution), solution.complete, [e.regret for e in solution]
    ('pbe', 2, True, [Fraction(0, 1), Fraction(0, 1)])
    """
    equilibria = perfect_bayesian(game, **options)
    for equilibrium in equilibria:
        if equilibrium.regret:
            raise AssertionError(f"solver bug: a perfect Bayesian equilibrium has sequential "
                                 f"regret {equilibrium.regret} at {dict(equilibrium.witness)}")
    limit = options.get("limit")
    complete = limit is None or len(equilibria) < limit
    kind = "all supports" if options.get("mixed") else "pure behaviour profiles"
    unverified = sum(1 for e in equilibria if e.verified is not True)
    note = f"weak perfect Bayesian equilibria over {kind}; beliefs free off the path"
    if unverified:
        note += f"; {unverified} could not be re-checked at an exact sample point"
    return Solution(game, "pbe", dict(options), equilibria, complete, note,
                    len(equilibria) if complete else None)
