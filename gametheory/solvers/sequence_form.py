"""The sequence form of a two-player extensive game with perfect recall.

A player's *sequences* are the empty sequence and the pairs ``(h, a)`` of one of their information
sets and an action there; with perfect recall, every node has a well-defined last own sequence of
each player (:func:`gametheory.games.forms.own_sequences`).  A mixed strategy becomes a
*realization plan* ``x`` over sequences, characterised by linear constraints

    E x = e,  x >= 0:   x[empty] = 1  and  sum_a x[(h, a)] = x[parent(h)]  for every set h,

and the expected payoff is bilinear: ``x^T A y`` where ``A[s, t]`` sums, over the terminal nodes
whose last sequences are ``s`` and ``t``, chance's reach probability times the payoff.  The size
is linear in the tree (Koller, Megiddo and von Stengel 1996; von Stengel 1996), where the
strategic form is exponential.

Sequences are numbered per player as in :func:`~gametheory.games.forms.own_sequences`: 0 is the
empty sequence, then the actions of the player's information sets in ``game.player_infosets``
order (``offset[j] + a + 1``).  Row 0 of ``E`` is the empty sequence's constraint, row ``j + 1``
the constraint of the ``j``-th information set.

References
----------
D. Koller, N. Megiddo and B. von Stengel (1996), Efficient computation of equilibria for
extensive two-person games, *Games and Economic Behavior* 14, 247-259.
B. von Stengel (1996), Efficient computation of behavior strategies, *Games and Economic
Behavior* 14, 220-246.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

from ..games.forms import own_sequences, reach_probabilities

__all__ = [
    "SequenceForm",
    "sequence_form",
    "realization_plan",
    "behavior_from_plan",
    "centroid_plan",
    "best_response_plan",
    "best_response_value",
    "plan_payoff",
]


@dataclass(frozen=True)
class SequenceForm:
    """The sequence form of a two-player game (sparse and exact).

    Attributes
    ----------
    n_sequences : tuple of int
        Number of sequences of each player (the empty one included).
    offset : tuple of tuple of int
        Per player and information set (player order): the sequence number of its first action,
        minus one.
    n_actions : tuple of tuple of int
        Per player and information set: its number of actions.
    parent : tuple of tuple of int
        Per player and information set: the player's sequence leading to it.
    payoffs : tuple of dict
        ``payoffs[i][(s, t)]``: player ``i``'s payoff matrix over sequence pairs (``A`` for
        ``i = 0``, ``B`` for ``i = 1``), only the non-zero entries, as Fractions.
    """

    n_sequences: tuple[int, int]
    offset: tuple[tuple[int, ...], tuple[int, ...]]
    n_actions: tuple[tuple[int, ...], tuple[int, ...]]
    parent: tuple[tuple[int, ...], tuple[int, ...]]
    payoffs: tuple[dict[tuple[int, int], Fraction], dict[tuple[int, int], Fraction]]

    @property
    def A(self) -> dict[tuple[int, int], Fraction]:
        """The first player's payoffs over sequence pairs."""
        return self.payoffs[0]

    @property
    def B(self) -> dict[tuple[int, int], Fraction]:
        """The second player's payoffs over sequence pairs."""
        return self.payoffs[1]

    def constraints(self, player: int) -> tuple[list[dict[int, int]], list[int]]:
        """The constraint matrix (``E`` or ``F``) as sparse rows, and its right-hand side.

        Examples
        --------
        >>> from gametheory.catalog import entry_game
        >>> sequence_form(entry_game()).constraints(0)
        ([{0: 1}, {0: -1, 1: 1, 2: 1}], [1, 0])
        """
        rows = [{0: 1}]
        for parent, start, k in zip(self.parent[player], self.offset[player],
                                    self.n_actions[player]):
            row = {parent: -1}
            row.update({start + a + 1: 1 for a in range(k)})
            rows.append(row)
        return rows, [1] + [0] * len(self.parent[player])

    def sequence_infoset(self, player: int) -> list[int]:
        """For each sequence of ``player``, its information set (player order), -1 for empty."""
        owner = [-1] * self.n_sequences[player]
        for j, (start, k) in enumerate(zip(self.offset[player], self.n_actions[player])):
            owner[start + 1: start + k + 1] = [j] * k
        return owner


