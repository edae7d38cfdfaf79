"""Refinements of perfect Bayesian equilibria: consistency, the Intuitive Criterion, D1, and the
pooling / separating classification of signaling equilibria.

All tests take a :class:`~gametheory.solvers.pbe.PerfectBayesianEquilibrium` of a numeric game
and answer with a :class:`Verdict` that says whether it survives and why.

* :func:`sequential_consistency` (Kreps and Wilson 1982): is there a supporting belief that is
  the limit of Bayes' rule along totally mixed profiles ``b_n(a) = c_a eps_n^(k_a)`` for the
  unused actions ``a``?  With real exponents ``k_a > 0`` and coefficients ``c_a > 0`` the limit
  belief at an information set puts weight only on its nodes of least total order
  ``sum k_a`` (a linear condition on ``k``) and, among those, is proportional to
  ``P+(x) prod c_a`` (``P+``: the product of the positive probabilities on the path).  Writing
  ``w = log c`` turns the ratios into a linear system ``A w = log rho``, solvable iff
  ``prod rho^y = 1`` for every integer ``y`` in the left null space of ``A``: polynomial
  equations in the beliefs, intersected exactly with the equilibrium's region.
* :func:`intuitive_criterion` (Cho and Kreps 1987, section IV): a type is *equilibrium-dominated*
  at an unsent message if every best response gives it less than its equilibrium payoff; the
  equilibrium fails when some other type gets more than its equilibrium payoff from every best
  response to beliefs on the undominated types.
* :func:`d1` (Cho and Kreps 1987; Banks and Sobel 1987): at an unsent message, type ``t`` is
  deleted when the mixed best responses that make it weakly willing to deviate make another
  type strictly willing; the equilibrium survives when some supporting belief puts no weight on
  deleted types.
* :func:`classify`: pooling, separating, hybrid (pure, some types pool and some separate) or
  semi-separating (some type mixes).

In a game where the sender moves again after the response (such as the linkage game c1), the
sender's and receiver's payoffs from ``(type, message, response)`` are continuation values under
the equilibrium's later play.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable

import sympy

from ..games.extensive import ExtensiveGame
from ..games.signaling import SignalingStructure, signaling_structure
from ..numbers import exact, to_sympy
from ..parameters import Parameter
from ..symbolic.regions import Region
from .behavior import node_values
from .pbe import PerfectBayesianEquilibrium, TreeView, belief_symbol

__all__ = ["Verdict", "classify", "intuitive_criterion", "d1", "sequential_consistency",
           "refine"]


@dataclass(frozen=True)
class Verdict:
    """Whether an equilibrium survives a test, with the reasons in words.

    Attributes
    ----------
    test : str
    survives : bool
    reasons : tuple of str
        One line per message examined (or per failure).
    region : Region or None
        Where the test leaves beliefs (D1 and consistency: the supporting beliefs that pass).
    """

    test: str
    survives: bool
    reasons: tuple[str, ...] = ()
    region: Region | None = None

    def __bool__(self) -> bool:
        return self.survives


# ------------------------------------------------------------------------------ the signaling view

class _View:
    """Types, messages, responses and continuation payoffs of one equilibrium (at its witness)."""

    def __init__(self, game: ExtensiveGame, pbe: PerfectBayesianEquilibrium):
        if game.is_symbolic:
            raise ValueError("refinements need a numeric game: substitute the parameters first")
        self.game = game
        self.pbe = pbe
        self.s: SignalingStructure = signaling_structure(game)
        self.tree = TreeView(game)
        point = pbe.witness or {}
        self.behavior, self.beliefs = pbe.at(point) if point else (pbe.behavior, pbe.beliefs)
        self.by_set = self.tree.by_infoset(self.behavior)
        self.values = node_values(game, self.behavior)
        kids = self.tree.children[0]
        sender = self.s.sender
        self.eq = [self.value(v, sender) for v in kids]
        self.types = range(len(self.s.types))

    def value(self, v: int, player: int) -> Fraction:
        """The continuation value of node ``v`` to ``player`` under the equilibrium's play."""
        return exact(self.values[v, player])

    def sent(self, m: int) -> bool:
        return any(self.by_set[k][m] > 0 for k in self.s.type_infosets)

    def responses(self, m: int) -> list[int | None]:
        k = self.s.message_infosets[m]
        return [None] if k is None else list(range(len(self.game.infosets[k].actions)))

    def node(self, t: int, m: int, r: int | None) -> int:
        v = self.s.after[t][m]
        return v if r is None else self.tree.children[v][r]

    def u_sender(self, t, m, r) -> Fraction:
        return self.value(self.node(t, m, r), self.s.sender)

    def u_receiver(self, t, m, r) -> Fraction:
        if r is None:
            return Fraction(0)
        return self.value(self.node(t, m, r), self.s.receiver)

    def label(self, m: int, r: int | None) -> str:
        k = self.s.message_infosets[m]
        return "(end)" if r is None else self.game.infosets[k].actions[r]

    def best_response_sets(self, m: int, types: Iterable[int]) -> list[tuple[int, ...]]:
        """Sets S of responses all optimal against one belief on ``types`` (maximal or not)."""
        types = list(types)
        rs = self.responses(m)
        mu = [sympy.Symbol(f"nu_{t}", real=True) for t in types]
        params = [Parameter(x.name, "[0, 1]") for x in mu]
        out = []
        for size in range(1, len(rs) + 1):
            for S in itertools.combinations(rs, size):
                conditions = [sympy.Eq(sympy.Add(*mu), 1)]
                for r in S:
                    for r2 in rs:
                        if r2 == r:
                            continue
                        gain = sum((x * to_sympy(self.u_receiver(t, m, r) -
                                                 self.u_receiver(t, m, r2))
                                    for x, t in zip(mu, types)), sympy.S.Zero)
                        conditions.append(sympy.Eq(gain, 0) if r2 in S else gain >= 0)
                conditions = [c for c in conditions if c is not sympy.true]
                if sympy.false in conditions:
                    continue
                if not Region(conditions, params).is_empty():
                    out.append(S)
        return out

    def best_responses(self, m: int, types: Iterable[int]) -> set:
        return {r for S in self.best_response_sets(m, types) for r in S}


