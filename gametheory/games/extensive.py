"""Extensive-form games: trees with chance moves, information sets and n players.

A game is built once, validated once and frozen.  Two roads lead to it, and both end in
:meth:`ExtensiveGame.from_preorder`:

* the nested builder, which reads like the tree it describes::

      entry = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
          "Out": leaf(0, 2),
          "In": decision("Incumbent", {"Fight": leaf(-1, -1), "Accommodate": leaf(1, 1)}),
      }), title="Entry game")

* the Gambit reader (:mod:`gametheory.io`), which hands over flat pre-order lists.

Payoffs are outcomes attached to nodes; a play's payoff is the sum of the outcomes along its path,
as in Gambit.  Information sets are declared by giving several decision nodes of one player the
same ``infoset`` key.  Numbers are exact; strings such as ``"R - c*s"`` are expressions in the
declared parameters.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from typing import Any, Hashable, Iterable, Mapping, Sequence

import numpy as np
import sympy

from ..numbers import Number, exact, is_symbolic, to_sympy
from ..parameters import Parameter, as_parameter
from .tree import CHANCE, TERMINAL, Tree, compile_tree

__all__ = [
    "CHANCE",
    "TERMINAL",
    "Infoset",
    "Outcome",
    "Decision",
    "Chance",
    "Leaf",
    "decision",
    "chance",
    "leaf",
    "ExtensiveGame",
    "PreorderCollector",
]


@dataclass(frozen=True)
class Infoset:
    """An information set: whose move, its label, its actions, and (chance) their probabilities."""

    player: int
    label: str
    actions: tuple[str, ...]
    probs: tuple[Number, ...] | None = None

    @property
    def is_chance(self) -> bool:
        return self.player == CHANCE


@dataclass(frozen=True)
class Outcome:
    """A labelled payoff vector attached to one or more nodes."""

    label: str
    payoffs: tuple[Number, ...]


# ------------------------------------------------------------------------------ the builder

@dataclass(frozen=True, eq=False)
class Decision:
    """A decision node of the nested builder (see :func:`decision`)."""

    player: str | int
    moves: tuple[tuple[str, Any], ...]
    infoset: Hashable | None = None
    label: str = ""
    payoffs: tuple | None = None
    outcome: str = ""


@dataclass(frozen=True, eq=False)
class Chance:
    """A chance node of the nested builder (see :func:`chance`)."""

    moves: tuple[tuple[str, Any, Any], ...]
    infoset: Hashable | None = None
    label: str = ""
    payoffs: tuple | None = None
    outcome: str = ""


@dataclass(frozen=True, eq=False)
class Leaf:
    """A terminal node of the nested builder (see :func:`leaf`)."""

    payoffs: tuple | None
    label: str = ""
    outcome: str = ""


Node = Decision | Chance | Leaf


def _pairs(moves: Mapping | Iterable) -> tuple:
    items = tuple(moves.items()) if isinstance(moves, Mapping) else tuple(moves)
    if not items:
        raise ValueError("a move needs at least one action")
    return items


def decision(player: str | int, moves: Mapping[str, Node] | Iterable[tuple[str, Node]], *,
             infoset: Hashable | None = None, label: str = "",
             payoffs: Sequence | None = None, outcome: str = "") -> Decision:
    """A decision node: ``player`` chooses among ``moves`` (action label -> subtree).

    Parameters
    ----------
    player : str or int
        A player's name, or its index (0-based).
    moves : mapping or sequence of pairs
        Action labels and the subtrees they lead to, in order.
    infoset : hashable, optional
        Decision nodes of one player with the same key form one information set; by default
        each node is its own information set.  The key is also the information set's label.
    label : str
        The node's label.
    payoffs : sequence, optional
        An outcome met when play passes this node (added to the payoffs at the end of play).
    outcome : str
        The label of that outcome.

    Examples
    --------
    >>> node = decision("Incumbent", {"Fight": leaf(-1, -1), "Accommodate": leaf(1, 1)})
    >>> [action for action, _ in node.moves]
    ['Fight', 'Accommodate']
    """
    return Decision(player, _pairs(moves), infoset, label,
                    None if payoffs is None else tuple(payoffs), outcome)


def chance(moves: Mapping[str, tuple[Any, Node]] | Iterable[tuple[str, Any, Node]], *,
           infoset: Hashable | None = None, label: str = "",
           payoffs: Sequence | None = None, outcome: str = "") -> Chance:
    """A chance node: ``moves`` maps action labels to ``(probability, subtree)``.

    Examples
    --------
    >>> node = chance({"King": ("1/2", leaf(1, -1)), "Queen": ("1/2", leaf(-1, 1))})
    >>> [(action, probability) for action, probability, _ in node.moves]
    [('King', '1/2'), ('Queen', '1/2')]
    """
    if isinstance(moves, Mapping):
        items = tuple((action, *pair) for action, pair in moves.items())
    else:
        items = tuple(moves)
    if not items:
        raise ValueError("a chance move needs at least one action")
    return Chance(items, infoset, label, None if payoffs is None else tuple(payoffs), outcome)


def leaf(*payoffs: Any, label: str = "", outcome: str = "") -> Leaf:
    """A terminal node with its payoffs in player order (none: all zero).

    Examples
    --------
    >>> leaf(1, "1/2").payoffs
    (1, '1/2')
    """
    return Leaf(payoffs or None, label, outcome)


# ------------------------------------------------------------------------------ the game

class ExtensiveGame:
    """A finite extensive-form game, immutable once built.

    Parameters
    ----------
    players : sequence of str
        Player names, in order.
    root : Decision, Chance or Leaf
        The tree, written with :func:`decision`, :func:`chance` and :func:`leaf`.
    title, description : str
    parameters : sequence of Parameter, str or sympy.Symbol
        The parameters that payoffs and probabilities may use.

    Examples
    --------
    The entry game:

    >>> entry = ExtensiveGame(["Entrant", "Incumbent"], decision("Entrant", {
    ...     "Out": leaf(0, 2),
    ...     "In": decision("Incumbent", {"Fight": leaf(-1, -1), "Accommodate": leaf(1, 1)}),
    ... }), title="Entry game")
    >>> entry.n_nodes, entry.is_perfect_information
    (5, True)

    Selten's horse (three players; player 3 does not see whether 1 or 2 moved):

    >>> horse = ExtensiveGame(["1", "2", "3"], decision("1", {
    ...     "C": decision("2", {
    ...         "c": leaf(1, 1, 1),
    ...         "d": decision("3", {"L": leaf(4, 4, 0), "R": leaf(1, 1, 1)}, infoset="H3")}),
    ...     "D": decision("3", {"L": leaf(3, 2, 2), "R": leaf(0, 0, 1)}, infoset="H3"),
    ... }), title="Selten's horse")
    >>> [len(sets) for sets in horse.player_infosets]
    [1, 1, 1]

    Kuhn poker is in ``gametheory.catalog``.
    """

    def __init__(self, players: Sequence[str], root: Node, *, title: str = "",
                 description: str = "", parameters: Sequence[Parameter | str] = ()):
        builder = _PreorderBuilder(tuple(players), tuple(as_parameter(p) for p in parameters))
        builder.walk(root)
        self._init(tuple(players), tuple(builder.infosets), tuple(builder.outcomes),
                   builder.node_infoset, builder.node_outcome, builder.node_labels, title,
                   description, builder.parameters)

    @classmethod
    def from_preorder(cls, players: Sequence[str], infosets: Sequence[Infoset],
                      outcomes: Sequence[Outcome], node_infoset: Sequence[int],
                      node_outcome: Sequence[int], node_labels: Sequence[str] | None = None, *,
                      title: str = "", description: str = "",
                      parameters: Sequence[Parameter | str] = ()) -> "ExtensiveGame":
        """Build a game from flat lists in depth-first pre-order (the Gambit file order).

        Parameters
        ----------
        players : sequence of str
        infosets : sequence of Infoset
            In order of first appearance in pre-order.
        outcomes : sequence of Outcome
            In order of first appearance in pre-order.
        node_infoset : sequence of int
            Per node: its infoset index, -1 for a terminal node.  A node has as many children
            as its infoset has actions; they follow it in pre-order.
        node_outcome : sequence of int
            Per node: its outcome index, or -1.
        node_labels : sequence of str, optional
        title, description : str
        parameters : sequence of Parameter or str

        Returns
        -------
        ExtensiveGame

        Raises
        ------
        ValueError
            If the lists do not describe one valid tree.

        Examples
        --------
        >>> game = ExtensiveGame.from_preorder(
        ...     ["A"], [Infoset(0, "", ("l", "r"))], [Outcome("", (Fraction(1),))],
        ...     node_infoset=[0, -1, -1], node_outcome=[-1, 0, -1])
        >>> game.n_nodes, game.terminal_payoffs().tolist()
        (3, [[Fraction(1, 1)], [Fraction(0, 1)]])
        """
        game = cls.__new__(cls)
        game._init(tuple(players), tuple(infosets), tuple(outcomes), node_infoset, node_outcome,
                   node_labels, title, description, tuple(as_parameter(p) for p in parameters))
        return game

    def _init(self, players, infosets, outcomes, node_infoset, node_outcome, node_labels, title,
              description, parameters):
        n = len(players)
        if n == 0:
            raise ValueError("a game needs at least one player")
        if len(set(p.name for p in parameters)) != len(parameters):
            raise ValueError("parameter names must be distinct")
        _validate_infosets(infosets, n)
        for k, outcome in enumerate(outcomes):
            if len(outcome.payoffs) != n:
                raise ValueError(f"outcome {k + 1} ({outcome.label!r}) has "
                                 f"{len(outcome.payoffs)} payoffs for {n} players")
        node_infoset = np.asarray(node_infoset, dtype=np.int64)
        node_outcome = np.asarray(node_outcome, dtype=np.int64)
        if len(node_infoset) != len(node_outcome):
            raise ValueError("node_infoset and node_outcome differ in length")
        if len(node_infoset) and (node_infoset.max(initial=-1) >= len(infosets)
                                  or node_infoset.min() < -1):
            raise ValueError("a node refers to an information set that does not exist")
        if len(node_outcome) and (node_outcome.max(initial=-1) >= len(outcomes)
                                  or node_outcome.min() < -1):
            raise ValueError("a node refers to an outcome that does not exist")
        self.players: tuple[str, ...] = players
        self.title = title
        self.description = description
        self.parameters: tuple[Parameter, ...] = parameters
        self.infosets: tuple[Infoset, ...] = infosets
        self.outcomes: tuple[Outcome, ...] = outcomes
        self.tree: Tree = compile_tree(
            node_infoset,
            node_outcome,
            np.array([s.player for s in infosets] or [0], dtype=np.int64),
            np.array([len(s.actions) for s in infosets] or [0], dtype=np.int64),
            [s.probs for s in infosets],
            [o.payoffs for o in outcomes],
            n,
        )
        labels = node_labels or ()
        preorder = self.tree.preorder
        self.node_labels: dict[int, str] = {
            int(preorder[k]): label for k, label in enumerate(labels) if label}
        self.player_infosets: tuple[tuple[int, ...], ...] = tuple(
            tuple(k for k, s in enumerate(infosets) if s.player == p) for p in range(n))
        _check_infoset_members(self)

    # ---------------------------------------------------------------- counts and queries
    @property
    def n_players(self) -> int:
        return len(self.players)

    @property
    def n_nodes(self) -> int:
        return self.tree.n_nodes

    @property
    def n_terminal(self) -> int:
        return int(np.count_nonzero(self.tree.num_children == 0))

    @property
    def n_infosets(self) -> int:
        """Number of information sets of the players (chance excluded)."""
        return sum(len(sets) for sets in self.player_infosets)

    @cached_property
    def is_symbolic(self) -> bool:
        """True if a payoff or a probability depends on parameters."""
        return any(is_symbolic(x) for o in self.outcomes for x in o.payoffs) or any(
            is_symbolic(p) for s in self.infosets if s.probs for p in s.probs)

    @cached_property
    def is_perfect_information(self) -> bool:
        """Every information set of a player holds exactly one node."""
        members = self.infoset_sizes()
        return all(members[k] == 1 for sets in self.player_infosets for k in sets)

    def infoset_sizes(self) -> np.ndarray:
        """Number of nodes in each information set."""
        infoset = self.tree.infoset
        return np.bincount(infoset[infoset >= 0], minlength=len(self.infosets))

    def infoset_members(self, k: int) -> np.ndarray:
        """The nodes of information set ``k`` (breadth-first ids, in pre-order)."""
        nodes = np.flatnonzero(self.tree.infoset == k)
        return nodes[np.argsort(self.preorder_position()[nodes])]

    def preorder(self) -> np.ndarray:
        """Node ids in depth-first pre-order (the order of a Gambit file)."""
        return self.tree.preorder

    def preorder_position(self) -> np.ndarray:
        """For each node id, its position in depth-first pre-order."""
        position = np.empty(self.n_nodes, dtype=np.int64)
        position[self.tree.preorder] = np.arange(self.n_nodes)
        return position

    def terminal_payoffs(self) -> np.ndarray:
        """Exact payoffs at the terminal nodes (object array, one row per terminal, pre-order)."""
        terminals = self.preorder()
        terminals = terminals[self.tree.num_children[terminals] == 0]
        return np.array([[self.tree.exact_payoff(v, i) for i in range(self.n_players)]
                         for v in terminals.tolist()], dtype=object)

    def player_index(self, player: str | int) -> int:
        """The 0-based index of a player given by name or index."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if 0 <= player < self.n_players:
                return int(player)
        elif player in self.players:
            return self.players.index(player)
        raise ValueError(f"no player {player!r}; players are {list(self.players)}")

    @property
    def symbols(self) -> dict[str, sympy.Symbol]:
        return {p.name: p.symbol for p in self.parameters}

    def substitute(self, values: Mapping[str, Any]) -> "ExtensiveGame":
        """The game with some or all parameters fixed to exact values.

        Examples
        --------
        >>> g = ExtensiveGame(["A"], decision("A", {"x": leaf("c"), "y": leaf(1)}),
        ...                   parameters=["c"])
        >>> g.substitute({"c": "1/2"}).terminal_payoffs().tolist()
        [[Fraction(1, 2)], [Fraction(1, 1)]]
        """
        unknown = set(values) - {p.name for p in self.parameters}
        if unknown:
            raise ValueError(f"unknown parameter(s): {', '.join(sorted(unknown))}")
        fixed = {p.symbol: to_sympy(exact(values[p.name])) for p in self.parameters
                 if p.name in values}
        for p in self.parameters:
            if p.name in values and not p.contains(values[p.name]):
                raise ValueError(f"{p.name} = {values[p.name]} is outside its domain {p.domain}")

        def sub(x):
            return exact(x.xreplace(fixed)) if is_symbolic(x) else x

        infosets = tuple(Infoset(s.player, s.label, s.actions,
                                 None if s.probs is None else tuple(sub(p) for p in s.probs))
                         for s in self.infosets)
        outcomes = tuple(Outcome(o.label, tuple(sub(x) for x in o.payoffs)) for o in self.outcomes)
        order = self.preorder()
        labels = [self.node_labels.get(int(v), "") for v in order]
        return ExtensiveGame.from_preorder(
            self.players, infosets, outcomes, self.tree.infoset[order], self.tree.outcome[order],
            labels, title=self.title, description=self.description,
            parameters=[p for p in self.parameters if p.name not in values])

    # ---------------------------------------------------------------- conversions
    def reduced_strategic_form(self):
        """The reduced strategic form (see :func:`gametheory.games.forms.reduced_strategic_form`)."""
        from .forms import reduced_strategic_form
        return reduced_strategic_form(self)

    def to_networkx(self):
        """The tree as a networkx DiGraph (see :func:`gametheory.games.forms.to_networkx`)."""
        from .forms import to_networkx
        return to_networkx(self)

    @cached_property
    def has_perfect_recall(self) -> bool:
        """Every player remembers their own earlier moves (see ``forms.perfect_recall``)."""
        from .forms import has_perfect_recall
        return has_perfect_recall(self)

    def subgame_roots(self) -> np.ndarray:
        """Roots of proper and improper subgames (see ``forms.subgame_roots``)."""
        from .forms import subgame_roots
        return subgame_roots(self)

    def __repr__(self) -> str:
        return (f"<ExtensiveGame {self.title!r}: {self.n_players} players, {self.n_nodes} nodes, "
                f"{self.n_infosets} information sets>")

    # ---------------------------------------------------------------- Jupyter display
    def _repr_html_(self) -> str:
        """A summary table and the drawing (see :func:`gametheory.report.html.game_html`)."""
        from ..report.html import game_html
        return game_html(self, drawing=True)

    def _repr_svg_(self) -> str | None:
        """The tree drawing (see :func:`gametheory.report.html.game_svg`); None if too big."""
        from ..report.html import game_svg
        return game_svg(self)


