"""The front door: ``solve(game, method="auto", **options) -> Solution``.

Methods (the names the command line uses):

========== ====================================================================================
``spe``    subgame-perfect equilibria: backward induction (all pure SPE) on perfect-information
           trees, subgame decomposition otherwise
``enumpure`` all pure Nash equilibria, n players (strategic form; ``agent=True``: agent form)
``enummixed`` all extreme Nash equilibria of a 2-player game (reduced strategic form for trees)
``enumpoly`` all isolated equilibria of a small game, n players (support enumeration)
``lcp``    one equilibrium of a 2-player game: Lemke-Howson (strategic form) or Lemke on the
           sequence form (trees)
``lp``     2-player constant-sum games: linear programming (sequence form for trees)
``pbe``    all weak perfect Bayesian equilibria with their beliefs (trees)
``auto``   picks one of the above and says which in ``Solution.note``
========== ====================================================================================

Every call returns a :class:`~gametheory.solvers.result.Solution`; for a game with free
parameters under ``spe``/``auto`` it is a
:class:`~gametheory.symbolic.solution.PiecewiseSolution`, whose equilibria are given region by
region, each with its full strategy profile.  Every numeric equilibrium returned carries its
exact regret from :mod:`gametheory.solvers.regret` (for ``spe`` also its subgame regret, for
``pbe`` the sequential regret of the assessment at a point of its region); a profile whose
regret is not exactly 0 is a bug and raises.
"""

from __future__ import annotations

import inspect
from fractions import Fraction
from typing import Any, Callable

import numpy as np
import sympy

from ..errors import did_you_mean
from .behavior import behavior_from_mixed
from .regret import regret, strategic_payoffs, strategic_regrets
from .result import Equilibrium, Solution

__all__ = ["solve", "METHODS", "SMALL_BIMATRIX", "OptionError"]

#: What :func:`solve` takes: an ``ExtensiveGame`` or a ``StrategicGame`` (duck-typed: a tree
#: is whatever has a ``tree``).
Game = Any

SMALL_BIMATRIX = 16 * 16   # auto: enummixed up to this many contingencies, lcp above


class OptionError(TypeError):
    """An option the chosen method does not take (a ``TypeError``, like a bad keyword)."""


def _is_tree(game: Game) -> bool:
    return hasattr(game, "tree")


def _check(game: Game, profile: Any, *, behavior: bool) -> Fraction:
    gap = regret(game, profile)
    if gap:
        raise AssertionError(f"solver bug: a returned profile has regret {gap}")
    return gap


def _strategic(game: Game) -> tuple[Any, list[Any] | None]:
    """The game's strategic form and, for trees, the reduced strategies per player."""
    if not _is_tree(game):
        return game, None
    from ..games.forms import reduced_strategies
    if not game.has_perfect_recall:
        raise ValueError("the reduced strategic form needs perfect recall; use "
                         "solve(game, 'enumpure', agent=True)")
    plans = [reduced_strategies(game, p) for p in range(game.n_players)]
    return game.reduced_strategic_form(), plans


def _from_mixed(game: Game, form: Any, plans: list[Any] | None, strategies: Any
                ) -> Equilibrium:
    """An equilibrium given as mixed strategies of ``form``, certified on ``form``."""
    strategies = tuple(tuple(x if isinstance(x, sympy.Basic) else Fraction(x) for x in player)
                       for player in strategies)
    gap = max(strategic_regrets(form, strategies))
    if gap:
        raise AssertionError(f"solver bug: a returned profile has regret {gap}")
    payoffs = strategic_payoffs(form, strategies)
    behavior = None
    if plans is not None:
        behavior = behavior_from_mixed(game, strategies, plans)
        gap = _check(game, behavior, behavior=True)
    return Equilibrium(payoffs, behavior=behavior, strategies=strategies, regret=gap)


