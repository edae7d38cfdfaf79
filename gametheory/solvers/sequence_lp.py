"""Optimal strategies of a two-player zero-sum (or constant-sum) tree: the sequence-form LP.

With realization plans ``x`` (``E x = e``) and ``y`` (``F y = f``) the first player's payoff is
``x^T A y``.  Against a fixed ``x`` the second player's best reply solves
``min { x^T A y : F y = f, y >= 0 }``, whose dual is ``max { f^T q : F^T q <= A^T x }``; so the
first player's optimal plan and the value solve one linear program (von Stengel 1996;
Koller, Megiddo and von Stengel 1994):

    maximise  f^T q   subject to   F^T q - A^T x <= 0,   E x = e,   x >= 0,   q free,

and symmetrically the second player's plan solves
``minimise e^T p  subject to  E^T p - A y >= 0,  F y = f,  y >= 0,  p free``.  Both are
linear in the size of the tree.  A constant-sum game (payoffs adding to the same ``k`` at every
terminal) has the equilibria of the zero-sum game ``(A, -A)``.

Solving.  By default (``method="guided"``) a floating-point solve (scipy's HiGHS, a dependency
of nashpy) only *guesses* the supports of the optimal plans; the plans are then computed exactly
from the complementary-slackness equations on those supports (sparse Gaussian elimination in
Fractions) and *certified* exactly: ``x`` and ``y`` are optimal precisely when the second
player's best-response value against ``x`` equals the first player's against ``y`` (both by
backward induction over the sequences, linear time, exact); that common number is the value.
If the guess fails the certificate, or with ``method="simplex"``, both programs are solved by
the exact simplex method :func:`gametheory.solvers.linprog.solve_lp` (slow on large trees).
Nothing inexact reaches the result.  At information sets an optimal plan reaches with
probability zero the behaviour is uniform.

References
----------
B. von Stengel (1996), Efficient computation of behavior strategies, *Games and Economic
Behavior* 14, 220-246.
D. Koller, N. Megiddo and B. von Stengel (1994), Fast algorithms for finding randomized
strategies in game trees, *STOC '94*, 750-759.
"""

from __future__ import annotations

from fractions import Fraction

from ..games.forms import reach_probabilities
from .linprog import solve_lp
from .sequence_form import SequenceForm, behavior_from_plan, best_response_value, sequence_form

__all__ = ["sequence_lp", "optimal_plan", "constant_sum", "certified_value", "guided_plans"]

_RHS = -1
_SUPPORT = 1e-9


def constant_sum(game) -> Fraction | None:
    """The constant ``k`` with ``u_1 + u_2 = k`` at every reachable terminal, or None.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker, entry_game
    >>> constant_sum(kuhn_poker()), constant_sum(entry_game())
    (Fraction(0, 1), None)
    """
    tree = game.tree
    reach = reach_probabilities(game)
    sums = {tree.exact_payoff(z, 0) + tree.exact_payoff(z, 1)
            for z in tree.terminals.tolist() if reach[z] != 0}
    if len(sums) > 1:
        return None
    return Fraction(sums.pop()) if sums else Fraction(0)


def optimal_plan(form: SequenceForm, player: int) -> tuple[list[Fraction], Fraction]:
    """An optimal realization plan of ``player`` in the zero-sum game with matrix ``A``.

    Returns
    -------
    plan : list of Fraction
    value : Fraction
        The game's value to the *first* player.

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> plan, value = optimal_plan(sequence_form(kuhn_poker()), 0)
    >>> value
    Fraction(-1, 18)
    """
    me, you = player, 1 - player
    n_me, n_you = form.n_sequences[me], form.n_sequences[you]
    mine, _ = form.constraints(me)
    yours, _ = form.constraints(you)
    sign = 1 if player == 0 else -1      # the second player maximises -x^T A y
    # variables: my plan (n_me), then the dual q of your constraints (len(yours), free)
    n = n_me + len(yours)
    upper = [[Fraction(0)] * n for _ in range(n_you)]
    for r, row in enumerate(yours):            # (F^T q)_t
        for t, c in row.items():
            upper[t][n_me + r] += c
    for (s, t), value in form.A.items():       # - (A^T x)_t, or + (A y)_s for the second
        mine_index, yours_index = (s, t) if player == 0 else (t, s)
        upper[yours_index][mine_index] -= sign * value
    equal = [[Fraction(0)] * n for _ in range(len(mine))]
    for r, row in enumerate(mine):
        for s, c in row.items():
            equal[r][s] = Fraction(c)
    rhs = [Fraction(1)] + [Fraction(0)] * (len(mine) - 1)
    cost = [Fraction(0)] * n
    cost[n_me] = Fraction(-1)                  # maximise q_0 = f^T q
    bounds = [(0, None)] * n_me + [(None, None)] * len(yours)
    result = solve_lp(cost, A_ub=upper, b_ub=[0] * n_you, A_eq=equal, b_eq=rhs, bounds=bounds)
    if result.status != "optimal":
        raise RuntimeError(f"the sequence-form LP is {result.status} (this should not happen)")
    return list(result.x[:n_me]), sign * result.x[n_me]


