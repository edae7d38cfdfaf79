"""Reading subgame-perfect equilibria: the path of play, continuation values, pivotal inequalities.

The equilibria come from the package's solver (``gametheory.solvers.solve(game, method="spe")``)
or from any callable that returns behaviour profiles (``profile[player][infoset][action]``).

A *pivotal inequality* is one comparison made by backward induction whose reversal alone changes
the predicted outcome: at a decision node, the mover prefers its equilibrium action to each
other action (every alternative, not only the runner-up); reverse one such preference (every
other node keeps its equilibrium choice, and the ancestors of the node re-optimise) and see
whether the outcome at the root changes.  All of them are listed: each is a condition of the
predicted region that binds at the point.  The
inequality is written with the symbolic payoffs of the same tree, so it names the parameters
that would have to move.  Comparisons implied by the parameters' domains alone (``d > 0``) are
left out, and so are those
whose non-strict form the domains imply (reversing them could only make a tie).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Mapping, Sequence

import sympy

from gametheory.games import CHANCE, TERMINAL, ExtensiveGame
from gametheory.numbers import exact

__all__ = ["spe_profiles", "play_path", "first_move", "node_values", "pivotal_inequalities",
           "inequality_text", "inequality_latex", "action_values", "outcome_label", "outcomes_at", "flip_margins",
           "robustness", "RegionLines", "ROBUSTNESS_SAMPLES", "ROBUSTNESS_SPREAD", "ROBUSTNESS_SEED"]

Solver = Callable[[ExtensiveGame], Sequence]


def spe_profiles(game: ExtensiveGame) -> list:
    """The behaviour profiles of the subgame-perfect equilibria found by the package's solver."""
    from gametheory.solvers import solve
    solution = solve(game, method="spe")
    return [eq.behavior for eq in solution.equilibria]


def _choice(game: ExtensiveGame, profile, v: int) -> int | None:
    """The pure action index chosen at decision node ``v`` (None if mixed)."""
    k = int(game.tree.infoset[v])
    player = game.infosets[k].player
    probs = profile[player][game.player_infosets[player].index(k)]
    pure = [a for a, p in enumerate(probs) if p == 1]
    return pure[0] if pure else None


def play_path(game: ExtensiveGame, profile, overrides: dict[int, int] | None = None
              ) -> tuple[tuple[str, str], ...]:
    """The (player, action) pairs on the path of play, up to the first chance or mixed move.

    ``overrides`` maps decision nodes to forced action indices.
    """
    tree, overrides = game.tree, overrides or {}
    v, path = 0, []
    while tree.player[v] not in (TERMINAL, CHANCE):
        a = overrides.get(v, _choice(game, profile, v))
        if a is None:
            break
        k = int(tree.infoset[v])
        path.append((game.players[game.infosets[k].player], game.infosets[k].actions[a]))
        v = int(tree.first_child[v]) + a
    return tuple(path)


def first_move(path: Sequence[tuple[str, str]], player: str = "A",
               skip: Sequence[str] = ("Renew",)) -> str:
    """The first action of ``player`` on the path, skipping the renewal step.

    Examples
    --------
    >>> first_move([("A", "Renew"), ("A", "L"), ("B", "concede")])
    'L'
    >>> first_move([("A", "Terminate")])
    'Terminate'
    """
    for who, action in path:
        if who == player and action not in skip:
            return action
    return ""


def node_values(game: ExtensiveGame, profile, overrides: dict[int, int] | None = None) -> list:
    """Each node's continuation payoff vector under the profile (exact; symbolic if the game is).

    The values come from the package's one tree walk
    (:func:`gametheory.solvers.behavior.node_values`); ``overrides`` forces pure actions at
    decision nodes of singleton information sets (a perfect-information game).

    Examples
    --------
    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf(1), "y": leaf(2)}))
    >>> profile = (((Fraction(0), Fraction(1)),),)
    >>> node_values(g, profile)[0], node_values(g, profile, {0: 0})[0]
    ((Fraction(2, 1),), (Fraction(1, 1),))
    """
    from gametheory.solvers.behavior import node_values as kernel_values

    profile = _forced(game, profile, overrides or {})
    return [tuple(row) for row in kernel_values(game, profile).tolist()]


