"""Piecewise solutions: the equilibria of a symbolic game as functions of its parameters.

A :class:`PiecewiseSolution` is a list of :class:`Piece` objects.  Each piece holds a region of
parameter values (a :class:`~gametheory.symbolic.regions.Region`, a conjunction of relations) and
the equilibrium valid there: the behaviour profile (``profile[player][infoset][action]``, exact
numbers or expressions), the action labels on the equilibrium path and the payoffs as
expressions.  The regions cover the declared domain; they overlap only where several equilibria
coexist (ties), and then every one is listed.

The JSON form (:meth:`PiecewiseSolution.to_json_dict`) is the one other tools parse::

    {"parameters": ["R", "c", ...],
     "regions": [{"conditions": ["c < R/s - sigma", "Eq(lam, 1)"],
                  "path": ["S", "accept", "approve"],
                  "payoffs": ["R - s*(c + sigma)", "s - gamma", "v_S - h*s"]}]}
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping

import sympy

from ..numbers import exact, to_sympy
from .regions import Region

__all__ = ["Piece", "PiecewiseSolution", "PointEquilibrium"]

Profile = tuple  # tuple[player][infoset in player order][action] of sympy expressions


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


@dataclass(frozen=True, init=False)
class Piece:
    """One region of a piecewise solution and the equilibrium valid on it.

    Attributes
    ----------
    region : Region
    profile : tuple
        ``profile[player][infoset in player order][action]``: 0, 1 or an expression.
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
    payoffs: tuple[sympy.Expr, ...]
    decided: bool = True

    def __init__(self, region: Region, profile, path: tuple[str, ...],
                 payoffs: tuple[sympy.Expr, ...], decided: bool = True):
        """``profile`` may be a function of no arguments that returns it: the profile (with
        its piecewise off-path rules) is then built on first use, and kept."""
        for name, value in (("region", region), ("path", path), ("payoffs", payoffs),
                            ("decided", decided)):
            object.__setattr__(self, name, value)
        object.__setattr__(self, "_profile" if callable(profile) else "profile", profile)

    def __getattr__(self, name):
        if name != "profile" or "_profile" not in self.__dict__:
            raise AttributeError(name)
        value = self.__dict__["_profile"]()
        object.__setattr__(self, "profile", value)
        return value

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


@dataclass(frozen=True)
class PiecewiseSolution:
    """The subgame-perfect equilibria of a symbolic game, region by region.

    Attributes
    ----------
    game : ExtensiveGame
    pieces : tuple of Piece
    generic : bool
        True when boundary pieces (ties) were dropped.
    method : str
    note : str
    """

    game: Any
    pieces: tuple[Piece, ...]
    generic: bool = False
    method: str = "parametric-spe"
    note: str = ""

    @property
    def parameters(self):
        return self.game.parameters

    def __len__(self) -> int:
        return len(self.pieces)

    def __iter__(self):
        return iter(self.pieces)

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

    # ------------------------------------------------------------------------------ output

    def to_json_dict(self) -> dict:
        """The solution as the JSON object of issue 4 (strings ``sympy.parse_expr`` reads).

        Examples
        --------
        >>> from gametheory.games import ExtensiveGame, decision, leaf
        >>> from gametheory.symbolic.parametric import parametric_spe
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
        ...                   parameters=["c"])
        >>> parametric_spe(g, generic=True).to_json_dict()["regions"][0]
        {'conditions': ['c > 1'], 'path': ['x'], 'payoffs': ['c']}
        """
        return {
            "parameters": [p.name for p in self.game.parameters],
            "regions": [{"conditions": [sympy.sstr(c) for c in piece.conditions],
                         "path": list(piece.path),
                         "payoffs": [sympy.sstr(u) for u in piece.payoffs]}
                        for piece in self.pieces],
        }

    def _rows(self):
        for k, piece in enumerate(self.pieces, 1):
            conditions = [sympy.sstr(c) for c in piece.conditions] or ["(everywhere)"]
            payoffs = [f"{player}: {sympy.sstr(u)}"
                       for player, u in zip(self.game.players, piece.payoffs)]
            yield k, piece, conditions, payoffs

    def to_text(self) -> str:
        """A plain-text listing, one block per region."""
        lines = [f"{len(self.pieces)} region(s); parameters: "
                 + ", ".join(f"{p.name} {p.domain}" for p in self.game.parameters)]
        for k, piece, conditions, payoffs in self._rows():
            lines.append(f"Region {k}{'' if piece.decided else ' (emptiness undecided)'}:")
            lines.extend(f"    {c}" for c in conditions)
            lines.append("  path: " + (" -> ".join(piece.path) or "(none)"))
            lines.append("  payoffs: " + "; ".join(payoffs))
        return "\n".join(lines)

    def to_markdown(self) -> str:
        """A Markdown table: region, path, payoffs."""
        lines = ["| # | conditions | path | " + " | ".join(self.game.players) + " |",
                 "|---|---|---|" + "---|" * len(self.game.players)]
        for k, piece, conditions, _ in self._rows():
            cells = [str(k), "<br>".join(f"`{c}`" for c in conditions),
                     " → ".join(piece.path)] + [f"`{sympy.sstr(u)}`" for u in piece.payoffs]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)

    def to_latex(self) -> str:
        """A LaTeX ``tabular``: conditions joined by ``\\wedge``, path, payoffs."""
        n = len(self.game.players)
        lines = [r"\begin{tabular}{l l l " + "l " * n + "}", r"\hline",
                 r"\# & conditions & path & "
                 + " & ".join(_latex_text(p) for p in self.game.players) + r" \\", r"\hline"]
        for k, piece, _, _ in self._rows():
            cells = [str(k), f"${piece.region.to_latex()}$",
                     r" $\to$ ".join(_latex_text(a) for a in piece.path)]
            cells += [f"${sympy.latex(u)}$" for u in piece.payoffs]
            lines.append(" & ".join(cells) + r" \\")
        lines += [r"\hline", r"\end{tabular}"]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def _latex_text(text: str) -> str:
    escaped = "".join("\\" + ch if ch in "&%$#_{}" else ch for ch in text)
    return r"\text{" + escaped + "}"