def _validate_infosets(infosets: Sequence[Infoset], n_players: int) -> None:
    checked: set[int] = set()              # a shared Infoset object is checked once
    for k, s in enumerate(infosets):
        if id(s) in checked:
            continue
        checked.add(id(s))
        where = f"information set {k + 1} ({s.label!r})"
        if s.player != CHANCE and not 0 <= s.player < n_players:
            raise ValueError(f"{where} belongs to player {s.player + 1}, but there are "
                             f"{n_players} players")
        if not s.actions:
            raise ValueError(f"{where} has no actions")
        if s.player == CHANCE:
            if s.probs is None or len(s.probs) != len(s.actions):
                raise ValueError(f"{where}: a chance move needs one probability per action")
            _validate_distribution(s.probs, where)
        elif s.probs is not None:
            raise ValueError(f"{where}: only chance moves have probabilities")


def _validate_distribution(probs: Sequence[Number], where: str) -> None:
    """Chance probabilities are non-negative and sum to exactly one."""
    if all(type(p) is Fraction for p in probs):
        denominator = probs[0].denominator
        if all(p.denominator == denominator for p in probs):     # the common, fast case
            if all(p.numerator >= 0 for p in probs) and \
                    sum(p.numerator for p in probs) == denominator:
                return
        if any(p < 0 for p in probs):
            raise ValueError(f"{where}: negative probability")
        if sum(probs) != 1:
            raise ValueError(f"{where}: probabilities sum to {sum(probs)}, not 1")
        return
    total = sympy.simplify(sum(to_sympy(p) for p in probs) - 1)
    if total != 0:
        raise ValueError(f"{where}: probabilities do not sum to 1 (they sum to 1 + {total})")


