"""Parametric subgame-perfect equilibrium: backward induction over regions of parameters.

The solver's front: :func:`parametric_spe` splits the ``{0, 1}`` switch parameters that appear
in payoffs into cases (so that products such as ``lam*kappa`` become linear), runs the one
backward-induction walk (:func:`gametheory.solvers.kernel.backward_walk`) over the branch domain
of :mod:`gametheory.symbolic.branches` for each case, and assembles the pieces
(:mod:`gametheory.symbolic.assembly`).  Backward induction with symbolic payoffs follows Kuhn
(1953) and Selten (1965); at a tie every subgame-perfect equilibrium is listed, and
``generic=True`` drops the boundaries between regions.

The solver is split by concept:

* :mod:`~gametheory.symbolic.relations`: relations in one normal form;
* :mod:`~gametheory.symbolic.feasibility`: emptiness, implication and covering of regions,
  remembered for one solve;
* :mod:`~gametheory.symbolic.branches`: the branch value domain of the walk;
* :mod:`~gametheory.symbolic.simultaneous`: simultaneous-move subgames (support enumeration);
* :mod:`~gametheory.symbolic.assembly`: merging branches and building the pieces.

Chance probabilities may be expressions in the parameters.  Those of one chance node sum to 1
identically (the game checks it when built); each must also lie in ``[0, 1]``: where the
parameters' domains do not already say so, these relations (:func:`probability_assumptions`) are assumed throughout the
solve and become conditions of every region (where its other conditions do not imply them), and
a game whose probabilities can never be valid is rejected.

Piecewise-linear payoffs (``Abs``, ``Max``, ``Min``, ``Piecewise``, such as the tent utilities
of spatial models) never reach a region's conditions: atoms that the domains decide are replaced
first (``Abs(x_N)`` is ``x_N`` when ``x_N >= 0``), and where the walk compares two payoffs it
splits the others into linear cells (:mod:`gametheory.symbolic.piecewise`), each cell's
conditions joining the region.  Factors whose sign a domain fixes are split off non-linear
comparisons (``(1 - pi)*(a - b) > 0`` is ``pi < 1`` and ``a > b``), so that regions stay linear
wherever the model is.  Branches with the same choices and payoffs are united where their union
is one polyhedron, and the payoffs are written on each final region.

Pieces with the same profile whose regions differ only in one complementary condition are
merged, and every final region is simplified (redundant conditions removed).  Non-linear
conditions are decided by z3; a region whose emptiness is undecided is kept and flagged, never
dropped.  ``max_regions`` bounds the answer: the solve stops early, with a proved lower bound on
the number of regions, when the limit would be passed.
"""

from __future__ import annotations

import itertools
from typing import Iterable

import sympy
from sympy.core.relational import Relational

from ..numbers import parse_relation, to_sympy
from ..parameters import Switch
from ..solvers.kernel import equilibrium_path
from . import linear
from .assembly import (LazyRules, irredundant, make_piece, merge_branches, rule_profile,
                       unite_cells)
from .branches import MAX_SIMULTANEOUS, Branch, BranchSolver, TooManyRegions
from .decide import negate
from .feasibility import Feasibility
from .piecewise import PIECEWISE, fixed_atoms
from .relations import normal
from .solution import PiecewiseSolution, infoset_names

__all__ = ["parametric_spe", "probability_assumptions", "MAX_REGIONS", "TooManyRegions", "MAX_SIMULTANEOUS", "Branch",
           "BranchSolver", "Feasibility", "LazyRules", "equilibrium_path", "irredundant",
           "make_piece", "merge_branches", "rule_profile"]

MAX_REGIONS = 500
"""Default most regions :func:`parametric_spe` returns (``max_regions``)."""


