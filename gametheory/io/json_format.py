"""The package's own JSON game format, for symbolic games.

A game is one JSON object::

    {"format": "gametheory.game", "version": 1,
     "title": "Entry", "description": "",
     "players": ["Entrant", "Incumbent"],
     "parameters": [{"name": "f", "domain": "real", "meaning": "cost of a fight",
                     "source": ""}],
     "assumptions": ["f > -5"],
     "tree": {"player": "Entrant", "moves": [
         {"action": "Out", "node": {"payoffs": ["0", "2"]}},
         {"action": "In", "node": {"player": "Incumbent", "moves": [
             {"action": "Fight", "node": {"payoffs": ["-1", "-f"]}},
             {"action": "Accommodate", "node": {"payoffs": ["1", "1"]}}]}}]}}

A node is a decision node (``player`` and ``moves``), a chance node (``"chance": true`` and
``moves`` with a ``prob`` each) or a leaf (no ``moves``).  Any node may carry ``payoffs`` (an
outcome, added along the path as in Gambit), ``outcome`` (its label) and ``label``.  Decision
nodes with the same ``player`` and the same ``infoset_id`` (or, without one, the same non-empty
``infoset`` label) form one information set.  Numbers and expressions are strings (or JSON
integers) read by :func:`gametheory.numbers.exact`, whose expression parser is a whitelist:
nothing is given to ``eval`` or ``sympify``.
"""

from __future__ import annotations

import json
import re
import warnings
from os import PathLike
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import sympy

from ..games.extensive import CHANCE, ExtensiveGame, PreorderCollector
from ..numbers import exact, parse_relation, to_text
from ..parameters import Interval, Parameter
from .files import decode_text, read_bounded, snippet, write_atomic

__all__ = ["read_json", "write_json", "to_json_dict", "from_json_dict", "read_assumptions",
           "dumps_iterative", "loads_iterative", "FORMAT"]

FORMAT = "gametheory.game"


def read_json(source: str | PathLike) -> ExtensiveGame:
    """Read a game from a JSON file or from JSON text.

    Parameters
    ----------
    source : str or path
        A path, or the JSON text itself (text starting with ``{``).

    Returns
    -------
    ExtensiveGame

    Raises
    ------
    ValueError
        If the JSON does not describe a valid game (the message says where).

    Examples
    --------
    >>> game = read_json('{"players": ["A"], "parameters": [{"name": "c"}], '
    ...                  '"tree": {"player": "A", "moves": ['
    ...                  '{"action": "x", "node": {"payoffs": ["c/2"]}}, '
    ...                  '{"action": "y", "node": {"payoffs": [1]}}]}}')
    >>> game.terminal_payoffs().tolist()
    [[c/2], [Fraction(1, 1)]]
    """
    data = _load(source)
    if data.get("assumptions"):
        warnings.warn("the JSON 'assumptions' are not applied by read_json: read them with "
                      "read_assumptions and pass them to the solver", UserWarning, stacklevel=2)
    return from_json_dict(data)


def read_assumptions(source: str | PathLike) -> tuple[sympy.Basic, ...]:
    """The ``assumptions`` of a JSON game (relations between parameters), parsed safely."""
    data = _load(source)
    symbols = {p["name"]: Parameter(p["name"]).symbol for p in data.get("parameters", [])}
    return tuple(parse_relation(text, symbols) for text in data.get("assumptions", []))