def _off_path(view: _View) -> list[int]:
    return [m for m in range(len(view.s.messages)) if not view.sent(m)]


# ------------------------------------------------------------------------------ classification

def classify(game: ExtensiveGame, pbe: PerfectBayesianEquilibrium) -> str:
    """``'pooling'``, ``'separating'``, ``'hybrid'`` (pure; some types pool, some separate) or
    ``'semi-separating'`` (some type mixes), from the sender's supports.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> from gametheory.solvers.pbe import perfect_bayesian
    >>> g = beer_quiche()
    >>> [classify(g, e) for e in perfect_bayesian(g)]
    ['pooling', 'pooling']
    """
    s = signaling_structure(game)
    tree = TreeView(game)
    supports = [pbe.support[tree.local[k][0]][tree.local[k][1]] for k in s.type_infosets]
    if any(len(x) > 1 for x in supports):
        return "semi-separating"
    messages = [x[0] for x in supports]
    if len(set(messages)) == 1:
        return "pooling"
    if len(set(messages)) == len(messages):
        return "separating"
    return "hybrid"


# ------------------------------------------------------------------------------ Intuitive Criterion

def intuitive_criterion(game: ExtensiveGame, pbe: PerfectBayesianEquilibrium) -> Verdict:
    """The Intuitive Criterion of Cho and Kreps (1987).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> from gametheory.solvers.pbe import perfect_bayesian
    >>> g = beer_quiche()
    >>> [intuitive_criterion(g, e).survives for e in perfect_bayesian(g)]
    [True, False]
    """
    view = _View(game, pbe)
    names = view.s.types
    reasons, survives = [], True
    for m in _off_path(view):
        message = view.s.messages[m]
        all_br = view.best_responses(m, view.types)
        dominated = [t for t in view.types
                     if view.eq[t] > max(view.u_sender(t, m, r) for r in all_br)]
        if len(dominated) == len(names):
            reasons.append(f"{message}: every type is equilibrium-dominated; no restriction")
            continue
        rest = [t for t in view.types if t not in dominated]
        br = view.best_responses(m, rest)
        breaking = [t for t in rest if min(view.u_sender(t, m, r) for r in br) > view.eq[t]]
        text = (f"{message}: equilibrium-dominated types {[names[t] for t in dominated]}; "
                f"best responses to beliefs on {[names[t] for t in rest]}: "
                f"{sorted(view.label(m, r) for r in br)}")
        if breaking:
            survives = False
            reasons.append(text + f"; type {names[breaking[0]]} gains from {message} under all "
                                  f"of them (fails)")
        else:
            reasons.append(text + "; no type gains under all of them (passes)")
    if not reasons:
        reasons.append("every message is sent: nothing to test")
    return Verdict("intuitive criterion", survives, tuple(reasons))