def _check_infoset_members(game: ExtensiveGame) -> None:
    """Chance information sets may hold several nodes; each still needs at least one node."""
    sizes = game.infoset_sizes()
    empty = np.flatnonzero(sizes == 0)
    if len(empty):
        raise ValueError(f"information set {int(empty[0]) + 1} "
                         f"({game.infosets[int(empty[0])].label!r}) has no nodes")


class PreorderCollector:
    """Pre-order node lists with their registries of information sets and outcomes.

    The nested builder and the JSON reader walk their trees and record each node here; a node's
    information set is found by ``(player, key)`` (nodes given the same key share it, checked for
    the same actions and probabilities), each outcome is appended.  :meth:`game` then calls
    :meth:`ExtensiveGame.from_preorder`.
    """

    def __init__(self, players: Sequence[str]):
        self.players = tuple(players)
        self.infosets: list[Infoset] = []
        self.outcomes: list[Outcome] = []
        self.node_infoset: list[int] = []
        self.node_outcome: list[int] = []
        self.node_labels: list[str] = []
        self._infoset_keys: dict[tuple, int] = {}

    def player(self, who: str | int) -> int:
        """A player's index from a name or a 0-based index."""
        if isinstance(who, int) and not isinstance(who, bool) and 0 <= who < len(self.players):
            return who
        if who in self.players:
            return self.players.index(who)
        raise ValueError(f"no player {who!r}; players are {list(self.players)}")

    def infoset(self, player: int, key: Hashable | None, label: str, actions: tuple[str, ...],
                probs: tuple | None = None) -> int:
        """The index of the information set ``(player, key)``; a new one when ``key`` is None."""
        identity = None if key is None else (player, key)
        if identity in self._infoset_keys:
            known = self.infosets[self._infoset_keys[identity]]
            if known.actions != actions or known.probs != probs:
                raise ValueError(f"information set {key!r} has actions {list(actions)} here "
                                 f"and {list(known.actions)} elsewhere")
            return self._infoset_keys[identity]
        self.infosets.append(Infoset(player, label, actions, probs))
        if identity is not None:
            self._infoset_keys[identity] = len(self.infosets) - 1
        return len(self.infosets) - 1

    def outcome(self, label: str, payoffs: tuple) -> int:
        """Append an outcome; returns its index."""
        if len(payoffs) != len(self.players):
            raise ValueError(f"payoffs {payoffs} do not have one entry per player "
                             f"({len(self.players)})")
        self.outcomes.append(Outcome(label, tuple(payoffs)))
        return len(self.outcomes) - 1

    def node(self, infoset: int, outcome: int, label: str) -> None:
        """Record the next node in pre-order."""
        self.node_infoset.append(infoset)
        self.node_outcome.append(outcome)
        self.node_labels.append(label)

    def game(self, *, title: str = "", description: str = "",
             parameters: Sequence[Parameter] = ()) -> "ExtensiveGame":
        return ExtensiveGame.from_preorder(
            self.players, self.infosets, self.outcomes, self.node_infoset, self.node_outcome,
            self.node_labels, title=title, description=description, parameters=parameters)