def certified_value(form: SequenceForm, x: list, y: list) -> Fraction | None:
    """The value if ``(x, y)`` is a pair of optimal plans of the zero-sum game ``A``, else None.

    ``max_x' x'^T A y`` and ``min_y' x^T A y'`` are computed exactly by backward induction;
    they are equal exactly when both plans are optimal (von Stengel 1996).

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> form = sequence_form(kuhn_poker())
    >>> x, _ = optimal_plan(form, 0)
    >>> y, _ = optimal_plan(form, 1)
    >>> certified_value(form, x, y)
    Fraction(-1, 18)
    """
    for player, plan in ((0, x), (1, y)):
        rows, rhs = form.constraints(player)
        if any(v < 0 for v in plan) or any(
                sum(c * plan[s] for s, c in row.items()) != b for row, b in zip(rows, rhs)):
            return None
    against_y = [Fraction(0)] * form.n_sequences[0]
    against_x = [Fraction(0)] * form.n_sequences[1]
    for (s, t), value in form.A.items():
        against_y[s] += value * y[t]
        against_x[t] -= value * x[s]
    upper = best_response_value(form, 0, against_y)
    lower = -best_response_value(form, 1, against_x)
    return upper if upper == lower else None


def _float_plans(form: SequenceForm) -> tuple[list[float], list[float]] | None:
    """Approximate optimal plans from one floating-point LP (primal x, duals y), or None."""
    try:
        from scipy.optimize import linprog
        from scipy.sparse import coo_matrix
    except ImportError:  # pragma: no cover - scipy comes with nashpy
        return None
    n1, n2 = form.n_sequences
    E, _ = form.constraints(0)
    F, _ = form.constraints(1)
    n = n1 + len(F)                              # variables: x, then q (free)
    rows, cols, vals = [], [], []
    for r, row in enumerate(F):                  # F^T q - A^T x <= 0, one row per t
        for t, c in row.items():
            rows.append(t), cols.append(n1 + r), vals.append(float(c))
    for (s, t), value in form.A.items():
        rows.append(t), cols.append(s), vals.append(-float(value))
    upper = coo_matrix((vals, (rows, cols)), shape=(n2, n)).tocsr()
    rows, cols, vals = [], [], []
    for r, row in enumerate(E):
        for s, c in row.items():
            rows.append(r), cols.append(s), vals.append(float(c))
    equal = coo_matrix((vals, (rows, cols)), shape=(len(E), n)).tocsr()
    cost = [0.0] * n
    cost[n1] = -1.0
    try:
        result = linprog(cost, A_ub=upper, b_ub=[0.0] * n2, A_eq=equal,
                         b_eq=[1.0] + [0.0] * (len(E) - 1),
                         bounds=[(0, None)] * n1 + [(None, None)] * len(F), method="highs")
    except (ValueError, OverflowError):       # e.g. payoffs beyond the range of floats
        return None
    if result.status != 0:
        return None
    return list(result.x[:n1]), [-m for m in result.ineqlin.marginals]


def _tight(form: SequenceForm, player: int, other: list[float]) -> set[int]:
    """Sequences of ``player`` that are best responses against the other's (float) plan:
    the complementary slack ``w`` is (numerically) zero.  Floating point, used as a guess."""
    sign = 1.0 if player == 0 else -1.0          # the second player minimises x^T A y
    gain = [0.0] * form.n_sequences[player]
    for (s, t), value in form.A.items():
        mine, theirs = (s, t) if player == 0 else (t, s)
        gain[mine] += sign * float(value) * other[theirs]
    total = list(gain)
    best = [0.0] * len(form.parent[player])
    for j in range(len(best) - 1, -1, -1):
        start, k = form.offset[player][j], form.n_actions[player][j]
        best[j] = max(total[start + 1: start + k + 1])
        total[form.parent[player][j]] += best[j]
    scale = 1e-7 * max(1.0, max(map(abs, total)))
    tight = {0}
    for j, (start, k) in enumerate(zip(form.offset[player], form.n_actions[player])):
        tight.update(s for s in range(start + 1, start + k + 1) if best[j] - total[s] <= scale)
    return tight