def sequence_form(game) -> SequenceForm:
    """The sequence form of a two-player extensive game with perfect recall.

    Parameters
    ----------
    game : ExtensiveGame
        Two players, perfect recall, numeric payoffs and probabilities.

    Returns
    -------
    SequenceForm

    Raises
    ------
    ValueError
        For games with another number of players, imperfect recall or symbolic numbers.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> form = sequence_form(kuhn_poker())
    >>> form.n_sequences, len(form.A)
    ((13, 13), 30)
    >>> form.A[(2, 4)]      # P1 with J bets, P2 with Q calls: 1/6 * (-2)
    Fraction(-1, 3)
    """
    if game.n_players != 2:
        raise ValueError(f"the sequence form needs 2 players, the game has {game.n_players}")
    if game.is_symbolic:
        raise ValueError("the sequence form needs numeric payoffs; substitute the parameters")
    if not game.has_perfect_recall:
        raise ValueError("the sequence form needs perfect recall")
    tree = game.tree
    lasts, offsets, actions, parents = [], [], [], []
    for p in (0, 1):
        last, offset = own_sequences(game, p)
        sets = game.player_infosets[p]
        lasts.append(last.tolist())
        offsets.append(tuple(int(o) for o in offset))
        actions.append(tuple(len(game.infosets[h].actions) for h in sets))
        parents.append(tuple(int(last[game.infoset_members(h)[0]]) for h in sets))
    reach = reach_probabilities(game)
    payoffs: tuple[dict, dict] = ({}, {})
    for z in tree.terminals.tolist():
        if reach[z] == 0:
            continue
        key = (lasts[0][z], lasts[1][z])
        for i in (0, 1):
            value = reach[z] * tree.exact_payoff(z, i)
            payoffs[i][key] = payoffs[i].get(key, 0) + value
    payoffs = tuple({k: Fraction(v) for k, v in table.items() if v != 0} for table in payoffs)
    return SequenceForm(
        n_sequences=tuple(1 + sum(a) for a in actions),
        offset=tuple(offsets),
        n_actions=tuple(actions),
        parent=tuple(parents),
        payoffs=payoffs,
    )


def realization_plan(form: SequenceForm, player: int, strategy: Sequence) -> list[Fraction]:
    """The realization plan of a behaviour strategy: ``x[(h, a)] = x[parent(h)] * b(h)(a)``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> realization_plan(sequence_form(entry_game()), 0, [[Fraction(1, 3), Fraction(2, 3)]])
    [Fraction(1, 1), Fraction(1, 3), Fraction(2, 3)]
    """
    plan = [Fraction(0)] * form.n_sequences[player]
    plan[0] = Fraction(1)
    # an information set's parent sequence belongs to an earlier set (perfect recall, pre-order)
    for parent, start, dist in zip(form.parent[player], form.offset[player], strategy):
        for a, prob in enumerate(dist):
            plan[start + a + 1] = plan[parent] * Fraction(prob)
    return plan


def behavior_from_plan(form: SequenceForm, player: int, plan: Sequence) -> tuple:
    """The behaviour strategy of a realization plan: ``b(h)(a) = x[(h, a)] / x[parent(h)]``.

    At an information set that the plan itself reaches with probability zero, the strategy is
    uniform (the centroid, as Gambit does); this does not change the plan, so a Nash equilibrium
    stays one.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> behavior_from_plan(sequence_form(entry_game()), 1, [1, 0, 1])
    ((Fraction(0, 1), Fraction(1, 1)),)
    """
    out = []
    for parent, start, k in zip(form.parent[player], form.offset[player], form.n_actions[player]):
        mass = Fraction(plan[parent])
        if mass == 0:
            out.append(tuple(Fraction(1, k) for _ in range(k)))
        else:
            out.append(tuple(Fraction(plan[start + a + 1]) / mass for a in range(k)))
    return tuple(out)


def centroid_plan(form: SequenceForm, player: int) -> list[Fraction]:
    """The realization plan of the uniform behaviour strategy."""
    return realization_plan(form, player, [[Fraction(1, k)] * k for k in form.n_actions[player]])


def _backward_induction(form: SequenceForm, player: int, values: Sequence
                        ) -> tuple[list[int], Fraction]:
    total = [Fraction(v) for v in values]
    choice = [0] * len(form.parent[player])
    for j in range(len(choice) - 1, -1, -1):
        start, k = form.offset[player][j], form.n_actions[player][j]
        options = total[start + 1: start + k + 1]
        best = max(range(k), key=lambda a: (options[a], -a))
        choice[j] = best
        total[form.parent[player][j]] += options[best]
    return choice, total[0]


def best_response_plan(form: SequenceForm, player: int, values: Sequence) -> list[int]:
    """A pure best response, by backward induction over the player's own information sets.

    ``values[s]`` is the payoff the player collects at sequence ``s`` (for the first player,
    ``(A y)[s]``).  The sets are processed deepest first; each adds the value of its best action
    (the first on ties) to its parent sequence (von Stengel 1996).  The choice is made
    at *every* information set, reached or not.

    Returns
    -------
    list of int
        The chosen action at each of the player's information sets.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> best_response_plan(sequence_form(entry_game()), 1, [0, -1, 1])
    [1]
    """
    return _backward_induction(form, player, values)[0]


def best_response_value(form: SequenceForm, player: int, values: Sequence) -> Fraction:
    """The value of a best response (see :func:`best_response_plan`).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> best_response_value(sequence_form(entry_game()), 1, [0, -1, 1])
    Fraction(1, 1)
    """
    return _backward_induction(form, player, values)[1]


def plan_payoff(table: dict[tuple[int, int], Fraction], x: Sequence, y: Sequence) -> Fraction:
    """The bilinear payoff ``x^T A y`` over the non-zero entries of a sparse matrix.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> form = sequence_form(kuhn_poker())
    >>> x, y = centroid_plan(form, 0), centroid_plan(form, 1)
    >>> plan_payoff(form.A, x, y)
    Fraction(1, 8)
    """
    return sum((value * x[s] * y[t] for (s, t), value in table.items()), Fraction(0))