def parametric_spe(game, *, generic: bool = False, assumptions: Iterable = (),
                   simplify: bool = True, merge: bool = True,
                   max_regions: int | None = MAX_REGIONS,
                   same_outcome: bool = False) -> PiecewiseSolution:
    """The subgame-perfect equilibria of a symbolic game, as a piecewise solution.

    Parameters
    ----------
    game : ExtensiveGame
        Perfect information, possibly with chance moves and with simultaneous-move subgames of
        up to 3 x 3 actions.  Payoffs and probabilities may be expressions in the parameters.
    generic : bool
        Drop the boundaries between regions (strict inequalities): only equilibria that hold
        on open sets of parameters are listed.
    assumptions : iterable of relations or str
        Global assumptions between parameters (e.g. ``"K_H > ell_A"``), parsed safely.
    simplify : bool
        Remove redundant conditions from each final region.
    merge : bool
        Merge pieces with the same profile and payoffs whose regions are complementary.
    max_regions : int or None
        Most regions to return (None: no limit).  Beyond it :class:`TooManyRegions` is
        raised, as soon as the solve has found more distinct equilibria than the limit.

    same_outcome : bool
        List an action only once among actions that give every player the same payoffs
        (outcome-equivalent moves, such as accepting an offer that a later veto kills and
        rejecting it): the first is shown, and the solution's note names the information
        sets; every choice among them, mixtures included, is an equilibrium with the same
        payoffs.  By default every equilibrium is listed.

    Raises
    ------
    TooManyRegions
        When the solution would have more than ``max_regions`` regions.

    Returns
    -------
    PiecewiseSolution

    Examples
    --------
    Entry deterrence: the incumbent fights iff a fight costs it less than sharing the market.

    >>> from gametheory.games import ExtensiveGame, decision, leaf
    >>> from gametheory.parameters import Parameter
    >>> game = ExtensiveGame(["E", "I"], decision("E", {
    ...     "Out": leaf(0, "m"),
    ...     "In": decision("I", {"Fight": leaf(-1, "m - f"), "Share": leaf(1, "m/2")})}),
    ...     parameters=[Parameter("m", "> 0"), Parameter("f", ">= 0")])
    >>> for piece in parametric_spe(game, generic=True):
    ...     print(piece.region, piece.path)
    (2*f - m < 0) ('Out',)
    (2*f - m > 0) ('In', 'Share')
    """
    parameters = tuple(game.parameters)
    symbols = {p.name: p.symbol for p in parameters}
    assumed = tuple(_relation(a, symbols) for a in assumptions)
    valid = probability_assumptions(game, parameters, assumed)
    collapsed: set[int] = set()
    branches, rules, tidy = _solve_cases(game, parameters, assumed + valid, generic,
                                         use_rules=generic, max_regions=max_regions,
                                         same_outcome=same_outcome, collapsed=collapsed)
    if merge:
        branches = merge_branches(branches, parameters)
    check = Feasibility(parameters)
    off_path = LazyRules(game, rules or {})
    if valid:    # shown in every region, where the region's other conditions do not imply it
        branches = [Branch(b.conditions | frozenset(valid), b.choices, b.payoffs, b.decided)
                    for b in branches]
    pieces = [make_piece(game, b, check, assumed,
                         simplify and (bool(valid) or b.conditions not in tidy), off_path)
              for b in branches]
    pieces = [p for p in pieces if p is not None]
    linear.forget()
    if max_regions is not None and len(pieces) > max_regions:
        raise TooManyRegions(len(pieces), max_regions)   # the linear engine's memory of this solve's regions
    notes = [] if all(p.decided for p in pieces) else [
        "some regions could not be proved non-empty (non-linear conditions left undecided)"]
    if collapsed:
        names = infoset_names(game)
        notes.append("actions with the same outcome for every player are listed once (the "
                     "first; any choice among them is an equilibrium too) at: "
                     + ", ".join(f"{game.players[game.infosets[k].player]} {names[k]}"
                                 for k in sorted(collapsed)))
    note = "; ".join(notes)
    return PiecewiseSolution(game, tuple(pieces), generic, "parametric-spe", note)