def _solve_sparse(equations: list[dict[int, Fraction]], guess: dict[int, Fraction]
                  ) -> dict[int, Fraction] | None:
    """A solution of sparse linear equations (``eq[_RHS]`` the right-hand side), None if
    inconsistent.  Gaussian elimination in Fractions, shortest equations first; variables left
    free take their ``guess`` (default 0)."""
    pivots: dict[int, tuple[int, dict]] = {}      # variable -> (time, equation solved for it)
    order: list[int] = []
    for eq in sorted(equations, key=len):
        eq = dict(eq)
        while True:
            found = [(pivots[v][0], v) for v in eq if v in pivots]
            if not found:
                break
            _, v = min(found)
            factor = eq.pop(v)
            for u, c in pivots[v][1].items():
                value = eq.get(u, 0) - factor * c
                if value:
                    eq[u] = value
                else:
                    eq.pop(u, None)
        unknowns = [v for v in eq if v != _RHS]
        if not unknowns:
            if eq.get(_RHS, 0) != 0:
                return None
            continue
        v = unknowns[0]
        c = eq.pop(v)
        pivots[v] = (len(order), {u: w / c for u, w in eq.items()})
        order.append(v)
    solution: dict[int, Fraction] = {v: c for v, c in guess.items() if v not in pivots}
    for v in reversed(order):                     # back substitution
        row = pivots[v][1]
        solution[v] = row.get(_RHS, Fraction(0)) - sum(
            (c * solution.get(u, 0) for u, c in row.items() if u != _RHS), Fraction(0))
    return solution


def _exact_plan(form: SequenceForm, player: int, mine: set, yours: set, guess: list
                ) -> list | None:
    """The plan of ``player`` with support ``mine`` that makes the opponent indifferent on
    the opponent's support ``yours``: ``E x = e``, ``(F^T q - A^T x)_t = 0`` for ``t`` in
    ``yours`` (for the second player, ``(E^T p - A y)_s = 0``), exact."""
    me, you = player, 1 - player
    n_me = form.n_sequences[me]
    my_rows, my_rhs = form.constraints(me)
    your_rows, _ = form.constraints(you)
    equations = []
    for row, b in zip(my_rows, my_rhs):
        eq = {s: Fraction(c) for s, c in row.items() if s in mine}
        if b:
            eq[_RHS] = Fraction(b)
        equations.append(eq)
    indifference: dict[int, dict] = {t: {} for t in yours}
    for r, row in enumerate(your_rows):
        for t, c in row.items():
            if t in indifference:
                indifference[t][n_me + r] = Fraction(c)
    for (s, t), value in form.A.items():
        mine_index, yours_index = (s, t) if player == 0 else (t, s)
        if yours_index in indifference and mine_index in mine:
            eq = indifference[yours_index]
            eq[mine_index] = eq.get(mine_index, 0) - value
    equations.extend(indifference.values())
    rounded = {s: Fraction(guess[s]).limit_denominator(10**6) for s in mine}
    solution = _solve_sparse(equations, rounded)
    if solution is None:
        return None
    return [solution.get(s, Fraction(0)) if s in mine else Fraction(0) for s in range(n_me)]


def guided_plans(form: SequenceForm) -> tuple[list, list, Fraction] | None:
    """Exact optimal plans and the value from a floating-point guess of the supports, certified
    by :func:`certified_value`; None when the guess does not certify."""
    guess = _float_plans(form)
    if guess is None:
        return None
    x_float, y_float = guess
    x_support = {s for s, v in enumerate(x_float) if v > _SUPPORT}
    y_support = {t for t, v in enumerate(y_float) if v > _SUPPORT}
    x_tight, y_tight = _tight(form, 0, y_float), _tight(form, 1, x_float)
    x = _exact_plan(form, 0, x_support, y_tight | y_support, x_float)
    y = _exact_plan(form, 1, y_support, x_tight | x_support, y_float)
    if x is None or y is None:
        return None
    value = certified_value(form, x, y)
    return None if value is None else (x, y, value)


def sequence_lp(game, method: str = "guided") -> tuple[tuple, Fraction]:
    """Optimal behaviour strategies and the value of a two-player constant-sum tree, exact.

    Parameters
    ----------
    game : ExtensiveGame
        Two players, perfect recall, payoffs adding to the same constant at every terminal.
    method : {"guided", "simplex"}
        ``"guided"``: supports guessed in floating point, plans computed and certified exactly,
        exact simplex as the fallback; ``"simplex"``: the exact simplex method only.

    Returns
    -------
    profile : tuple
        A behaviour profile ``[player][information set][action]`` of Fractions; uniform at
        information sets that the optimal plans do not reach.
    value : Fraction
        The first player's expected payoff (the value).

    Raises
    ------
    ValueError
        If the game is not constant-sum (or not a two-player game with perfect recall).

    Examples
    --------
    >>> from gametheory.catalog import kuhn_poker
    >>> profile, value = sequence_lp(kuhn_poker())
    >>> value
    Fraction(-1, 18)
    """
    form = sequence_form(game)
    k = constant_sum(game)
    if k is None:
        raise ValueError("the sequence-form LP needs a constant-sum game; use sequence_lcp")
    if method not in ("guided", "simplex"):
        raise ValueError(f"unknown method {method!r}; use 'guided' or 'simplex'")
    found = guided_plans(form) if method == "guided" else None
    if found is None:
        x, value = optimal_plan(form, 0)
        y, other = optimal_plan(form, 1)
        if value != other or certified_value(form, x, y) != value:
            raise RuntimeError(f"the two programs disagree on the value: {value} and {other}")
    else:
        x, y, value = found
    return (behavior_from_plan(form, 0, x), behavior_from_plan(form, 1, y)), value