def _forced(game: ExtensiveGame, profile, overrides: dict[int, int]):
    """The profile with the pure action ``overrides[v]`` at each node ``v``'s information set."""
    if not overrides:
        return profile
    out = [[list(probs) for probs in player] for player in profile]
    for v, a in overrides.items():
        k = int(game.tree.infoset[v])
        player = game.infosets[k].player
        j = game.player_infosets[player].index(k)
        out[player][j] = [Fraction(int(b == a)) for b in range(len(out[player][j]))]
    return tuple(tuple(tuple(probs) for probs in player) for player in out)


def _reoptimise(game, profile, v: int, forced: int) -> dict[int, int]:
    """Force ``forced`` at ``v``; let the ancestors of ``v`` re-optimise (ties keep the old move)."""
    tree = game.tree
    overrides = {v: forced}
    current = node_values(game, profile, overrides)
    u = int(tree.parent[v])
    while u >= 0:
        if tree.player[u] != CHANCE:
            kids = list(tree.children(u))
            mover = int(tree.player[u])
            old = _choice(game, profile, u)
            best = max(range(len(kids)), key=lambda j: (current[kids[j]][mover], j == old))
            if best != old:
                overrides[u] = best
                current = node_values(game, profile, overrides)
        u = int(tree.parent[u])
    return overrides


def pivotal_inequalities(game: ExtensiveGame, symbolic: ExtensiveGame, profile,
                         label: Callable[[tuple], str] = first_move) -> list[sympy.Basic]:
    """The backward-induction comparisons whose reversal alone changes the outcome.

    Parameters
    ----------
    game : ExtensiveGame
        The numeric game (every parameter fixed).
    symbolic : ExtensiveGame
        The same tree with symbolic payoffs (the game before substitution).
    profile
        A pure subgame-perfect behaviour profile of ``game``.
    label : callable
        Maps a path of (player, action) pairs to the outcome label.

    Returns
    -------
    list of sympy relations
        ``mover's value of the equilibrium action > value of another action``, in pre-order
        (at each node, in the order of the actions).
    """
    from gametheory.symbolic.regions import Region, prove_implication

    tree = game.tree
    values = node_values(game, profile)
    symbolic_values = node_values(symbolic, profile)
    outcome = label(play_path(game, profile))
    domain = Region((), symbolic.parameters)
    out: list[sympy.Basic] = []
    for v in game.preorder().tolist():
        if tree.player[v] in (TERMINAL, CHANCE) or game.infoset_sizes()[tree.infoset[v]] != 1:
            continue
        chosen = _choice(game, profile, v)
        if chosen is None:
            continue
        mover = int(tree.player[v])
        kids = list(tree.children(v))
        for other in range(len(kids)):
            if other == chosen or values[kids[other]][mover] == values[kids[chosen]][mover]:
                continue
            overrides = _reoptimise(game, profile, v, other)
            if label(play_path(game, profile, overrides)) == outcome:
                continue
            lhs = sympy.sympify(symbolic_values[kids[chosen]][mover])
            rhs = sympy.sympify(symbolic_values[kids[other]][mover])
            relation = sympy.Gt(sympy.expand(lhs - rhs), 0)
            if relation in (sympy.true, sympy.false):
                continue
            if _implied(domain, sympy.Ge(relation.lhs, 0), prove_implication):
                continue    # cannot be reversed inside the domain (at most a tie): not pivotal
            if relation not in out:
                out.append(relation)
    return _irredundant(out, symbolic.parameters, prove_implication)


def _irredundant(relations: list, parameters, prove) -> list:
    """Drop each relation that the others (and the domains) imply: it cannot be reversed alone,
    so it does not bind (``R + kappa0 > (sigma + c)s`` follows from ``R > (sigma + c)s``)."""
    from gametheory.symbolic.regions import Region

    kept = list(relations)
    for relation in list(reversed(relations)):
        others = [r for r in kept if r is not relation]
        if _implied(Region(others, parameters), relation, prove):
            kept = others
    return kept