def _solve_cases(game, parameters, assumed, generic, use_rules, max_regions=None,
                 same_outcome=False, collapsed=None):
    """Backward induction for each case of the switches: the branches, with ``use_rules``
    each information set's rule ``[(conditions, probabilities), ...]``, and the regions known
    to be irredundant already.

    Piecewise payoffs (``Abs``, ``Max``, ``Min``, ``Piecewise``) are first reduced where the
    domains decide them (:func:`~gametheory.symbolic.piecewise.fixed_atoms`); the walk
    splits the others into linear cells where it compares payoffs, and the branches with the
    same choices and payoffs are united at the end (:func:`~.assembly.unite_cells`), their
    payoffs written on their regions (:func:`~gametheory.symbolic.piecewise.resolve`).
    With ``max_regions``, :class:`TooManyRegions` is raised when one switch case has more
    distinct equilibria than that (each gives at least one region).  With ``same_outcome``,
    outcome-equivalent actions are listed once and their information sets added to
    ``collapsed``."""
    used = _used_symbols(game)
    switches = [p for p in parameters if isinstance(p.domain, Switch) and p.symbol in used]
    split = _has_piecewise(game)
    branches: list[Branch] = []
    rules: dict[int, list] | None = {} if use_rules else None
    tidy: set[frozenset] = set()
    for values in itertools.product(*(p.domain.values() for p in switches)):
        case = {p.symbol: to_sympy(v) for p, v in zip(switches, values)}
        label = frozenset(sympy.Eq(p.symbol, to_sympy(v)) for p, v in zip(switches, values))
        case_assumed = tuple(a.xreplace(case) for a in assumed)
        if any(a is sympy.false for a in case_assumed):
            continue
        case_assumed = tuple(a for a in case_assumed if a is not sympy.true)
        free = [p for p in parameters if p.symbol not in case]
        pieces = fixed_atoms(_expressions(game, case), free, case_assumed) if split else None
        solver = BranchSolver(game, case, parameters, case_assumed, generic, pieces=pieces,
                              same_outcome=same_outcome, limit=max_regions)
        if not use_rules:
            solver.rules = None
        if solver.feasible(frozenset()) is False:
            continue
        found = solver.solve()
        if split:
            found = unite_cells(solver, found)
        if collapsed is not None:
            collapsed |= solver.collapsed
        if max_regions is not None:
            count = len({b.choices for b in found if b.decided})
            if count > max_regions:
                raise TooManyRegions(count, max_regions)
        for branch in found:
            branches.append(Branch(branch.conditions | label, branch.choices,
                                   branch.payoffs, branch.decided))
            if not label and branch.conditions in solver.irredundant:
                tidy.add(branch.conditions)
        if use_rules:
            for k, entries in solver.rules.items():
                rules.setdefault(k, []).extend(
                    ((c | label, probs) for c, probs in entries) if label else entries)
    return branches, rules, tidy


def _has_piecewise(game) -> bool:
    return any(isinstance(x, sympy.Basic) and x.has(*PIECEWISE) for x in _expressions(game, {}))


def _expressions(game, case) -> list:
    """The game's payoffs and chance probabilities as sympy expressions, ``case`` substituted."""
    out = [sympy.sympify(to_sympy(x)) for o in game.outcomes for x in o.payoffs]
    out += [sympy.sympify(to_sympy(p)) for s in game.infosets for p in s.probs or ()]
    return [x.xreplace(case) if case else x for x in out]


def _relation(value, symbols) -> sympy.Basic:
    if isinstance(value, str):
        return parse_relation(value, symbols)
    if isinstance(value, Relational) or value in (sympy.true, sympy.false):
        return value
    raise ValueError(f"an assumption must be a relation: {value!r}")


def _used_symbols(game) -> set:
    used = set()
    for outcome in game.outcomes:
        for x in outcome.payoffs:
            if isinstance(x, sympy.Basic):
                used |= x.free_symbols
    for s in game.infosets:
        for p in s.probs or ():
            if isinstance(p, sympy.Basic):
                used |= p.free_symbols
    return used


def probability_assumptions(game, parameters, assumed=()) -> tuple:
    """The relations that make a game's symbolic chance probabilities valid, where the
    parameters' domains and ``assumed`` do not imply them already: every probability in
    ``[0, 1]``.  (That those of each chance node sum to 1 identically is checked when the game
    is built.)

    Raises
    ------
    ValueError
        When no point of the parameters' domains (under ``assumed``) makes them valid.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from gametheory.games import ExtensiveGame, chance, leaf
    >>> from gametheory.parameters import Parameter
    >>> game = ExtensiveGame(["A"], chance({"h": ("p", leaf(1)), "t": ("1 - p", leaf(0))}),
    ...                      parameters=[Parameter("p", "real")])
    >>> probability_assumptions(game, game.parameters)
    (p >= 0, p <= 1)
    >>> bounded = ExtensiveGame(["A"], chance({"h": ("p", leaf(1)), "t": ("1 - p", leaf(0))}),
    ...                         parameters=[Parameter("p", "[0, 1]")])
    >>> probability_assumptions(bounded, bounded.parameters)
    ()
    """
    wanted: dict = {}
    for s in game.infosets:
        if not s.is_chance or not any(isinstance(p, sympy.Basic) and p.free_symbols
                                      for p in s.probs or ()):
            continue
        for p in s.probs:
            p = sympy.sympify(to_sympy(p))
            if p.free_symbols:
                wanted.setdefault(normal(p >= 0))
                wanted.setdefault(normal(p <= 1))
    wanted.pop(sympy.true, None)
    if sympy.false in wanted:
        raise ValueError("a chance probability can never lie in [0, 1]")
    if not wanted:
        return ()
    check = Feasibility(parameters)
    base = frozenset(assumed)
    if check(base | frozenset(wanted)) is False:
        raise ValueError("the chance probabilities are never all in [0, 1] on the parameters' "
                         "domains: " + ", ".join(map(str, wanted)))
    return tuple(r for r in wanted if check(base | {negate(r)}) is not False)