def _from_pure(game: Game, form: Any, plans: list[Any] | None, profile: tuple[int, ...]
               ) -> Equilibrium:
    """A pure profile of ``form``, certified by its exact regrets read off the table: a player's
    best payoff along their own strategies, the others' fixed, minus their payoff at the profile
    (the definition of a Nash equilibrium in pure strategies; Osborne and Rubinstein 1994,
    Definition 14.1).  Costs one line of the table per player, not the whole table.

    >>> from gametheory.catalog import prisoners_dilemma
    >>> pd = prisoners_dilemma()
    >>> _from_pure(pd, pd, None, (1, 1)).payoffs
    (Fraction(1, 1), Fraction(1, 1))
    >>> _from_pure(pd, pd, None, (0, 0))
    Traceback (most recent call last):
    ...
    AssertionError: solver bug: a returned profile has regret 2
    """
    table = form.payoffs
    payoffs = tuple(Fraction(table[(i, *profile)]) for i in range(form.n_players))
    gap = Fraction(0)
    for i, own in enumerate(payoffs):
        line = table[(i, *profile[:i], slice(None), *profile[i + 1:])]
        gap = max(gap, Fraction(max(line)) - own)
    if gap:
        raise AssertionError(f"solver bug: a returned profile has regret {gap}")
    strategies = tuple(tuple(Fraction(int(k == s)) for k in range(n))
                       for s, n in zip(profile, form.shape))
    behavior = None
    if plans is not None:
        behavior = behavior_from_mixed(game, strategies, plans)
        gap = _check(game, behavior, behavior=True)
    return Equilibrium(payoffs, behavior=behavior, strategies=strategies, regret=gap)


def _from_behavior(game: Game, behavior: Any) -> Equilibrium:
    from .behavior import as_behavior, expected_payoffs
    behavior = as_behavior(game, behavior)
    gap = _check(game, behavior, behavior=True)
    return Equilibrium(expected_payoffs(game, behavior), behavior=behavior, regret=gap)


def _two_players(game: Game, method: str) -> None:
    if game.n_players != 2:
        raise ValueError(f"method {method!r} needs 2 players; the game has {game.n_players} "
                         f"(use 'enumpure')")


def _constant_sum(game: Game) -> bool:
    if not _is_tree(game):
        return bool(game.is_constant_sum)
    totals = {sum(row) for row in game.terminal_payoffs().tolist()}
    return len(totals) <= 1


# ------------------------------------------------------------------------------ methods

def _spe(game: Game, limit: int | None = None, tie_break: Any = None) -> Solution:
    if not _is_tree(game):
        raise ValueError("method 'spe' needs an extensive game (a tree)")
    if game.is_perfect_information:
        from .backward_induction import spe as backward_induction
        return backward_induction(game, limit=limit, tie_break=tie_break)
    if tie_break is not None:
        raise ValueError("tie_break applies to perfect-information games only")
    from .subgames import spe
    return spe(game, limit=limit)


def _enumpure(game: Game, agent: bool = False, limit: int | None = None) -> Solution:
    if limit is not None and limit < 1:
        raise ValueError("limit must be at least 1")
    if agent:
        if not _is_tree(game):
            raise ValueError("agent=True needs an extensive game")
        from .agent import enumpure_agent
        return enumpure_agent(game, limit=limit)
    from .enumpure import equilibrium_mask, first_profiles
    form, plans = _strategic(game)
    mask = equilibrium_mask(form.payoffs)
    count = int(np.count_nonzero(mask))
    profiles = first_profiles(mask, limit)          # the scan stops after ``limit``
    found = [_from_pure(game, form, plans, profile) for profile in profiles]
    return Solution(game, "enumpure", {"agent": False, "limit": limit}, tuple(found),
                    complete=len(found) == count, count=count, note=f"{count} pure equilibria")


def _enummixed(game: Game, limit: int | None = None) -> Solution:
    _two_players(game, "enummixed")
    from .enummixed import enumerate_extreme_equilibria
    form, plans = _strategic(game)
    pairs = enumerate_extreme_equilibria(form.payoffs[0], form.payoffs[1])
    count = len(pairs)
    if limit is not None:
        pairs = pairs[:limit]
    found = tuple(_from_mixed(game, form, plans, pair) for pair in pairs)
    return Solution(game, "enummixed", {"limit": limit}, found, complete=len(found) == count,
                    count=count, note=f"{count} extreme equilibria")