def _implied(domain, relation, prove) -> bool:
    try:
        return prove(domain, relation).status == "true"
    except Exception:   # the decision procedure gave up: keep the inequality
        return False


def _sides(relation: sympy.Basic) -> tuple[sympy.Expr, str, sympy.Expr]:
    """``(left, op, right)``: positive terms on the left, negative ones on the right, factored."""
    expr = sympy.expand(relation.lhs - relation.rhs)
    op = {sympy.StrictGreaterThan: ">", sympy.GreaterThan: ">=", sympy.StrictLessThan: "<",
          sympy.LessThan: "<="}[type(relation)]
    pos, neg = [], []
    for term in sympy.Add.make_args(expr):
        coeff, _ = term.as_coeff_Mul()
        (neg if coeff < 0 else pos).append(term)
    left = sympy.factor(sympy.Add(*pos))
    right = sympy.factor(-sympy.Add(*neg))
    if not pos or (left.is_number and not right.is_number):
        return right, {">": "<", ">=": "<=", "<": ">", "<=": ">="}[op], left
    return left, op, right


def inequality_text(relation: sympy.Basic) -> str:
    """Write ``expr > 0`` with positive terms on the left and negative ones on the right.

    Examples
    --------
    >>> ell_B, beta, d = sympy.symbols("ell_B beta d")
    >>> inequality_text(sympy.Gt(ell_B - beta*d, 0))
    'ell_B > beta*d'
    >>> inequality_text(sympy.Gt(-ell_B, -3))
    'ell_B < 3'
    """
    left, op, right = _sides(relation)
    return f"{sympy.sstr(left)} {op} {sympy.sstr(right)}"


def inequality_latex(relation: sympy.Basic) -> str:
    r"""The same inequality as LaTeX math (without the dollar signs).

    Examples
    --------
    >>> c, s, sigma, R = sympy.symbols("c s sigma R")
    >>> print(inequality_latex(sympy.Gt(c*s + s*sigma - R, 0)))
    s \left(c + \sigma\right) > R
    """
    left, op, right = _sides(relation)
    op = {">": ">", ">=": r"\geq", "<": "<", "<=": r"\leq"}[op]
    return f"{sympy.latex(left)} {op} {sympy.latex(right)}"


# ------------------------------------------------------------------------------ weighing a fit

def action_values(game: ExtensiveGame, profile, player: str = "A",
                  actions: Sequence[str] = ("S", "L"), base: str = "N") -> dict[str, Fraction]:
    """``player``'s value of each of ``actions`` relative to ``base`` at the first node offering
    them all, under the (subgame-perfect) profile: ``U_S`` and ``U_L`` of Theorem G1.

    Values are differences of the continuation values that the package's tree walk gives
    (outcomes above the node, such as the renewal value ``a``, cancel), so with separation
    normalised to 0 they are ``U_A(S)`` and ``U_A(L)`` of ``linkage-research.md`` section 3.1.

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> model = MODELS["linkage"]
    >>> game = model.build(**model.defaults)          # the E6 calibration
    >>> values = action_values(game, spe_profiles(game)[0])
    >>> str(values["S"]), str(values["L"])
    ('-1/10', '2')
    """
    tree = game.tree
    wanted = set(actions) | {base}
    for v in game.preorder().tolist():
        if tree.player[v] in (TERMINAL, CHANCE):
            continue
        k = int(tree.infoset[v])
        labels = game.infosets[k].actions
        if game.players[game.infosets[k].player] == player and wanted <= set(labels):
            values = node_values(game, profile)
            i = game.players.index(player)
            kids = list(tree.children(v))
            at = {a: values[kids[labels.index(a)]][i] for a in wanted}
            return {a: at[a] - at[base] for a in actions}
    raise ValueError(f"no node of {player} offers {', '.join(sorted(wanted))}")


