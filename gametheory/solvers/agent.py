"""Pure equilibria of the agent form: every information set is an agent with its owner's payoff.

The agent form (Selten 1975) of a tree has one player per information set.  A pure profile of
it is a pure behaviour profile of the tree, and it is an equilibrium of the agent form when no
single information set gains by changing its action alone.  The payoff table over all pure
behaviour profiles is built by adding each terminal's chance-weighted payoff to the box of
profiles that reach it; the equilibria are the cells where every agent's action is a best reply
along its axis.  Works for any number of players and for imperfect recall.

References
----------
R. Selten (1975), Reexamination of the perfectness concept for equilibrium points in extensive
games, *International Journal of Game Theory* 4, 25-55.
"""

from __future__ import annotations

from fractions import Fraction
from math import lcm, prod

import numpy as np

from ..games.tree import CHANCE
from .behavior import pure_behavior
from .regret import agent_regret
from .result import Equilibrium, Solution

__all__ = ["MAX_AGENT_PROFILES", "agent_payoff_table", "pure_nash_mask", "enumpure_agent"]

MAX_AGENT_PROFILES = 2_000_000


def pure_nash_mask(tables: list[np.ndarray], owners: list[int]) -> np.ndarray:
    """Cells where each axis' choice is a best reply for that axis' owner.

    ``tables[p]`` is owner ``p``'s payoff over all pure profiles; axis ``k`` belongs to
    ``owners[k]``.

    Examples
    --------
    >>> A = np.array([[3, 0], [5, 1]]); B = A.T
    >>> pure_nash_mask([A, B], [0, 1]).tolist()
    [[False, False], [False, True]]
    """
    ok = np.ones(tables[0].shape, dtype=bool)
    for axis, p in enumerate(owners):
        ok &= tables[p] == tables[p].max(axis=axis, keepdims=True)
    return ok


def agent_payoff_table(game, max_profiles: int = MAX_AGENT_PROFILES):
    """Each player's exact payoff over all pure behaviour profiles.

    Returns
    -------
    tables : list of ndarray
        Per player, integer payoffs (scaled by ``scales[p]``), one axis per information set in
        player order (player 0's sets first).
    scales : list of int
    agents : list of (player, index in player order)

    Raises
    ------
    ValueError
        If there are more than ``max_profiles`` pure behaviour profiles (checked first).
    """
    tree = game.tree
    agents = [(p, j) for p, sets in enumerate(game.player_infosets) for j in range(len(sets))]
    axis_of = {}
    for k, (p, j) in enumerate(agents):
        axis_of[game.player_infosets[p][j]] = k
    shape = tuple(len(game.infosets[game.player_infosets[p][j]].actions) for p, j in agents)
    total = prod(shape)
    if total > max_profiles:
        raise ValueError(f"the agent form has {total} pure profiles (limit {max_profiles})")
    boxes, weights = [], []
    parent, owner, infoset, action = (tree.parent.tolist(), tree.player.tolist(),
                                      tree.infoset.tolist(), tree.action.tolist())
    for z in tree.terminals.tolist():
        fixed: dict[int, int] = {}
        prob = Fraction(1)
        v, reachable = z, True
        while v > 0:
            u = parent[v]
            if owner[u] == CHANCE:
                prob *= tree.exact_prob(v)
            else:
                k = axis_of[infoset[u]]
                if fixed.setdefault(k, action[v]) != action[v]:
                    reachable = False
                    break
            v = u
        if reachable and prob:
            boxes.append(tuple(fixed.get(k, slice(None)) for k in range(len(agents))))
            weights.append([prob * tree.exact_payoff(z, i) for i in range(game.n_players)])
    tables, scales = [], []
    for i in range(game.n_players):
        column = [w[i] for w in weights]
        scale = lcm(*(x.denominator for x in column)) if column else 1
        ints = [x.numerator * (scale // x.denominator) for x in column]
        safe = sum(abs(x) for x in ints) < 2**62
        table = np.zeros(shape, dtype=np.int64 if safe else object)
        for box, x in zip(boxes, ints):
            table[box] += x
        tables.append(table)
        scales.append(scale)
    return tables, scales, agents


def enumpure_agent(game, *, max_profiles: int = MAX_AGENT_PROFILES, limit: int | None = None
                   ) -> Solution:
    """All pure equilibria of the agent form of a tree (n players, any recall).

    Each equilibrium carries its exact *agent* regret (0): no information set gains by deviating
    alone.  That is weaker than Nash when a player moves more than once.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> [e.payoffs for e in enumpure_agent(entry_game())]
    [(Fraction(0, 1), Fraction(2, 1)), (Fraction(1, 1), Fraction(1, 1))]
    """
    tables, scales, agents = agent_payoff_table(game, max_profiles)
    owners = [p for p, _ in agents]
    cells = np.argwhere(pure_nash_mask(tables, owners))
    count = len(cells)
    if limit is not None:
        cells = cells[:limit]
    found = []
    for cell in cells.tolist():
        choices = [[] for _ in game.players]
        for (p, _), a in zip(agents, cell):
            choices[p].append(a)
        behavior = pure_behavior(game, choices)
        payoffs = tuple(Fraction(int(tables[i][tuple(cell)]), scales[i])
                        for i in range(game.n_players))
        gap = agent_regret(game, behavior)
        if gap:
            raise AssertionError(f"agent-form equilibrium with agent regret {gap}")
        found.append(Equilibrium(payoffs, behavior=behavior, regret=gap))
    return Solution(game, "enumpure", {"agent": True, "limit": limit}, tuple(found),
                    complete=len(found) == count, count=count,
                    note=f"{count} pure agent-form equilibria; regret is the agent regret "
                         f"(one information set deviating at a time)")