# ------------------------------------------------------------------------------ D1

def _weakly_implies_strictly(view: _View, m: int, S, t: int, t2: int) -> bool:
    """Over mixed responses on S: u_t >= eq_t implies u_t2 > eq_t2 (no alpha breaks it)."""
    alphas = [sympy.Symbol(f"a_{i}", real=True) for i in range(len(S))]
    params = [Parameter(a.name, "[0, 1]") for a in alphas]
    u = [sum((a * to_sympy(view.u_sender(x, m, r)) for a, r in zip(alphas, S)), sympy.S.Zero)
         for x in (t, t2)]
    conditions = [sympy.Eq(sympy.Add(*alphas), 1), u[0] >= to_sympy(view.eq[t]),
                  u[1] <= to_sympy(view.eq[t2])]
    conditions = [c for c in conditions if c is not sympy.true]
    if sympy.false in conditions:
        return True
    return Region(conditions, params).is_empty()


def d1(game: ExtensiveGame, pbe: PerfectBayesianEquilibrium) -> Verdict:
    """Criterion D1 (Cho and Kreps 1987, section V; Banks and Sobel 1987).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> from gametheory.solvers.pbe import perfect_bayesian
    >>> g = beer_quiche()
    >>> [d1(g, e).survives for e in perfect_bayesian(g)]
    [True, False]
    """
    view = _View(game, pbe)
    names = view.s.types
    tree = view.tree
    reasons, restrictions = [], []
    for m in _off_path(view):
        message = view.s.messages[m]
        sets = view.best_response_sets(m, view.types)
        deleted = []
        for t in view.types:
            for t2 in view.types:
                if t2 != t and all(_weakly_implies_strictly(view, m, S, t, t2) for S in sets):
                    deleted.append((t, t2))
                    break
        if len(deleted) == len(names):
            reasons.append(f"{message}: every type is deleted; no restriction")
            continue
        for t, t2 in deleted:
            reasons.append(f"{message}: type {names[t]} deleted (whenever it weakly gains from "
                           f"{message}, type {names[t2]} strictly gains)")
        k = view.s.message_infosets[m]
        if k is None or not deleted:
            continue
        nodes = tree.members[k]
        for t, _ in deleted:
            j = nodes.index(view.s.after[t][m])
            symbols = [belief_symbol(game, k, i) for i in range(len(nodes) - 1)]
            restrictions.append(sympy.Eq(symbols[j], 0) if j < len(symbols)
                                else sympy.Eq(sympy.Add(*symbols), 1))
    region = pbe.region.intersect(restrictions) if restrictions else pbe.region
    survives = not restrictions or not region.is_empty()
    reasons.append("a supporting belief puts no weight on deleted types (passes)" if survives
                   else "no supporting belief avoids the deleted types (fails)")
    return Verdict("D1", survives, tuple(reasons), region if survives else None)


# ------------------------------------------------------------------------------ consistency