def outcome_label(path: Sequence[str], skip: Sequence[str] = ("Renew",)) -> str:
    """The outcome of a path of action labels: its first action, the renewal step skipped.

    Examples
    --------
    >>> outcome_label(("Renew", "L", "concede")), outcome_label(("Terminate",))
    ('L', 'Terminate')
    """
    for action in path:
        if action not in skip:
            return action
    return ""


def outcomes_at(solution, values: Mapping[str, Any],
                label: Callable[[Sequence[str]], str] = outcome_label) -> frozenset:
    """The outcomes of a piecewise solution (symbolic regions) at a parameter point."""
    return frozenset(label(piece.path) for piece in solution.pieces_at(values))


class RegionLines:
    """The conditions of every piece of a piecewise solution as exact polynomials, so that each
    region can be restricted to a line through a point with Fractions only (prepare once, then
    call :meth:`margins` for many points).

    Parameters
    ----------
    solution : PiecewiseSolution
        As :func:`gametheory.solve` returns for a symbolic game.
    label : callable
        Maps a piece's path (action labels) to its outcome.
    """

    def __init__(self, solution, label: Callable[[Sequence[str]], str] = outcome_label):
        self.names = [p.name for p in solution.game.parameters]
        self.domains = {p.name: p.domain for p in solution.game.parameters}
        symbols = [p.symbol for p in solution.game.parameters]
        self.pieces = []
        for piece in solution.pieces:
            conditions = []
            for relation in piece.region.conditions + piece.region.assumptions:
                poly = sympy.Poly(sympy.expand(relation.lhs - relation.rhs), *symbols)
                terms = [(monomial, Fraction(int(c.p), int(c.q))) for monomial, c in
                         poly.terms()]
                conditions.append((terms, _HOLDS[type(relation)]))
            self.pieces.append((label(piece.path), conditions))

    def line(self, point: Mapping[str, Fraction], name: str) -> list:
        """Each piece as (outcome, [(a, b, holds)]): on the line, condition ``holds(a*x + b)``."""
        j = self.names.index(name)
        values = [point[n] for n in self.names]
        out = []
        for outcome, conditions in self.pieces:
            linear = []
            for terms, holds in conditions:
                a = b = Fraction(0)
                for monomial, coeff in terms:
                    if monomial[j] > 1:
                        raise ValueError(f"a condition is not linear in {name}")
                    rest = coeff
                    for i, e in enumerate(monomial):
                        if e and i != j:
                            rest *= values[i] ** e
                    if monomial[j]:
                        a += rest
                    else:
                        b += rest
                linear.append((a, b, holds))
            out.append((outcome, linear))
        return out

    def margins(self, values: Mapping[str, Any], parameters: Sequence[str] | None = None
                ) -> dict[str, tuple[Fraction | None, Fraction | None]]:
        """The margins of :func:`flip_margins` at a point."""
        point = {n: exact(values[n]) for n in self.names}
        names = self.names if parameters is None else parameters
        out = {}
        for name in names:
            p0 = point[name]
            if p0 == 0:
                continue
            line = self.line(point, name)
            here = _outcomes_on(line, p0)
            cuts = {-b / a for _, conditions in line for a, b, _ in conditions if a != 0}
            out[name] = tuple(
                _first_flip(line, p0, sorted(c for c in cuts if (c - p0) * sign > 0), sign, here,
                            self.domains[name]) for sign in (-1, 1))
        return out


def _outcomes_on(line: list, x: Fraction) -> frozenset:
    return frozenset(outcome for outcome, conditions in line
                     if all(holds(a * x + b) for a, b, holds in conditions))


_HOLDS = {sympy.StrictGreaterThan: lambda z: z > 0, sympy.GreaterThan: lambda z: z >= 0,
          sympy.StrictLessThan: lambda z: z < 0, sympy.LessThan: lambda z: z <= 0,
          sympy.Equality: lambda z: z == 0, sympy.Unequality: lambda z: z != 0}


