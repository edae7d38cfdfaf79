"""Equilibrium solvers: one module per algorithm, ``solve`` the front door, every answer certified.

Importing this package loads the algorithms but not scipy: :func:`sequence_lp` imports it only
when it solves.
"""

from .agent import enumpure_agent
from .behavior import (behavior_from_mixed, expected_payoffs, node_values, pure_behavior,
                       uniform_behavior)
from .enummixed import enumerate_extreme_equilibria
from .enumpure import pure_equilibria
from .lemke_howson import lemke_howson, lemke_howson_all_labels
from .linprog import LPResult, solve_lp, zero_sum_equilibrium
from .regret import (agent_regret, best_response_value, consistent_beliefs, is_nash,
                     is_subgame_perfect, player_regrets, regret, sequential_regret,
                     strategic_payoffs, subgame_regret)
from .result import Equilibrium, Solution
from .sequence_lcp import sequence_lcp
from .sequence_lp import sequence_lp
from .solve import METHODS, solve

__all__ = [
    "LPResult",
    "METHODS",
    "Equilibrium",
    "Solution",
    "agent_regret",
    "behavior_from_mixed",
    "best_response_value",
    "consistent_beliefs",
    "enumerate_extreme_equilibria",
    "enumpure_agent",
    "expected_payoffs",
    "is_nash",
    "is_subgame_perfect",
    "lemke_howson",
    "lemke_howson_all_labels",
    "node_values",
    "player_regrets",
    "pure_behavior",
    "pure_equilibria",
    "regret",
    "sequence_lcp",
    "sequence_lp",
    "sequential_regret",
    "solve",
    "solve_lp",
    "strategic_payoffs",
    "subgame_regret",
    "uniform_behavior",
    "zero_sum_equilibrium",
]