def _enumpoly(game: Game, limit: int | None = None) -> Solution:
    """All isolated equilibria of a small game, any number of players (``enumpoly.py``)."""
    from .enumpoly import support_enumeration
    form, plans = _strategic(game)
    profiles, isolated = support_enumeration(form.payoffs)
    count = len(profiles)
    if limit is not None:
        profiles = profiles[:limit]
    found = tuple(_from_mixed(game, form, plans, profile) for profile in profiles)
    note = f"{count} equilibria by support enumeration"
    if not isolated:
        note += "; some supports may hold a continuum of equilibria, which is not listed"
    return Solution(game, "enumpoly", {"limit": limit}, found,
                    complete=isolated and len(found) == count, count=count, note=note)


def _lcp(game: Game, initial_dropped_label: int = 0) -> Solution:
    _two_players(game, "lcp")
    if _is_tree(game):
        from .sequence_lcp import sequence_lcp
        equilibrium = _from_behavior(game, sequence_lcp(game))
        note = "Lemke on the sequence form"
    else:
        from .lemke_howson import lemke_howson
        x, y = lemke_howson(game.payoffs[0], game.payoffs[1], initial_dropped_label)
        equilibrium = _from_mixed(game, game, None, (x, y))
        note = f"Lemke-Howson, dropped label {initial_dropped_label}"
    return Solution(game, "lcp", {"initial_dropped_label": initial_dropped_label}
                    if not _is_tree(game) else {}, (equilibrium,), complete=False, note=note)


def _lp(game: Game) -> Solution:
    _two_players(game, "lp")
    if not _constant_sum(game):
        raise ValueError("method 'lp' needs a constant-sum game; use 'lcp' or 'enummixed'")
    if _is_tree(game):
        from .sequence_lp import sequence_lp
        behavior, _value = sequence_lp(game)
        equilibrium = _from_behavior(game, behavior)
        note = "sequence-form linear program"
    else:
        from .linprog import zero_sum_equilibrium
        x, y, _value = zero_sum_equilibrium(game.payoffs[0])
        equilibrium = _from_mixed(game, game, None, (x, y))
        note = "linear program (maximin)"
    return Solution(game, "lp", {}, (equilibrium,), complete=False, note=note)


def _pbe(game: Game, **options: Any) -> Solution:
    """All weak perfect Bayesian equilibria with their supporting beliefs (see ``pbe.py``)."""
    if not _is_tree(game):
        raise ValueError("method 'pbe' needs an extensive game")
    from .pbe import pbe_solution
    return pbe_solution(game, **options)


METHODS: dict[str, Callable[..., Solution]] = {
    "spe": _spe,
    "enumpure": _enumpure,
    "enummixed": _enummixed,
    "enumpoly": _enumpoly,
    "lcp": _lcp,
    "lp": _lp,
    "pbe": _pbe,
}


def _auto(game: Game) -> tuple[str, dict[str, Any], str]:
    """The method ``auto`` picks, the options it adds, and why."""
    if _is_tree(game):
        if game.is_perfect_information:
            return "spe", {}, "perfect information: backward induction"
        if not game.has_perfect_recall:
            return "enumpure", {"agent": True}, "imperfect recall: pure agent-form equilibria"
        if len(game.subgame_roots()) > 1:
            return "spe", {}, "proper subgames: subgame-perfect equilibria, subgame by subgame"
        if game.n_players == 2:
            if _constant_sum(game):
                return "lp", {}, "2-player constant-sum tree: sequence-form LP"
            return "lcp", {}, "2-player tree: Lemke on the sequence form"
        return "enumpure", {}, f"{game.n_players} players: pure equilibria"
    if game.n_players == 2:
        if game.n_contingencies <= SMALL_BIMATRIX:
            return "enummixed", {}, "small 2-player game: all extreme equilibria"
        if game.is_constant_sum:
            return "lp", {}, "large 2-player constant-sum game: linear programming"
        return "lcp", {}, "large 2-player game: Lemke-Howson"
    return "enumpure", {}, f"{game.n_players} players: pure equilibria"


