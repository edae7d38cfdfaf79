"""Subgame-perfect equilibria of games with imperfect information, subgame by subgame.

Backward induction over subgames (Selten 1965, 1975): solve the smallest subgames first, replace
each by the payoff of one of its equilibria, and solve the game above it; every combination of
the equilibria chosen below is followed, so every SPE that the per-subgame method finds is
listed.  Per minimal subgame (its tree with the subgames below it cut off and replaced by leaves):

* two players: all extreme equilibria of its reduced strategic form (vertex enumeration,
  :func:`gametheory.solvers.enummixed.enumerate_extreme_equilibria`), turned into behaviour
  strategies (Kuhn 1953);
* more players: its pure equilibria (reduced strategic form).

Each assembled profile is certified: exact regret 0 in every subgame.

References
----------
R. Selten (1975), Reexamination of the perfectness concept for equilibrium points in extensive
games, *International Journal of Game Theory* 4, 25-55.
M. Osborne and A. Rubinstein (1994), *A Course in Game Theory*, section 6.2 and 11.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product

from math import prod

import numpy as np

from ..games.extensive import ExtensiveGame, Infoset, Outcome
from ..games.forms import reduced_strategic_form, reduced_strategies, strategy_counts
from .behavior import behavior_from_mixed
from .enumpure import pure_equilibria
from .regret import regret, strategic_payoffs, subgame_regret
from .result import Equilibrium, Solution

__all__ = ["spe", "minimal_subgame", "DEFAULT_LIMIT"]

DEFAULT_LIMIT = 1000


def _nearest_roots(game, roots: np.ndarray) -> dict[int, list[int]]:
    """For every subgame root, the subgame roots directly below it (no root in between)."""
    tree = game.tree
    is_root = set(roots.tolist())
    below: dict[int, list[int]] = {int(r): [] for r in roots}
    for r in roots.tolist()[1:]:
        v = int(tree.parent[r])
        while v not in is_root:
            v = int(tree.parent[v])
        below[v].append(r)
    return below


def minimal_subgame(game, root: int, cut: dict[int, tuple]) -> tuple[ExtensiveGame, list[int]]:
    """The subgame at ``root`` with the subtrees at the nodes of ``cut`` replaced by leaves.

    Leaves carry the play's total payoff (outcomes above ``root`` included), and a cut node the
    payoff vector given for it.  Returns the game and, per information set of the new game, the
    global information set it stands for.
    """
    tree = game.tree
    node_infoset, node_outcome, outcomes, infosets, origin = [], [], [], [], []
    new_index: dict[int, int] = {}
    stack = [root]
    while stack:
        v = stack.pop()
        if v in cut or tree.num_children[v] == 0:
            payoffs = cut[v] if v in cut else tuple(tree.exact_payoff(v, i)
                                                    for i in range(game.n_players))
            outcomes.append(Outcome("", tuple(payoffs)))
            node_infoset.append(-1)
            node_outcome.append(len(outcomes) - 1)
            continue
        h = int(tree.infoset[v])
        if h not in new_index:
            new_index[h] = len(infosets)
            s = game.infosets[h]
            infosets.append(Infoset(s.player, s.label, s.actions, s.probs))
            origin.append(h)
        node_infoset.append(new_index[h])
        node_outcome.append(-1)
        stack.extend(reversed(tree.children(v)))
    sub = ExtensiveGame.from_preorder(game.players, infosets, outcomes, node_infoset,
                                      node_outcome, title=game.title)
    return sub, origin


def _pure_equilibria(payoffs: np.ndarray) -> list[tuple[int, ...]]:
    return [tuple(int(s) for s in profile) for profile in pure_equilibria(payoffs)]


ENUMERATION_LIMIT = 400
"""Largest reduced strategic form (contingencies) of a 2-player subgame whose extreme equilibria
are all enumerated; a larger subgame gets one equilibrium from Lemke on its sequence form."""


def _subgame_equilibria(sub: ExtensiveGame) -> tuple[list[tuple[tuple, tuple]], bool]:
    """Equilibria of a minimal subgame: [(behaviour profile of ``sub``, payoffs)], and whether
    the list is the method's full set (False when a large 2-player subgame gets one)."""
    if sub.n_players == 2 and prod(strategy_counts(sub)) > ENUMERATION_LIMIT:
        from .behavior import expected_payoffs
        from .sequence_lcp import sequence_lcp
        behavior = sequence_lcp(sub)
        return [(behavior, tuple(expected_payoffs(sub, behavior)))], False
    form = reduced_strategic_form(sub)
    plans = [reduced_strategies(sub, p) for p in range(sub.n_players)]
    if sub.n_players == 2:
        from .enummixed import enumerate_extreme_equilibria
        mixed = [tuple(map(tuple, xy)) for xy in
                 enumerate_extreme_equilibria(form.payoffs[0], form.payoffs[1])]
    else:
        mixed = [tuple(tuple(Fraction(int(k == s)) for k in range(n))
                       for s, n in zip(profile, form.shape))
                 for profile in _pure_equilibria(form.payoffs)]
    out = []
    for strategies in mixed:
        behavior = behavior_from_mixed(sub, strategies, plans)
        out.append((behavior, strategic_payoffs(form, strategies)))
    return out, True


