"""Reading subgame-perfect equilibria: the path of play, continuation values, pivotal inequalities.

The equilibria come from the package's solver (``gametheory.solvers.solve(game, method="spe")``)
or from any callable that returns behaviour profiles (``profile[player][infoset][action]``).

A *pivotal inequality* is one comparison made by backward induction whose reversal alone changes
the predicted outcome: at a decision node, the mover prefers its equilibrium action to the
runner-up; reverse that preference (every other node keeps its equilibrium choice, and the
ancestors of the node re-optimise) and see whether the outcome at the root changes.  The
inequality is written with the symbolic payoffs of the same tree, so it names the parameters
that would have to move.  Comparisons implied by the parameters' domains alone (``d > 0``) are
left out, and so are those
whose non-strict form the domains imply (reversing them could only make a tie).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Callable, Sequence

import sympy

from gametheory.games import CHANCE, TERMINAL, ExtensiveGame

__all__ = ["spe_profiles", "play_path", "first_move", "node_values", "pivotal_inequalities",
           "inequality_text"]

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
    """Each node's continuation payoff vector under the profile (exact; symbolic if the game is)."""
    tree, overrides = game.tree, overrides or {}
    n = game.n_players
    values: list = [None] * tree.n_nodes
    for v in reversed(range(tree.n_nodes)):      # children come after parents (BFS order)
        kids = tree.children(v)
        if not len(kids):
            values[v] = tuple(tree.exact_payoff(v, i) for i in range(n))
            continue
        if tree.player[v] == CHANCE:
            weights = [tree.exact_prob(w) for w in kids]
        elif v in overrides:
            weights = [1 if j == overrides[v] else 0 for j in range(len(kids))]
        else:
            k = int(tree.infoset[v])
            player = game.infosets[k].player
            weights = profile[player][game.player_infosets[player].index(k)]
        values[v] = tuple(sum((p * values[w][i] for p, w in zip(weights, kids) if p != 0),
                              Fraction(0)) for i in range(n))
    return values


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
        ``mover's value of the equilibrium action > value of the runner-up``, in pre-order.
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
        others = [j for j in range(len(kids)) if j != chosen]
        if not others:
            continue
        runner = max(others, key=lambda j: values[kids[j]][mover])
        if values[kids[runner]][mover] == values[kids[chosen]][mover]:
            continue
        overrides = _reoptimise(game, profile, v, runner)
        if label(play_path(game, profile, overrides)) == outcome:
            continue
        lhs = sympy.sympify(symbolic_values[kids[chosen]][mover])
        rhs = sympy.sympify(symbolic_values[kids[runner]][mover])
        relation = sympy.Gt(sympy.expand(lhs - rhs), 0)
        if relation in (sympy.true, sympy.false):
            continue
        if _implied(domain, sympy.Ge(relation.lhs, 0), prove_implication):
            continue    # cannot be reversed inside the domain (at most a tie): not pivotal
        if relation not in out:
            out.append(relation)
    return out


def _implied(domain, relation, prove) -> bool:
    try:
        return prove(domain, relation).status == "true"
    except Exception:   # the decision procedure gave up: keep the inequality
        return False


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
    expr = sympy.expand(relation.lhs - relation.rhs)
    op = {sympy.StrictGreaterThan: ">", sympy.GreaterThan: ">=", sympy.StrictLessThan: "<",
          sympy.LessThan: "<="}[type(relation)]
    pos, neg = [], []
    for term in sympy.Add.make_args(expr):
        coeff, _ = term.as_coeff_Mul()
        (neg if coeff < 0 else pos).append(term)
    left = sympy.Add(*pos)
    right = -sympy.Add(*neg)
    if not pos or (left.is_number and not right.is_number):
        flip = {">": "<", ">=": "<=", "<": ">", "<=": ">="}[op]
        return f"{sympy.sstr(right)} {flip} {sympy.sstr(left)}"
    return f"{sympy.sstr(left)} {op} {sympy.sstr(right)}"
