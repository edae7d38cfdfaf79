"""Piecewise solutions: the equilibria of a symbolic game as functions of its parameters.

A :class:`PiecewiseSolution` is the :class:`~gametheory.solvers.result.Solution` of a game with
free parameters: its equilibria are :class:`Piece` objects, one per region.  Each piece holds a
region of parameter values (a :class:`~gametheory.symbolic.regions.Region`, a conjunction of
relations) and the equilibrium valid there: the full behaviour profile (``profile[player]
[infoset][action]``, exact numbers or expressions; every information set, off the path
included), the action labels on the equilibrium path and the payoffs as expressions.  The
regions cover the declared domain; they overlap only where several equilibria coexist (ties),
and then every one is listed.  Two pieces with the same conditions, path and payoffs differ in
their profile off the path, and every output shows the profile.

The JSON form (:meth:`PiecewiseSolution.to_json_dict`) is the one other tools parse::

    {"game": {"title": "...", "players": ["A", "B", "V"]}, "method": "parametric-spe",
     "parameters": ["R", "c", ...],
     "regions": [{"conditions": ["c < R/s - sigma", "Eq(lam, 1)"],
                  "path": ["S", "accept", "approve"],
                  "payoffs": ["R - s*(c + sigma)", "s - gamma", "v_S - h*s"],
                  "profile": [{"player": "A", "infoset": "#1", "where": "at the root",
                               "actions": {"N": "0", "S": "1", "L": "0"}}, ...]}]}

References
----------
R. Selten (1965), Spieltheoretische Behandlung eines Oligopolmodells mit Nachfrageträgheit,
*Zeitschrift für die gesamte Staatswissenschaft* 121 (subgame perfection: a strategy profile
prescribes play at every decision node, on the path or off it).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

import sympy

from ..numbers import exact, to_sympy
from ..solvers.result import Equilibrium, Solution, labelled_moves
from .regions import Region
from .relations import relation_text

__all__ = ["Piece", "PiecewiseSolution", "PointEquilibrium", "infoset_names", "choice_text",
           "choice_latex"]

Profile = tuple  # tuple[player][infoset in player order][action] of sympy expressions


def infoset_names(game) -> tuple[str, ...]:
    """A readable name for every information set (global order): its label if it has one,
    ``at the root``, ``after a, b`` (the actions leading to its only node), or ``#k``.

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> infoset_names(entry_game())
    ('at the root', 'after In')
    """
    tree = game.tree
    names = []
    for k, infoset in enumerate(game.infosets):
        members = game.infoset_members(k).tolist()
        if infoset.label:
            names.append(f"at {infoset.label}")
        elif members == [0]:
            names.append("at the root")
        elif len(members) == 1:
            history, v = [], members[0]
            while v > 0:
                parent = int(tree.parent[v])
                history.append(game.infosets[int(tree.infoset[parent])].actions[
                    int(tree.action[v])])
                v = parent
            names.append("after " + ", ".join(reversed(history)))
        else:
            names.append(f"#{k + 1}")
    return tuple(names)


def choice_text(actions, probs, *, relation=relation_text, number=sympy.sstr,
                label=str) -> str:
    """The choice at one information set: an action, a mixture, or a rule in the parameters.

    ``relation``, ``number`` and ``label`` write a condition, a probability and an action
    (plain text by default; :func:`choice_latex` passes LaTeX writers).

    Examples
    --------
    >>> choice_text(("x", "y"), (0, 1))
    'y'
    >>> choice_text(("x", "y"), (Fraction(1, 3), Fraction(2, 3)))
    'x 1/3, y 2/3'
    >>> c = sympy.Symbol("c")
    >>> choice_text(("x", "y"), (sympy.Piecewise((1, c > 1), (0, c < 1), (sympy.nan, True)),
    ...                          sympy.Piecewise((0, c > 1), (1, c < 1), (sympy.nan, True))))
    'x if c > 1; y if c < 1'
    >>> choice_text(("x", "y"), (sympy.Piecewise((1, c > 1), (0, c < 1), (1, c < -1)),
    ...                          sympy.Piecewise((0, c > 1), (1, c < 1), (0, c < -1))))
    'x if (c > 1) or (c < -1); y if c < 1'
    """
    rules: dict[str, list] = {}              # "action" or "action p" -> conditions
    for action, p in zip(actions, probs):
        p = sympy.sympify(p)
        branches = p.args if isinstance(p, sympy.Piecewise) else ((p, sympy.true),)
        for value, condition in branches:
            if value == 0 or value is sympy.nan:
                continue
            text = label(action) if value == 1 else f"{label(action)} {number(value)}"
            rules.setdefault(text, []).append(condition)
    if all(conditions == [sympy.true] for conditions in rules.values()):
        return ", ".join(rules)
    return "; ".join(text + " if " + " or ".join(
        relation(c) if len(conditions) == 1 else f"({relation(c)})" for c in conditions)
        for text, conditions in rules.items())


def choice_latex(actions, probs) -> str:
    r""":func:`choice_text` in LaTeX (text mode): actions as text, probabilities and
    conditions as inline math (:mod:`gametheory.report.latex`).

    Examples
    --------
    >>> c = sympy.Symbol("c")
    >>> print(choice_latex(("back_down", "y"), (sympy.Piecewise((1, c > 1), (0, True)),
    ...                                         sympy.Piecewise((0, c > 1), (1, True)))))
    \mbox{back\_down} if $c > 1$; \mbox{y} if $\top$
    >>> print(choice_latex(("x", "y"), (Fraction(1, 3), Fraction(2, 3))))
    \mbox{x} $1/3$, \mbox{y} $2/3$
    """
    from ..report import latex
    return choice_text(actions, probs, relation=latex.inline, number=latex.inline,
                       label=latex.text)


@dataclass(frozen=True)
class PointEquilibrium:
    """An equilibrium at one parameter point: exact numbers only.

    Attributes
    ----------
    profile : tuple
        ``profile[player][infoset][action]`` as Fractions.
    path : tuple of str
        The action labels on the equilibrium path (pre-order).
    payoffs : tuple of Fraction
        One per player.
    """

    profile: tuple
    path: tuple[str, ...]
    payoffs: tuple[Fraction, ...]


@dataclass(frozen=True, init=False, repr=False)
class Piece(Equilibrium):
    """One region of a piecewise solution and the equilibrium valid on it.

    A piece is an :class:`~gametheory.solvers.result.Equilibrium` whose ``behavior`` is its
    ``profile`` (expressions in the parameters) and whose ``regret`` is None: it is a
    subgame-perfect equilibrium on the whole region by construction, and
    :meth:`PiecewiseSolution.certify` computes its exact regret at any point.

    Attributes
    ----------
    region : Region
    profile : tuple
        ``profile[player][infoset in player order][action]``: 0, 1 or an expression; every
        information set, off the equilibrium path included.
    path : tuple of str
        Action labels on the equilibrium path, in pre-order (with chance moves, every branch
        of positive probability; with mixing, every action in the support).
    payoffs : tuple of sympy.Expr
        Equilibrium payoffs, one per player.
    decided : bool
        False when the region could not be proved non-empty (a non-linear condition the
        decision procedure left undecided); such a piece is kept, never dropped.
    """

    region: Region
    profile: Profile
    path: tuple[str, ...]
    decided: bool

    def __init__(self, region: Region, profile, path: tuple[str, ...],
                 payoffs: tuple[sympy.Expr, ...], decided: bool = True):
        """``profile`` may be a function of no arguments that returns it: the profile (with
        its piecewise off-path rules) is then built on first use, and kept."""
        for name, value in (("region", region), ("path", tuple(path)),
                            ("payoffs", tuple(payoffs)), ("decided", decided),
                            ("strategies", None), ("regret", None), ("subgame_regret", None)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_profile" if callable(profile) else "profile", profile)

    def __getattr__(self, name):
        if name != "profile" or "_profile" not in self.__dict__:
            raise AttributeError(name)
        value = self.__dict__["_profile"]()
        object.__setattr__(self, "profile", value)
        return value

    @property
    def behavior(self) -> Profile:          # the Equilibrium attribute: the full profile
        return self.profile

    def __repr__(self) -> str:
        return (f"Piece(conditions={[sympy.sstr(c) for c in self.conditions]}, "
                f"path={self.path}, payoffs={tuple(sympy.sstr(u) for u in self.payoffs)})")

    @property
    def conditions(self) -> tuple:
        return self.region.conditions

    def at(self, point: Mapping[sympy.Symbol, Fraction]) -> PointEquilibrium:
        """The equilibrium of this piece at an exact point (symbol -> Fraction).

        Off the equilibrium path a generic solution gives each choice as a piecewise rule of
        the parameters; on a boundary of such a rule (a tie off the path, which generic
        solutions drop) the choice is undefined and :class:`ValueError` is raised.
        """
        values = {s: to_sympy(Fraction(v)) for s, v in point.items()}

        def num(x):
            value = sympy.sympify(x).xreplace(values)
            if value is sympy.nan:
                raise ValueError("the point is on a boundary of an off-path rule (a tie)")
            return exact(value)

        profile = tuple(tuple(tuple(num(p) for p in probs) for probs in player)
                        for player in self.profile)
        return PointEquilibrium(profile, self.path, tuple(num(u) for u in self.payoffs))

    def reached_path(self, game, printer: "_Printer | None" = None) -> tuple[str, ...]:
        """The path as printed: :attr:`path` without the branches of chance moves that have
        probability 0 on the whole region.

        The solver lists every chance branch whose probability is not identically zero; on a
        region that fixes a parameter by an equation (``lam = 0``) a branch of probability
        ``lam`` is never taken, and neither is anything below it.  The path is walked again
        (:func:`gametheory.solvers.kernel.equilibrium_path`) on the game with the fixed values
        substituted, under the profile with the same values.  If the walk on the game as it is
        does not give :attr:`path` (a profile the walk cannot read), :attr:`path` is returned.

        Examples
        --------
        >>> from gametheory import ExtensiveGame, chance, decision, leaf, solve
        >>> from gametheory.parameters import Parameter
        >>> g = ExtensiveGame(["A"], decision("A", {"go": chance({
        ...     "hit": ("p", decision("A", {"x": leaf(1), "y": leaf(0)})),
        ...     "miss": ("1 - p", leaf("c"))}), "stop": leaf(0)}),
        ...     parameters=[Parameter("p", "{0, 1}"), Parameter("c", "> 0")])
        >>> for piece in solve(g):
        ...     print(piece.conditions, piece.path, "printed as", piece.reached_path(g))
        (Eq(p, 0),) ('go', 'hit', 'x', 'miss') printed as ('go', 'miss')
        (Eq(p, 1),) ('go', 'hit', 'x', 'miss') printed as ('go', 'hit', 'x')
        """
        names = {p.name for p in game.parameters}
        fixed = {c.lhs: c.rhs for c in self.conditions if isinstance(c, sympy.Eq)
                 and isinstance(c.lhs, sympy.Symbol) and c.lhs.name in names and c.rhs.is_number}
        if not fixed:
            return self.path
        from ..solvers.kernel import equilibrium_path
        printer = printer or _Printer()
        choices, at = {}, {}
        for sets, mine in zip(game.player_infosets, self.profile):
            for k, probs in zip(sets, mine):
                choices[k] = tuple(probs)
                at[k] = tuple(sympy.sympify(p).xreplace(fixed) for p in probs)
        if equilibrium_path(game, choices) != tuple(self.path):
            return self.path
        return equilibrium_path(printer.game_at(game, fixed), at)

    def profile_lines(self, game, names: tuple[str, ...] | None = None,
                      printer: "_Printer | None" = None) -> list[str]:
        """One line per information set: ``player where: choice`` (see :func:`choice_text`)."""
        names = names or infoset_names(game)
        printer = printer or _Printer()
        return [f"{player} {names[k]}: {printer.choice(game.infosets[k].actions, probs)}"
                for player, sets, mine in zip(game.players, game.player_infosets, self.profile)
                for k, probs in zip(sets, mine)]

    def to_json_dict(self, extensive: bool = True, game: Any = None,
                     names: tuple[str, ...] | None = None,
                     printer: "_Printer | None" = None) -> dict:
        """The region as JSON-ready data: conditions, path, payoffs and, with ``game``, the
        full profile (one entry per information set, labelled as in ``solve``'s ``moves``,
        with its readable ``where`` from :func:`infoset_names`, or ``names`` if given)."""
        out: dict = {"conditions": [sympy.sstr(c) for c in self.conditions],
                     "path": list(self.path if game is None else
                                  self.reached_path(game, printer)),
                     "payoffs": [sympy.sstr(u) for u in self.payoffs]}
        if game is not None:
            moves = labelled_moves(game, self.profile, (printer or _Printer()).text)
            names = names or infoset_names(game)
            wheres = [names[k] for sets in game.player_infosets for k in sets]
            out["profile"] = [{"player": m["player"], "infoset": m["infoset"], "where": w,
                               "actions": m["actions"]} for m, w in zip(moves, wheres)]
        return out


@dataclass(frozen=True, init=False, repr=False)
class PiecewiseSolution(Solution):
    """The subgame-perfect equilibria of a symbolic game, region by region.

    A :class:`~gametheory.solvers.result.Solution` whose ``equilibria`` are the pieces:
    iterating, ``len``, ``to_text``, ``to_json_dict`` and ``to_json`` work as for every
    solution; ``to_markdown`` and ``to_latex`` add tables.

    Attributes
    ----------
    game : ExtensiveGame
    pieces : tuple of Piece
        The same tuple as ``equilibria``.
    generic : bool
        True when boundary pieces (ties) were dropped.
    method : str
    note : str
    """

    generic: bool

    def __init__(self, game, pieces, generic: bool = False, method: str = "parametric-spe",
                 note: str = "", options: Mapping[str, Any] | None = None):
        pieces = tuple(pieces)
        Solution.__init__(self, game, method, options or {}, pieces, True, note, len(pieces))
        object.__setattr__(self, "generic", generic)

    def __repr__(self) -> str:
        return (f"PiecewiseSolution(game={self.game.title!r}, method={self.method!r}, "
                f"{len(self.pieces)} regions, generic={self.generic})")

    @property
    def pieces(self) -> tuple[Piece, ...]:
        return self.equilibria

    @property
    def parameters(self):
        return self.game.parameters

    def _point(self, values: Mapping) -> dict[sympy.Symbol, Fraction]:
        by_name = {(k if isinstance(k, str) else k.name): exact(v) for k, v in values.items()}
        missing = [p.name for p in self.game.parameters if p.name not in by_name]
        if missing:
            raise ValueError(f"no value for parameter(s) {', '.join(missing)}")
        for p in self.game.parameters:
            if not p.contains(by_name[p.name]):
                raise ValueError(f"{p.name} = {by_name[p.name]} is outside its domain "
                                 f"{p.domain}")
        return {p.symbol: by_name[p.name] for p in self.game.parameters}

    def pieces_at(self, values: Mapping) -> tuple[Piece, ...]:
        """The pieces whose region contains the point (names or symbols -> numbers)."""
        point = self._point(values)
        names = {s.name: v for s, v in point.items()}
        return tuple(piece for piece in self.pieces if piece.region.contains(
            {name: names.get(name, Fraction(0)) for name in piece.region.symbols()}))

    def at(self, values: Mapping) -> tuple[PointEquilibrium, ...]:
        """The subgame-perfect equilibria at a parameter point, exactly.

        Parameters
        ----------
        values : mapping
            A value for every parameter (keys: names or symbols).

        Returns
        -------
        tuple of PointEquilibrium
            Every equilibrium listed at the point, without repetition (one unless the point is
            on a boundary where several coexist).

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
        ...                   parameters=["c"])
        >>> [e.path for e in parametric_spe(g).at({"c": 2})]
        [('x',)]
        """
        point = self._point(values)
        out: list[PointEquilibrium] = []
        for piece in self.pieces_at(values):
            try:
                equilibrium = piece.at(point)
            except ValueError:      # a tie off the path: a boundary of a generic solution
                continue
            if equilibrium not in out:
                out.append(equilibrium)
        return tuple(out)

    def outcomes(self) -> tuple[tuple[str, ...], ...]:
        """The distinct equilibrium paths, in order of first appearance."""
        return tuple(dict.fromkeys(piece.path for piece in self.pieces))

    def certify(self, values: Mapping) -> Solution:
        """The equilibria at a parameter point, each certified by the exact regret certifier.

        The game is substituted at the point and every equilibrium listed there
        (:meth:`at`) is checked by :mod:`gametheory.solvers.regret`: its ``regret`` and
        ``subgame_regret`` are computed exactly on the numeric game, and its payoffs are the
        expected payoffs of its profile (an :class:`AssertionError` if they differ from the
        region's payoff expressions).

        Returns
        -------
        Solution
            The numeric game with one :class:`~gametheory.solvers.result.Equilibrium` per
            equilibrium at the point.

        Examples
        --------
        >>> from gametheory import ExtensiveGame, decision, leaf, solve
        >>> entry = ExtensiveGame(["E", "I"], decision("E", {"Out": leaf(0, 2), "In": decision(
        ...     "I", {"Fight": leaf(-1, "f"), "Accommodate": leaf(1, 1)})}), parameters=["f"])
        >>> [(e.payoffs, e.regret, e.subgame_regret) for e in solve(entry).certify({"f": 2})]
        [((Fraction(0, 1), Fraction(2, 1)), Fraction(0, 1), Fraction(0, 1))]
        """
        from ..solvers.behavior import expected_payoffs
        from ..solvers.regret import regret, subgame_regret
        point = self._point(values)
        game = self.game.substitute({s.name: v for s, v in point.items()})
        found = []
        for equilibrium in self.at(values):
            payoffs = expected_payoffs(game, equilibrium.profile)
            if payoffs != equilibrium.payoffs:
                raise AssertionError(f"the region's payoffs {equilibrium.payoffs} differ from "
                                     f"its profile's expected payoffs {payoffs}")
            found.append(Equilibrium(payoffs, behavior=equilibrium.profile,
                                     regret=regret(game, equilibrium.profile),
                                     subgame_regret=subgame_regret(game, equilibrium.profile)))
        return Solution(game, self.method, {"at": {s.name: v for s, v in point.items()}},
                        found, note="certified at a parameter point")

    # ------------------------------------------------------------------------------ output

    def to_json_dict(self) -> dict:
        """The solution as a JSON object (strings ``sympy.parse_expr`` reads).

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
        ...                   parameters=["c"])
        >>> parametric_spe(g, generic=True).to_json_dict()["regions"][0]
        ... # doctest: +NORMALIZE_WHITESPACE
        {'conditions': ['c > 1'], 'path': ['x'], 'payoffs': ['c'],
         'profile': [{'player': 'A', 'infoset': '#1', 'where': 'at the root',
                      'actions': {'x': '1', 'y': '0'}}]}
        """
        names, printer = infoset_names(self.game), _Printer()
        return {
            "game": {"title": self.game.title, "players": list(self.game.players)},
            "method": self.method,
            "parameters": [p.name for p in self.game.parameters],
            "regions": [piece.to_json_dict(game=self.game, names=names, printer=printer)
                        for piece in self.pieces],
        }

    def _rows(self):
        names, printer = infoset_names(self.game), _Printer()
        for k, piece in enumerate(self.pieces, 1):
            conditions = [relation_text(c) for c in piece.conditions] or ["(everywhere)"]
            payoffs = [f"{player}: {sympy.sstr(u)}"
                       for player, u in zip(self.game.players, piece.payoffs)]
            yield (k, piece, conditions, payoffs, piece.profile_lines(self.game, names, printer),
                   piece.reached_path(self.game, printer))

    def to_text(self) -> str:
        """A plain-text listing, one block per region: conditions, path, payoffs, profile.

        The path leaves out the branches of a chance move that have probability 0 on the
        region (:meth:`Piece.reached_path`).

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A", "B"], decision("A", {
        ...     "x": decision("B", {"l": leaf(2, "c"), "r": leaf(0, 0)}), "y": leaf(1, 1)}),
        ...     parameters=["c"])
        >>> print(parametric_spe(g).to_text())
        2 region(s); parameters: c real
        Region 1:
            c >= 0
          path: x -> l
          payoffs: A: 2; B: c
          profile:
            A at the root: x
            B after x: l
        Region 2:
            c <= 0
          path: y
          payoffs: A: 1; B: 1
          profile:
            A at the root: y
            B after x: r
        """
        lines = [f"{len(self.pieces)} region(s); parameters: "
                 + ", ".join(f"{p.name} {p.domain}" for p in self.game.parameters)]
        for k, piece, conditions, payoffs, profile, path in self._rows():
            lines.append(f"Region {k}{'' if piece.decided else ' (emptiness undecided)'}:")
            lines.extend(f"    {c}" for c in conditions)
            lines.append("  path: " + (" -> ".join(path) or "(none)"))
            lines.append("  payoffs: " + "; ".join(payoffs))
            lines.append("  profile:")
            lines.extend(f"    {line}" for line in profile)
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A Markdown table: region, path, payoffs, profile (one line per information set)."""
        lines = ["| # | conditions | path | " + " | ".join(self.game.players) + " | profile |",
                 "|---|---|---|" + "---|" * len(self.game.players) + "---|"]
        for k, piece, conditions, _, profile, path in self._rows():
            cells = [str(k), "<br>".join(f"`{c}`" for c in conditions),
                     " → ".join(path)] + [f"`{sympy.sstr(u)}`" for u in piece.payoffs]
            cells.append("<br>".join(line.replace("|", "\\|") for line in profile))
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def to_latex(self, standalone: bool = False) -> str:
        r"""The regions as a ``longtable`` with ``booktabs`` rules, to ``\input`` into a paper.

        One row per region: its number, its conditions (one a line, as a paper writes them:
        :func:`gametheory.report.latex.relation`), the path and every player's payoff; then a
        full-width line with the strategy profile (every information set, off the path too).
        Paragraph columns wrap long conditions, so the table fits an ``article`` page.  The
        fragment loads nothing: its first line declares ``booktabs``, ``longtable`` and
        ``array``.  With ``standalone``, a whole document (:func:`gametheory.report.latex.document`).

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c_T"), "y": leaf(1)}),
        ...                   parameters=["c_T"])
        >>> print(parametric_spe(g, generic=True).to_latex())  # doctest: +ELLIPSIS
        % requires: \usepackage{booktabs}, \usepackage{longtable}, \usepackage{array}
        ...
        1 & $c_{T} > 1$ & \mbox{x} & \mbox{A}: $c_{T}$ \\*
        \multicolumn{4}{...}{\footnotesize Profile: \mbox{A} at the root: \mbox{x}.} \\
        ...
        """
        from ..report import latex
        names, printer = infoset_names(self.game), _Printer()
        domains = ", ".join(f"${latex.symbol(p.name)} \\in {_domain_latex(p.domain)}$"
                            for p in self.game.parameters)
        lines = [r"\noindent{\small " + f"{len(self.pieces)} region(s) of "
                 + latex.escape(self.game.title or "the game")
                 + ("; boundary regions (ties) dropped" if self.generic else "")
                 + (f". Parameters: {domains}." if domains else ".") + r"}\par",
                 r"\begin{longtable}{@{}r " + " ".join(
                     rf">{{\raggedright\arraybackslash}}p{{{w}\linewidth}}"
                     for w in (0.34, 0.2, 0.3)) + "@{}}",
                 r"\toprule", r"\# & Conditions & Path & Payoffs \\", r"\midrule", r"\endhead",
                 r"\bottomrule", r"\endfoot"]
        for k, piece in enumerate(self.pieces, 1):
            conditions = latex.conditions(piece.conditions, sep=r" \newline ",
                                          empty="everywhere")
            if not piece.decided:
                conditions += r" \newline \emph{(emptiness undecided)}"
            path = r" $\to$ ".join(latex.text(a) for a in piece.reached_path(self.game, printer))
            payoffs = r" \newline ".join(f"{latex.text(player)}: ${latex.expression(u)}$"
                                         for player, u in zip(self.game.players, piece.payoffs))
            profile = "; ".join(
                f"{latex.text(player)} {latex.escape(names[k])}: "
                + printer.choice_latex(self.game.infosets[k].actions, probs)
                for player, sets, mine in zip(self.game.players, self.game.player_infosets,
                                              piece.profile)
                for k, probs in zip(sets, mine))
            lines.append(f"{k} & {conditions} & {path or '(none)'} & {payoffs} \\\\*")
            lines.append(r"\multicolumn{4}{@{}>{\raggedright\arraybackslash}p{0.92\linewidth}@{}}"
                         r"{\footnotesize Profile: "
                         + profile + r".} \\")
            lines.append(r"\addlinespace")
        lines.append(r"\end{longtable}")
        body = latex.fragment("\n".join(lines), ["booktabs", "longtable", "array"])
        return latex.document(body) if standalone else body

    def _repr_latex_(self) -> str | None:
        r"""The regions as display math for notebooks and nbconvert: one line per region with
        its conditions, path and payoffs (the profile is in :meth:`to_text` and the HTML
        table); None for more than 60 regions.

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("lam"), "y": leaf(1)}),
        ...                   parameters=["lam"])
        >>> print(parametric_spe(g, generic=True)._repr_latex_())
        $$\begin{array}{lll}
        \text{1: } \lambda > 1 & \text{x} & u = \left(\lambda\right) \\
        \text{2: } \lambda < 1 & \text{y} & u = \left(1\right)
        \end{array}$$
        """
        from ..report import latex
        if len(self.pieces) > 60:
            return None
        printer = _Printer()
        rows = []
        for k, piece in enumerate(self.pieces, 1):
            where = r",\ ".join(latex.relation(c) for c in piece.conditions) or r"\text{everywhere}"
            path = r" \to ".join(r"\text{" + latex.escape(a) + "}"
                                 for a in piece.reached_path(self.game, printer))
            payoffs = ", ".join(latex.expression(u) for u in piece.payoffs)
            rows.append(rf"\text{{{k}: }} {where} & {path} & u = \left({payoffs}\right)")
        return "$$\\begin{array}{lll}\n" + " \\\\\n".join(rows) + "\n\\end{array}$$"


