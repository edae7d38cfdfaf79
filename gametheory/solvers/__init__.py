"""Equilibrium solvers: one module per algorithm, ``solve`` the front door, every answer certified.

Algorithm modules written by other engineers (enummixed, lemke_howson, enumpure, linprog,
sequence form) are imported lazily by :mod:`.solve`, so this package imports without them.
"""

from .agent import enumpure_agent
from .behavior import (behavior_from_mixed, expected_payoffs, node_values, pure_behavior,
                       uniform_behavior)
from .regret import (agent_regret, best_response_value, is_nash, is_subgame_perfect,
                     player_regrets, regret, strategic_payoffs, subgame_regret)
from .result import Equilibrium, Solution
from .solve import METHODS, solve

__all__ = [
    "METHODS",
    "Equilibrium",
    "Solution",
    "agent_regret",
    "behavior_from_mixed",
    "best_response_value",
    "enumpure_agent",
    "expected_payoffs",
    "is_nash",
    "is_subgame_perfect",
    "node_values",
    "player_regrets",
    "pure_behavior",
    "regret",
    "solve",
    "strategic_payoffs",
    "subgame_regret",
    "uniform_behavior",
]