def sequential_consistency(game: ExtensiveGame, pbe: PerfectBayesianEquilibrium) -> Verdict:
    """Whether some supporting belief of the equilibrium is consistent (Kreps and Wilson 1982),
    making it a sequential equilibrium.  Numeric games; the behaviour is taken at the witness.

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> from gametheory.solvers.pbe import perfect_bayesian
    >>> g = beer_quiche()
    >>> all(sequential_consistency(g, e).survives for e in perfect_bayesian(g))
    True
    """
    if game.is_symbolic:
        raise ValueError("consistency is checked for numeric games: substitute the parameters")
    tree = TreeView(game)
    point = pbe.witness or {}
    mix = {k: v for k, v in point.items() if k.startswith("b_")}
    fixed = {sympy.Symbol(k, real=True): to_sympy(v) for k, v in mix.items()}
    behavior = tuple(tuple(tuple(x.xreplace(fixed) if isinstance(x, sympy.Basic) else x
                                 for x in a) for a in p) for p in pbe.behavior)
    by_set = tree.by_infoset(behavior)
    unused = [(k, a) for k in tree.local for a, x in enumerate(by_set[k]) if x == 0]
    order = {ka: i for i, ka in enumerate(unused)}

    def path(x):
        counts, positive = [0] * len(unused), Fraction(1)
        while x > 0:
            u = tree.parent[x]
            p = tree.move_prob(by_set, x)
            if p == 0:
                counts[order[(tree.infoset[u], tree.children[u].index(x))]] += 1
            else:
                positive *= p
            x = u
        return counts, positive

    free = [k for k in pbe.off_path if len(tree.members[k]) > 1]
    beliefs = {}
    for k in free:
        p, j = tree.local[k]
        beliefs[k] = [to_sympy(x) for x in pbe.beliefs[p][j]]
    base = pbe.region.intersect([sympy.Eq(sympy.Symbol(n, real=True), to_sympy(v))
                                 for n, v in mix.items()]) if mix else pbe.region
    options = [[T for r in range(1, len(tree.members[k]) + 1)
                for T in itertools.combinations(range(len(tree.members[k])), r)] for k in free]
    ks = [sympy.Symbol(f"k_{i}", real=True) for i in range(len(unused))]
    k_params = [Parameter(s.name, "> 0") for s in ks]
    for choice in itertools.product(*options):
        order_conditions, belief_conditions, rows, rhos = [], [], [], []
        for k, T in zip(free, choice):
            nodes = tree.members[k]
            info = [path(x) for x in nodes]
            level = [sum((c * s for c, s in zip(info[i][0], ks)), sympy.S.Zero)
                     for i in range(len(nodes))]
            ref = T[0]
            for i in range(len(nodes)):
                if i in T:
                    belief_conditions.append(beliefs[k][i] > 0)
                    if i != ref:
                        order_conditions.append(sympy.Eq(level[i], level[ref]))
                        rows.append([a - b for a, b in zip(info[i][0], info[ref][0])])
                        rhos.append((beliefs[k][i] * to_sympy(info[ref][1]),
                                     beliefs[k][ref] * to_sympy(info[i][1])))
                else:
                    belief_conditions.append(sympy.Eq(beliefs[k][i], 0))
                    order_conditions.append(level[ref] < level[i])
        order_conditions = [c for c in order_conditions if c is not sympy.true]
        if sympy.false in order_conditions:
            continue
        if order_conditions and Region(order_conditions, k_params).is_empty():
            continue
        ratio_conditions = _ratio_equations(rows, rhos)
        region = base.intersect(belief_conditions + ratio_conditions)
        if not region.is_empty():
            return Verdict("sequential consistency", True,
                           (f"consistent beliefs: supports {choice} at information sets {free}",),
                           region)
    return Verdict("sequential consistency", False,
                   ("no supporting belief is a limit of Bayes' rule along totally mixed "
                    "profiles",))


def _ratio_equations(rows, rhos) -> list:
    """``prod rho_i^y_i = 1`` for a basis of integer vectors ``y`` with ``y A = 0``."""
    if not rows:
        return []
    matrix = sympy.Matrix(rows).T
    out = []
    for y in matrix.nullspace():
        y = y * sympy.ilcm(*[sympy.fraction(x)[1] for x in y])
        left, right = sympy.S.One, sympy.S.One
        for (num, den), e in zip(rhos, y):
            e = int(e)
            if e > 0:
                left, right = left * num ** e, right * den ** e
            elif e < 0:
                left, right = left * den ** -e, right * num ** -e
        relation = sympy.Eq(sympy.expand(left), sympy.expand(right))
        if relation is not sympy.true:
            out.append(relation)
    return out


def refine(game: ExtensiveGame, pbes: Iterable[PerfectBayesianEquilibrium]) -> list[dict]:
    """Classification and every test for each equilibrium (a summary for reports).

    Examples
    --------
    >>> from gametheory.catalog import beer_quiche
    >>> from gametheory.solvers.pbe import perfect_bayesian
    >>> g = beer_quiche()
    >>> [(r["class"], r["intuitive"].survives) for r in refine(g, perfect_bayesian(g))]
    [('pooling', True), ('pooling', False)]
    """
    out = []
    for pbe in pbes:
        out.append({"pbe": pbe, "class": classify(game, pbe),
                    "sequential": sequential_consistency(game, pbe),
                    "intuitive": intuitive_criterion(game, pbe), "d1": d1(game, pbe)})
    return out