def flip_margins(solution, values: Mapping[str, Any], parameters: Sequence[str] | None = None,
                 label: Callable[[Sequence[str]], str] = outcome_label
                 ) -> dict[str, tuple[Fraction | None, Fraction | None]]:
    """For each parameter, the smallest relative decrease and increase that flip the outcome.

    The outcome at the point is read off the symbolic regions of ``solution`` (a piecewise
    subgame-perfect solution of the model, as :func:`gametheory.solve` returns for a symbolic
    game).  Along the line that moves one parameter ``p`` from its value ``p0`` (all others
    fixed), every region is an interval whose ends are roots of its conditions (linear in
    ``p``: the linkage models' payoffs are multilinear); the flip point in each direction is the
    first such end beyond which the outcomes differ from those at ``p0`` on an open interval.
    The margin is ``|p - p0| / |p0|``, exact: moving ``p`` by slightly more flips the outcome,
    by slightly less does not.  None: no flip in that direction inside the parameter's domain.
    Parameters whose value is 0 (no relative change exists) are left out.

    Returns
    -------
    dict of str to (down, up)
        Relative decrease and increase (positive Fractions) or None.

    Examples
    --------
    E6 (1910-11) flips from leverage when ``kappa`` falls by a third: then
    ``K = kappa0 + kappa < ell_A`` and the threat is no longer credible.

    >>> import gametheory
    >>> from gametheory.models import MODELS
    >>> model = MODELS["linkage"]
    >>> solution = gametheory.solve(model.build(lam=1), method="spe")
    >>> flip_margins(solution, model.defaults, ["kappa"])
    {'kappa': (Fraction(1, 3), None)}
    """
    return RegionLines(solution, label).margins(values, parameters)




def _first_flip(line, p0, cuts, direction, here, domain):
    cuts = cuts[::-1] if direction < 0 else cuts
    bound = getattr(domain, "lo" if direction < 0 else "hi", None)
    for k, cut in enumerate(cuts):
        nxt = cuts[k + 1] if k + 1 < len(cuts) else cut + direction * max(abs(cut), 1)
        if bound is not None and (nxt - bound) * direction > 0:
            nxt = bound
        probe = (cut + nxt) / 2
        if probe == cut or not domain.contains(probe):
            return None
        if _outcomes_on(line, probe) != here:
            return abs(cut - p0) / abs(p0)
    return None


#: The robustness check: samples, the spread of each relative perturbation, and the seed.
ROBUSTNESS_SAMPLES = 10_000
ROBUSTNESS_SPREAD = Fraction(1, 4)
ROBUSTNESS_SEED = 20081   # fixed so that the published share is reproducible


def robustness(game: ExtensiveGame, values: Mapping[str, Any], outcome: str,
               samples: int = ROBUSTNESS_SAMPLES, spread: Fraction = ROBUSTNESS_SPREAD,
               seed: int = ROBUSTNESS_SEED,
               label: Callable[[Sequence[str]], str] = outcome_label) -> float:
    """The share of random perturbations of the point that keep ``outcome``.

    Each free parameter of ``game`` is multiplied independently by a factor drawn uniformly
    from ``[1 - spread, 1 + spread]`` (numpy's default generator with ``seed``); the perturbed
    games are solved all at once by the package's vectorised backward induction
    (:func:`gametheory.symbolic.sweep.sweep`, floating point: a numeric picture, ties resolved
    towards the first action).

    Examples
    --------
    >>> from gametheory.models import MODELS
    >>> model = MODELS["linkage"]
    >>> share = robustness(model.build(lam=1), model.defaults, "L", samples=2000)
    >>> 0.5 < share < 1
    True
    """
    import numpy as np

    from gametheory.symbolic.sweep import sweep

    rng = np.random.default_rng(seed)
    arrays = {}
    for p in game.parameters:
        factor = rng.uniform(1 - float(spread), 1 + float(spread), samples)
        arrays[p.name] = float(exact(values[p.name])) * factor
    result = sweep(game, arrays, progress=False)
    labels = {v: label(path) for v, path in result.outcome_labels().items()}
    kept = sum(1 for v in result.terminal.tolist() if labels.get(v) == outcome)
    return kept / samples