class _PreorderBuilder(PreorderCollector):
    """Flatten a nested builder tree into pre-order lists, with an explicit stack."""

    def __init__(self, players: tuple[str, ...], parameters: tuple[Parameter, ...]):
        super().__init__(players)
        self.parameters = parameters
        self.symbols = {p.name: p.symbol for p in parameters}
        self._numbers: dict[Any, Number] = {}

    def number(self, value: Any) -> Number:
        if isinstance(value, bool):
            raise ValueError(f"not a number: {value!r}")
        try:
            return self._numbers[value]
        except (KeyError, TypeError):
            pass
        number = self._exact(value)
        try:
            self._numbers[value] = number
        except TypeError:
            pass
        return number

    def _exact(self, value: Any) -> Number:
        number = exact(value, self.symbols)
        if isinstance(number, sympy.Basic):
            by_name = {s.name: s for s in number.free_symbols}
            missing = set(by_name) - set(self.symbols)
            if missing:
                raise ValueError(f"undeclared parameter(s) {', '.join(sorted(missing))}: "
                                 f"declare them with parameters=[...]")
            number = number.xreplace({s: self.symbols[name] for name, s in by_name.items()})
        return number

    def node_infoset_of(self, node: Decision | Chance) -> int:
        if isinstance(node, Chance):
            actions = tuple(str(action) for action, _, _ in node.moves)
            player = CHANCE
            probs = tuple(self.number(p) for _, p, _ in node.moves)
        else:
            actions = tuple(str(action) for action, _ in node.moves)
            player = self.player(node.player)
            probs = None
        label = "" if node.infoset is None else str(node.infoset)
        return self.infoset(player, node.infoset, label, actions, probs)

    def walk(self, root: Node) -> None:
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, Leaf):
                infoset, children = -1, []
            elif isinstance(node, Decision):
                infoset, children = self.node_infoset_of(node), [c for _, c in node.moves]
            elif isinstance(node, Chance):
                infoset, children = self.node_infoset_of(node), [c for _, _, c in node.moves]
            else:
                raise ValueError(f"not a tree node: {node!r} (use decision, chance or leaf)")
            outcome = -1 if node.payoffs is None else self.outcome(
                node.outcome, tuple(self.number(x) for x in node.payoffs))
            self.node(infoset, outcome, node.label)
            stack.extend(reversed(children))