def _load(source) -> dict:
    if isinstance(source, PathLike) or not str(source).lstrip().startswith(("{", "[")):
        text = decode_text(read_bounded(source), str(source))
    else:
        text = str(source)
    try:
        data = json.loads(text)
    except RecursionError:          # the standard parser recurses once per nesting level
        data = loads_iterative(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON: {error}") from None
    if not isinstance(data, dict):
        raise ValueError("a JSON game is an object")
    return data


_JSON_SPACE = re.compile(r"[ \t\n\r]*")
_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_JSON_WORDS = {"true": True, "false": False, "null": None}
#: The deepest nesting :func:`loads_iterative` reads (a game tree of depth ``d`` nests about
#: ``3 d`` levels: 400,000 admits trees 100,000 levels deep); deeper text is refused before it
#: fills memory with empty containers.
MAX_JSON_DEPTH = 400_000


def loads_iterative(text: str):
    """Parse JSON text with an explicit stack, so that nesting depth costs no recursion.

    The result equals :func:`json.loads` on every document that one accepts (strings are
    decoded by the standard library's own ``scanstring``; duplicate keys keep the last value);
    it is used for documents nested too deeply for :func:`json.loads`.

    Raises
    ------
    ValueError
        ``not JSON: ...`` with the line and column of the first error.

    Examples
    --------
    >>> loads_iterative('{"a": [1, 2.5, "x\\u00e9", {"b": null}], "c": true}')
    {'a': [1, 2.5, 'xé', {'b': None}], 'c': True}
    >>> deep = '[' * 100000 + ']' * 100000
    >>> value = loads_iterative(deep)
    >>> loads_iterative('{"a": }')
    Traceback (most recent call last):
    ...
    ValueError: not JSON: expected a value at line 1 column 7
    """
    def fail(what: str, at: int):
        line = text.count("\n", 0, at) + 1
        column = at - text.rfind("\n", 0, at)
        return ValueError(f"not JSON: {what} at line {line} column {column}")

    def read_key(i: int) -> tuple[str, int]:
        """The key at ``i`` and where its value starts (after the colon)."""
        if i >= n or text[i] != '"':
            raise fail("expected a key", i)
        try:
            key, i = json.decoder.scanstring(text, i + 1)
        except json.JSONDecodeError as error:
            raise fail(error.msg, error.pos) from None
        i = _JSON_SPACE.match(text, i).end()
        if i >= n or text[i] != ":":
            raise fail("expected ':'", i)
        return key, _JSON_SPACE.match(text, i + 1).end()

    # stack of [container, key-or-None]; a value read is put into the top container
    stack: list[list] = []
    n = len(text)
    i = _JSON_SPACE.match(text, 0).end()
    while True:
        # read one value (or open a container) at i
        if i >= n:
            raise fail("expected a value", i)
        char = text[i]
        if char == "{" or char == "[":
            container: Any = {} if char == "{" else []
            i = _JSON_SPACE.match(text, i + 1).end()
            closing = "}" if char == "{" else "]"
            if len(stack) >= MAX_JSON_DEPTH:
                raise fail(f"nested more than {MAX_JSON_DEPTH} levels deep", i)
            if i < n and text[i] == closing:
                value = container
                i += 1
            else:
                stack.append([container, None])
                if char == "{":
                    stack[-1][1], i = read_key(i)
                continue
        elif char == '"':
            try:
                value, i = json.decoder.scanstring(text, i + 1)
            except json.JSONDecodeError as error:
                raise fail(error.msg, error.pos) from None
        else:
            match = _JSON_NUMBER.match(text, i)
            if match:
                number = match.group()
                value = float(number) if any(c in number for c in ".eE") else int(number)
                i = match.end()
            else:
                for word, constant in _JSON_WORDS.items():
                    if text.startswith(word, i):
                        value = constant
                        i += len(word)
                        break
                else:
                    raise fail("expected a value", i)
        # put the value in its container; close finished containers
        while True:
            i = _JSON_SPACE.match(text, i).end()
            if not stack:
                if i != n:
                    raise fail("extra data", i)
                return value
            container, key = stack[-1]
            if key is None:
                container.append(value)
            else:
                container[key] = value
            closing = "]" if key is None else "}"
            if i < n and text[i] == ",":
                i = _JSON_SPACE.match(text, i + 1).end()
                if key is not None:
                    stack[-1][1], i = read_key(i)
                break
            if i < n and text[i] == closing:
                value = stack.pop()[0]
                i += 1
                continue
            raise fail(f"expected ',' or '{closing}'", i)


def from_json_dict(data: dict) -> ExtensiveGame:
    """Build a game from the parsed JSON object (see the module docstring)."""
    if data.get("format", FORMAT) != FORMAT:
        raise ValueError(f"not a {FORMAT} file: format {snippet(data.get('format'))}")
    players = data.get("players")
    if not isinstance(players, list) or not all(isinstance(p, str) for p in players):
        raise ValueError("'players' must be a list of names")
    parameters = tuple(_parameter(p) for p in data.get("parameters", []))
    reader = _Reader(players, parameters)
    reader.walk(data.get("tree"))
    return reader.game(title=str(data.get("title", "")),
                       description=str(data.get("description", "")), parameters=parameters)


def _parameter(entry) -> Parameter:
    if isinstance(entry, str):
        return Parameter(entry)
    if not isinstance(entry, dict) or "name" not in entry:
        raise ValueError(f"a parameter needs a name: {snippet(entry)}")
    return Parameter(entry["name"], entry.get("domain", "real"), entry.get("meaning", ""),
                     entry.get("source", ""))


class _Reader(PreorderCollector):
    """Walk the nested JSON tree into pre-order lists (explicit stack, no recursion)."""

    def __init__(self, players, parameters):
        super().__init__(players)
        self.symbols = {p.name: p.symbol for p in parameters}
        self.outcome_ids: dict[Any, int] = {}

    def number(self, value, where):
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError(f"{where}: numbers are strings or integers, got {snippet(value)}")
        try:
            return exact(str(value) if isinstance(value, int) else value, self.symbols)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None

    def node_outcome_of(self, node, where) -> int:
        if "payoffs" not in node:
            return -1
        key = node.get("outcome_id")
        payoffs = node["payoffs"]
        if not isinstance(payoffs, list) or len(payoffs) != len(self.players):
            raise ValueError(f"{where}: 'payoffs' needs one entry per player")
        values = tuple(self.number(x, where) for x in payoffs)
        if key is not None and key in self.outcome_ids:
            k = self.outcome_ids[key]
            if any(a != b and sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) != 0
                   for a, b in zip(self.outcomes[k].payoffs, values)):
                raise ValueError(f"{where}: outcome_id {snippet(key)} is reused with different payoffs")
            return k
        k = self.outcome(str(node.get("outcome", "")), values)
        if key is not None:
            self.outcome_ids[key] = k
        return k

    def node_infoset_of(self, node, moves, where) -> int:
        actions = tuple(str(m.get("action", "")) for m in moves)
        if node.get("chance"):
            player = CHANCE
            probs = tuple(self.number(m.get("prob"), f"{where}, action {snippet(a)}")
                          for m, a in zip(moves, actions))
        else:
            if node.get("player") not in self.players:
                raise ValueError(f"{where}: unknown player {snippet(node.get('player'))}")
            player = self.player(node.get("player"))
            probs = None
        label = str(node.get("infoset", ""))
        try:
            return self.infoset(player, node.get("infoset_id", label or None), label, actions,
                                probs)
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None

    def walk(self, root) -> None:
        stack = [(root, "tree")]
        while stack:
            node, where = stack.pop()
            if not isinstance(node, dict):
                raise ValueError(f"{where}: a node is a JSON object")
            moves = node.get("moves", [])
            if not isinstance(moves, list) or not all(isinstance(m, dict) and "node" in m
                                                      for m in moves):
                raise ValueError(f"{where}: 'moves' is a list of {{'action', 'node'}} objects")
            infoset = self.node_infoset_of(node, moves, where) if moves else -1
            self.node(infoset, self.node_outcome_of(node, where), str(node.get("label", "")))
            stack.extend((m["node"], f"{where} > {snippet(str(m.get('action', '?')))}")
                         for m in reversed(moves))