def spe(game, *, limit: int | None = None) -> Solution:
    """Subgame-perfect equilibria of a tree, solving subgames bottom-up.

    Parameters
    ----------
    game : ExtensiveGame
        Any numeric tree with perfect recall.
    limit : int, optional
        Keep at most this many alternatives per subgame and list at most this many equilibria
        (default ``DEFAULT_LIMIT``); ``Solution.complete`` says whether anything was cut.

    Examples
    --------
    >>> from gametheory.catalog import selten_horse
    >>> sol = spe(selten_horse())
    >>> sorted(e.payoffs for e in sol)[0]
    (Fraction(1, 1), Fraction(1, 1), Fraction(1, 1))
    """
    if not game.has_perfect_recall:
        raise ValueError("subgame decomposition needs perfect recall; use "
                         "solve(game, 'enumpure', agent=True)")
    limit = DEFAULT_LIMIT if limit is None else limit
    roots = game.subgame_roots()
    below = _nearest_roots(game, roots)
    alternatives: dict[int, list[tuple[dict, tuple]]] = {}
    truncated = False
    sampled = False
    for r in reversed(roots.tolist()):
        kids = below[r]
        found: list[tuple[dict, tuple]] = []
        combos = product(*(alternatives[k] for k in kids))
        for combo in combos:
            cut = {k: value for k, (_, value) in zip(kids, combo)}
            sub, origin = minimal_subgame(game, r, cut)
            equilibria, exhaustive = _subgame_equilibria(sub)
            sampled = sampled or not exhaustive
            for behavior, value in equilibria:
                assignment: dict[int, tuple] = {}
                for part, _ in combo:
                    assignment.update(part)
                for p, sets in enumerate(sub.player_infosets):
                    for j, h in enumerate(sets):
                        assignment[origin[h]] = behavior[p][j]
                found.append((assignment, value))
                if len(found) >= limit:
                    break
            if len(found) >= limit:
                truncated = True
                break
        alternatives[r] = found
        for k in kids:
            del alternatives[k]
    equilibria = []
    for assignment, value in alternatives[int(roots[0])]:
        behavior = tuple(tuple(assignment[h] for h in sets) for sets in game.player_infosets)
        gap, worst = regret(game, behavior), subgame_regret(game, behavior)
        if gap or worst:
            raise AssertionError(f"subgame decomposition produced a profile with regret {gap}, "
                                 f"subgame regret {worst}")
        equilibria.append(Equilibrium(tuple(value), behavior=behavior, regret=gap,
                                      subgame_regret=worst))
    note = (f"{len(roots)} subgame(s); per subgame: "
            + ("all extreme equilibria" if game.n_players == 2 else "pure equilibria"))
    if truncated:
        note += f"; cut at {limit} alternatives per subgame"
    if sampled:
        note += (f"; subgames with more than {ENUMERATION_LIMIT} reduced-form contingencies: "
                 f"one equilibrium each (Lemke on the sequence form)")
    complete = not (truncated or sampled)
    return Solution(game, "spe", {"limit": limit}, tuple(equilibria), complete=complete,
                    note=note, count=len(equilibria) if complete else None)