def solve(game: Game, method: str = "auto", **options: Any) -> Solution:
    """Solve a game exactly and certify every equilibrium.

    Parameters
    ----------
    game : ExtensiveGame or StrategicGame
    method : {'auto', 'spe', 'enumpure', 'enummixed', 'enumpoly', 'lcp', 'lp', 'pbe'}
    **options
        Passed to the method: ``limit`` (spe, enumpure, enummixed, enumpoly, pbe),
        ``tie_break`` (spe), ``agent`` (enumpure), ``initial_dropped_label`` (lcp on strategic
        games), the options of :func:`gametheory.solvers.pbe.perfect_bayesian` (pbe).  Symbolic
        games with ``spe``/``auto`` go to :func:`gametheory.symbolic.parametric.parametric_spe`
        with its options (``generic``, ...).  An option the method (under ``auto``: the method
        picked) does not take raises ``TypeError``, read off the method's signature.

    Returns
    -------
    Solution
        A :class:`~gametheory.symbolic.solution.PiecewiseSolution` (a Solution of regions)
        for a symbolic game under ``spe`` or ``auto``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game, matching_pennies
    >>> sol = solve(entry_game())
    >>> sol.method, sol.note, sol[0].payoffs
    ('spe', 'auto: perfect information: backward induction', (Fraction(1, 1), Fraction(1, 1)))
    >>> solve(matching_pennies(), "enummixed")[0].strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> solve(entry_game(), limt=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    gametheory.solvers.solve.OptionError: method 'auto' (which picked 'spe' ...) takes no option 'limt': ...'limit'?
    """
    if method != "auto" and method not in METHODS:
        names = ["auto", *METHODS]
        hint = did_you_mean(method, names, n=1)
        raise ValueError(f"unknown method {method!r}; choose from {', '.join(names)}{hint}")
    if getattr(game, "is_symbolic", False):
        if method == "pbe":
            _check_options("pbe", _option_target("pbe"), options)
            return _pbe(game, **options)
        if method in ("auto", "spe") and _is_tree(game):
            from ..symbolic.parametric import parametric_spe
            from ..symbolic.solution import PiecewiseSolution
            _check_options(method, parametric_spe, options,
                           picked="spe (parametric)" if method == "auto" else None)
            pieces = parametric_spe(game, **options)
            return PiecewiseSolution(pieces.game, pieces.pieces, pieces.generic,
                                     pieces.method, pieces.note, options)
        raise ValueError(f"the game has parameters: method {method!r} needs numbers; "
                         f"substitute values first (game.substitute) or use 'spe'")
    if method == "auto":
        method, extra, why = _auto(game)
        _check_options("auto", _option_target(method), options, picked=method)
        solution = METHODS[method](game, **{**extra, **options})
        note = f"auto: {why}" + (f"; {solution.note}" if solution.note else "")
        return Solution(solution.game, solution.method, solution.options, solution.equilibria,
                        solution.complete, note, solution.count)
    _check_options(method, _option_target(method), options)
    return METHODS[method](game, **options)


def _option_target(method: str) -> Callable[..., Any]:
    """The function whose keyword parameters are the options ``method`` takes."""
    if method == "pbe":                  # _pbe(game, **options) forwards to perfect_bayesian
        from .pbe import perfect_bayesian
        return perfect_bayesian
    return METHODS[method]


def _option_names(function: Callable[..., Any]) -> tuple[str, ...]:
    """The option names ``function(game, ...)`` takes, read off its signature.

    >>> _option_names(_enumpure)
    ('agent', 'limit')
    """
    params = list(inspect.signature(function).parameters.values())[1:]   # skip ``game``
    return tuple(p.name for p in params
                 if p.kind not in (inspect.Parameter.VAR_POSITIONAL,
                                   inspect.Parameter.VAR_KEYWORD))


def _check_options(method: str, function: Callable[..., Any], options: dict[str, Any],
                   picked: str | None = None) -> None:
    """Raise :class:`OptionError` (a ``TypeError``) naming the first option ``function`` does not take."""
    names = _option_names(function)
    for option in options:
        if option in names:
            continue
        who = f"method {method!r}" if picked is None else \
            f"method {method!r} (which picked {picked!r} for this game)"
        takes = f"takes only {', '.join(repr(n) for n in names)}" if names else \
            "takes no options"
        hint = did_you_mean(option, names, n=1)
        raise OptionError(f"{who} takes no option {option!r}: it {takes}{hint}")