# ---------------------------------------------------------------------------------- writing

def write_json(game: ExtensiveGame, path: str | PathLike | None = None, *,
               assumptions: Iterable = ()) -> str:
    """The game as JSON text (and written to ``path`` if given).

    Examples
    --------
    >>> from gametheory.catalog import entry_game
    >>> read_json(write_json(entry_game())).terminal_payoffs().tolist() == \\
    ...     entry_game().terminal_payoffs().tolist()
    True
    """
    text = dumps_iterative(to_json_dict(game, assumptions=assumptions))
    if path is not None:
        write_atomic(path, text + "\n")
    return text


def dumps_iterative(value, indent: int = 1, flat_below: int = 48) -> str:
    """``json.dumps(value, indent=indent)``, written with an explicit stack (any depth).

    Strings, numbers and constants are written by :func:`json.dumps` itself; only the nesting
    of objects and arrays is walked here, so that a game tree thousands of levels deep is
    written as easily as a flat one.  Containers nested ``flat_below`` levels deep or more are
    written on one line (as ``json.dumps`` without ``indent``): indenting every level would make
    the text grow with the square of the depth.

    Examples
    --------
    >>> data = {"a": [1, "x", {}], "b": {"c": None, "d": []}}
    >>> dumps_iterative(data) == json.dumps(data, indent=1)
    True
    >>> dumps_iterative(data, flat_below=1) == '{\\n "a": [1, "x", {}],\\n "b": {"c": null, "d": []}\\n}'
    True
    """
    parts: list[str] = []
    # work items: ("value", value, depth) or ("text", string)
    work: list[tuple] = [("value", value, 0)]
    while work:
        item = work.pop()
        if item[0] == "text":
            parts.append(item[1])
            continue
        _, value, depth = item
        pretty = depth < flat_below
        inner = "\n" + " " * (indent * (depth + 1)) if pretty else ""
        comma = "," if pretty else ", "
        end = "\n" + " " * (indent * depth) if pretty else ""
        if isinstance(value, dict) and value:
            items = list(value.items())
            work.append(("text", end + "}"))
            for k in range(len(items) - 1, -1, -1):
                key, member = items[k]
                work.append(("value", member, depth + 1))
                work.append(("text", (comma if k else "") + inner + json.dumps(str(key)) + ": "))
            work.append(("text", "{"))
        elif isinstance(value, (list, tuple)) and value:
            work.append(("text", end + "]"))
            for k in range(len(value) - 1, -1, -1):
                work.append(("value", value[k], depth + 1))
                work.append(("text", (comma if k else "") + inner))
            work.append(("text", "["))
        else:
            parts.append(json.dumps(value))
    return "".join(parts)