def _domain_latex(domain) -> str:
    """A parameter's domain (``[0, oo)``, ``{0, 1}``, ``real``) as LaTeX math."""
    text = str(domain)
    if text == "real":
        return r"(-\infty, \infty)"
    return text.replace("oo", r"\infty").replace("{", r"\{").replace("}", r"\}")


class _Printer:
    """Text of profile entries for one output call, each distinct entry printed once (the
    off-path rules of a generic solution are shared by many regions and slow to print)."""

    def __init__(self):
        self._texts: dict = {}
        self._choices: dict = {}
        self._games: dict = {}

    def game_at(self, game, fixed: Mapping) -> Any:
        """The game with the parameters ``fixed`` (symbol -> number) substituted, once."""
        key = tuple(sorted((s.name, v) for s, v in fixed.items()))
        if key not in self._games:
            self._games[key] = game.substitute({name: exact(v) for name, v in key})
        return self._games[key]

    def text(self, x) -> str:
        if x not in self._texts:
            self._texts[x] = sympy.sstr(x)
        return self._texts[x]

    def choice(self, actions, probs) -> str:
        key = (tuple(actions), tuple(probs))
        if key not in self._choices:
            self._choices[key] = choice_text(actions, probs)
        return self._choices[key]

    def choice_latex(self, actions, probs) -> str:
        key = ("tex", tuple(actions), tuple(probs))
        if key not in self._choices:
            self._choices[key] = choice_latex(actions, probs)
        return self._choices[key]