def _domain_text(domain) -> str:
    """A domain as text :func:`gametheory.parameters.parse_domain` reads back exactly."""
    if isinstance(domain, Interval) and (domain.lo is None) != (domain.hi is None):
        if domain.hi is None:
            return f"{'>' if domain.lo_open else '>='} {domain.lo}"
        return f"{'<' if domain.hi_open else '<='} {domain.hi}"
    return str(domain)


def to_json_dict(game: ExtensiveGame, *, assumptions: Iterable = ()) -> dict:
    """The game as a JSON-ready object (see the module docstring)."""
    tree = game.tree
    sizes = game.infoset_sizes()
    outcome_uses = np.bincount(tree.outcome[tree.outcome >= 0], minlength=len(game.outcomes))
    nodes: dict[int, dict] = {}
    for v in reversed(game.preorder().tolist()):
        node: dict[str, Any] = {}
        if v in game.node_labels:
            node["label"] = game.node_labels[v]
        k = int(tree.infoset[v])
        if k >= 0:
            s = game.infosets[k]
            if s.player == CHANCE:
                node["chance"] = True
            else:
                node["player"] = game.players[s.player]
            if s.label:
                node["infoset"] = s.label
            if s.label or sizes[k] > 1:
                node["infoset_id"] = k + 1
            kids = list(tree.children(v))
            node["moves"] = [
                {"action": a, **({"prob": to_text(s.probs[j])} if s.probs else {}),
                 "node": nodes.pop(c)} for j, (a, c) in enumerate(zip(s.actions, kids))]
        o = int(tree.outcome[v])
        if o >= 0:
            outcome = game.outcomes[o]
            if outcome.label:
                node["outcome"] = outcome.label
            if outcome_uses[o] > 1:
                node["outcome_id"] = o + 1
            node["payoffs"] = [to_text(x) for x in outcome.payoffs]
        nodes[v] = node
    data = {"format": FORMAT, "version": 1, "title": game.title,
            "description": game.description, "players": list(game.players),
            "parameters": [{"name": p.name, "domain": _domain_text(p.domain), "meaning": p.meaning,
                            "source": p.source} for p in game.parameters]}
    assumptions = [a if isinstance(a, str) else sympy.sstr(a) for a in assumptions]
    if assumptions:
        data["assumptions"] = assumptions
    data["tree"] = nodes[0]
    return data
