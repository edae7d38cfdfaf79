"""Gambit's extensive-form format ``.efg``: parse into plain lists, write from a game.

Grammar (``doc/formats.efg.rst`` and ``src/games/file.cc`` of Gambit)::

    efg      := "EFG" "2" ("R"|"D") title "{" player* "}" [description] node
    node     := "c" name infoset# [label "{" (action prob)+ "}"] outcome
              | "p" name player# infoset# [label "{" action+ "}"] outcome
              | "t" name outcome
    outcome  := outcome# [label "{" payoff ([","] payoff)* "}"]

Nodes come in depth-first pre-order, a node's children in the order of its infoset's actions.
Infoset numbers are per player (chance has its own); the first use of an infoset or outcome
describes it, later uses omit the description or repeat it identically; outcome 0 is "no
outcome".  Outcomes on inner nodes add up along the path.

The parser never recurses: it counts the nodes still owed to the tree (one for the root, plus
the number of actions of every decision node read, minus one per node read), so depth is free.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Optional

from .lexer import MAX_INTEGER_DIGITS as _MAX_DIGITS
from .files import snippet
from .lexer import CACHED_NUMBERS, Lexer, decimal_places, decode_string, quote
from ..numbers import to_text

__all__ = ["ParsedTree", "parse_efg", "format_efg", "snap_probabilities", "simplest_between"]

CHANCE = -1
_PAYOFF = "a payoff or '}'"


@dataclass
class ParsedTree:
    """An ``.efg`` file as plain lists, numbered the way ``ExtensiveGame.from_preorder`` wants.

    Infosets and outcomes are renumbered ``0, 1, ...`` in order of first appearance in the file
    (which is pre-order); ``node_infoset[v]`` is ``-1`` for terminal nodes and
    ``node_outcome[v]`` is ``-1`` where the file says outcome 0.
    """

    title: str
    description: str
    players: list[str]
    infosets: list[tuple[int, str, tuple[str, ...], Optional[tuple[Fraction, ...]]]] = field(
        default_factory=list)
    outcomes: list[tuple[str, tuple[Fraction, ...]]] = field(default_factory=list)
    node_infoset: list[int] = field(default_factory=list)
    node_outcome: list[int] = field(default_factory=list)
    node_labels: list[str] = field(default_factory=list)


def parse_efg(lexer: Lexer, tolerant: bool = False) -> ParsedTree:
    """Parse the tokens of an ``.efg`` file.

    Parameters
    ----------
    lexer : Lexer
        The tokens, positioned at the start.
    tolerant : bool
        Snap chance probabilities written as rounded decimals to the simplest fractions (see
        :func:`snap_probabilities`).

    Returns
    -------
    ParsedTree

    Raises
    ------
    GameFormatError
        Naming the line and column of the first problem.

    Examples
    --------
    >>> text = 'EFG 2 R "" { "A" "B" } p "" 1 1 "" { "L" "R" } 0 t "" 1 "x" { 1, -1 } t "" 0'
    >>> tree = parse_efg(Lexer(text, "<string>"))
    >>> tree.infosets, tree.outcomes
    ([(0, '', ('L', 'R'), None)], [('x', (Fraction(1, 1), Fraction(-1, 1)))])
    >>> tree.node_infoset, tree.node_outcome
    ([0, -1, -1], [-1, 0, -1])
    """
    return _TreeParser(lexer, tolerant).parse()


class _TreeParser:
    """One pass over the tokens; the state is the renumbering of infosets and outcomes."""

    def __init__(self, lexer: Lexer, tolerant: bool):
        self.lexer = lexer
        self.tolerant = tolerant
        self.tree = ParsedTree("", "", [])
        self.n_players = 0
        self.players_by_token: dict[str, int] = {}
        # Infosets (keyed by player and number) and outcomes seen so far: their index by number
        # and by the number's token text (the fast path), and the tokens ``at:end`` of their
        # first description (for messages, and to skip re-parsing a description repeated
        # verbatim).
        self.infoset_by_number: dict[tuple[int, int], int] = {}
        self.infoset_by_token: dict[tuple[int, str], int] = {}
        self.infoset_at: list[int] = []
        self.infoset_end: list[int] = []
        self.outcome_by_number: dict[int, int] = {0: -1}
        self.outcome_by_token: dict[str, int] = {"0": -1}
        self.outcome_at: list[int] = []
        self.outcome_end: list[int] = []
        # Every distinct infoset description read, ``(player, label, "{", ..., "}")`` as tokens,
        # and the infoset it made: a new infoset described the same way (a perfect-information
        # tree written by Gambit restates "" { "1" "2" } at every node) shares that entry.
        self.described: dict[tuple, tuple] = {}

    def parse(self) -> ParsedTree:
        lexer = self.lexer
        title, players = lexer.header("EFG", "2")
        description = lexer.string("") if lexer.at_string() else ""
        self.tree = ParsedTree(title, description, players)
        self.players_by_token = {str(k + 1): k for k in range(len(players))}
        self.n_players = len(players)
        self.read_nodes()
        lexer.finish("the tree")
        return self.tree

    def read_nodes(self) -> None:
        """Read nodes until the tree is complete (no recursion: count the nodes still owed).

        The loop reads the common shapes inline -- a quoted name, an infoset that is known or
        described exactly as one read before, an outcome that is known or new and plainly
        written -- and leaves everything else, and every error, to the methods below.
        """
        lexer, tree = self.lexer, self.tree
        tokens, n = lexer.tokens, lexer.n
        node_infoset, node_outcome, node_labels = (
            tree.node_infoset, tree.node_outcome, tree.node_labels)
        infosets, outcomes = tree.infosets, tree.outcomes
        known_infosets, infoset_by_number = self.infoset_by_token, self.infoset_by_number
        infoset_at, infoset_end = self.infoset_at, self.infoset_end
        described = self.described
        known_outcomes, outcome_by_number = self.outcome_by_token, self.outcome_by_number
        outcome_at, outcome_end = self.outcome_at, self.outcome_end
        numbers = lexer.numbers
        players_by_token = self.players_by_token
        n_players = self.n_players
        commas = [","] * (n_players - 1)
        owed = 1
        i = lexer.i
        while owed:
            kind = tokens[i] if i < n else ""
            name = tokens[i + 1] if i + 1 < n else ""
            if kind not in ("t", "p", "c"):
                if not kind:
                    raise lexer.error(i, f"the file ends before the tree is complete "
                                         f"({owed} more node{'s' if owed > 1 else ''} expected)")
                raise lexer.unexpected(i, "a node ('c', 'p' or 't')")
            if name[:1] != '"' or len(name) < 2:
                raise lexer.unexpected(i + 1, "the node name (a quoted string)")
            node_labels.append(decode_string(name) if "\\" in name else name[1:-1])
            i += 2
            if kind == "t":
                node_infoset.append(-1)
                owed -= 1
            else:
                if kind == "p":
                    player = players_by_token.get(tokens[i] if i < n else "")
                    if player is None:
                        lexer.i = i
                        player = lexer.integer("a player number")
                        if not 1 <= player <= n_players:
                            raise lexer.error(i, f"player {player} does not exist "
                                                 f"(the game has {n_players} players)")
                        player -= 1
                    i += 1
                else:
                    player = CHANCE
                infoset = None
                if i + 2 < n:
                    number = tokens[i]
                    if tokens[i + 1][0] != '"':      # a known infoset, not described
                        infoset = known_infosets.get((player, number))
                        if infoset is not None:
                            i += 1
                    elif tokens[i + 2] == "{":       # described: as an earlier description?
                        try:
                            end = tokens.index("}", i + 3) + 1
                        except ValueError:
                            end = 0
                        entry = described.get((player, *tokens[i + 1:end])) if end else None
                        if entry is not None:
                            infoset = known_infosets.get((player, number))
                            if infoset is None:
                                if (number.isdigit() and number.isascii()
                                        and len(number) <= _MAX_DIGITS
                                        and (player, int(number)) not in infoset_by_number):
                                    infoset = len(infosets)
                                    infoset_by_number[(player, int(number))] = infoset
                                    known_infosets[(player, number)] = infoset
                                    infoset_at.append(i + 1)
                                    infoset_end.append(end)
                                    infosets.append(entry)
                            elif infosets[infoset] is not entry:
                                infoset = None
                            if infoset is not None:
                                i = end
                if infoset is None:
                    lexer.i = i
                    infoset = self.read_infoset(player)
                    i = lexer.i
                node_infoset.append(infoset)
                owed += len(infosets[infoset][2]) - 1
            # the outcome
            outcome = None
            if i + 1 < n:
                number = tokens[i]
                label = tokens[i + 1]
                if label[0] != '"':                  # a known outcome, not described
                    outcome = known_outcomes.get(number)
                    if outcome is not None:
                        i += 1
                elif (number not in known_outcomes and number.isdigit() and number.isascii()
                      and len(number) <= _MAX_DIGITS and int(number) not in outcome_by_number
                      and len(label) > 1 and i + 2 < n and tokens[i + 2] == "{"):
                    # a new outcome: its payoffs, if plainly written (else read_outcome)
                    start = i + 3
                    end = start + 2 * n_players - 1
                    if end < n and tokens[end] == "}" and tokens[start + 1:end:2] == commas:
                        body = tokens[start:end:2]
                    else:
                        end = start + n_players
                        body = tokens[start:end] if end < n and tokens[end] == "}" else None
                    if body is not None and "}" not in body and "," not in body:
                        payoffs = []
                        for token in body:
                            value = numbers.get(token)
                            if value is None:
                                digits = token[1:] if token[0] in "+-" else token
                                if not (digits.isdigit() and digits.isascii()
                                        and len(digits) < _MAX_DIGITS):
                                    break
                                value = Fraction(int(token))
                                if len(numbers) < CACHED_NUMBERS:
                                    numbers[token] = value
                            payoffs.append(value)
                        else:
                            outcome = len(outcomes)
                            outcome_by_number[int(number)] = outcome
                            known_outcomes[number] = outcome
                            outcome_at.append(i + 1)
                            outcome_end.append(end + 1)
                            outcomes.append((decode_string(label) if "\\" in label
                                             else label[1:-1], tuple(payoffs)))
                            i = end + 1
            if outcome is None:
                lexer.i = i
                outcome = self.read_outcome()
                i = lexer.i
            node_outcome.append(outcome)
        lexer.i = i

    # ---------------------------------------------------------------- infosets

    def _repeats(self, at: int, first_at: int, first_end: int) -> bool:
        """Is the description at ``at`` written exactly as the first one (tokens
        ``first_at:first_end``)?  If so, move past it."""
        end = at + first_end - first_at
        if self.lexer.tokens[at:end] != self.lexer.tokens[first_at:first_end]:
            return False
        self.lexer.i = end
        return True

    def read_infoset(self, player: int) -> int:
        """Read ``infoset# [label {actions}]`` and return the global infoset index."""
        lexer = self.lexer
        number_at = lexer.i
        number = lexer.integer("an infoset number")
        known = self.infoset_by_number.get((player, number))
        if known is not None:
            self.infoset_by_token[(player, lexer.tokens[number_at])] = known
        if not lexer.at_string():
            if known is None:
                raise lexer.error(number_at, f"{_infoset_name(player, number)} is used before "
                                             f"it is described (label and actions)")
            return known
        at = lexer.i
        tokens = lexer.tokens
        if known is not None and self._repeats(at, self.infoset_at[known],
                                               self.infoset_end[known]):
            return known
        label = lexer.string("")
        if player == CHANCE:
            actions, probs = self.read_chance_actions(number, at)
        else:
            actions, probs = tuple(lexer.strings("the action list")), None
            if not actions:
                raise lexer.error(at, f"{_infoset_name(player, number)} has no actions")
        if known is None:
            known = len(self.tree.infosets)
            self.infoset_by_number[(player, number)] = known
            self.infoset_by_token[(player, lexer.tokens[number_at])] = known
            self.infoset_at.append(at)
            self.infoset_end.append(lexer.i)
            entry = (player, label, actions, probs)
            self.described.setdefault((player, *tokens[at:lexer.i]), entry)
            self.tree.infosets.append(entry)
        else:
            self.check_same_infoset(known, player, number, at, (label, actions, probs))
        return known

    def read_chance_actions(self, number: int, at: int):
        """Read ``{ (action prob)+ }`` and check that the probabilities form a distribution."""
        lexer = self.lexer
        lexer.word("{", "'{' opening the actions and probabilities")
        actions, probs, prob_at = [], [], []
        while True:
            if lexer.peek() == "}" and actions:
                lexer.next()
                break
            actions.append(lexer.string("an action name (a quoted string)" if not actions else
                                        "an action name or '}'"))
            prob_at.append(lexer.i)
            probs.append(lexer.number("the action's probability"))
        name = _infoset_name(CHANCE, number)
        for k, p in enumerate(probs):
            if p < 0:
                raise lexer.error(prob_at[k], f"{name}: action {k + 1} has negative "
                                              f"probability {p}")
        total = sum(probs)
        if total != 1 and self.tolerant:
            snapped = snap_probabilities(probs, [lexer.tokens[k] for k in prob_at])
            if snapped is not None:
                return tuple(actions), snapped
        if total != 1:
            hint = "" if self.tolerant or all(
                decimal_places(lexer.tokens[k]) is None for k in prob_at) else (
                " (tolerant=True snaps rounded decimals to simple fractions)")
            raise lexer.error(at, f"{name}: probabilities sum to {total}, not 1{hint}")
        return tuple(actions), tuple(probs)

    def check_same_infoset(self, known, player, number, at, description) -> None:
        """A repeated description must equal the first one."""
        lexer = self.lexer
        old_player, *old = self.tree.infosets[known]
        first = f"at line {lexer.line_of(self.infoset_at[known])}"
        name = _infoset_name(player, number)
        label, actions, probs = description
        if label != old[0]:
            raise lexer.error(at, f"{name} is labelled {snippet(label)} here and {snippet(old[0])} {first}")
        if len(actions) != len(old[1]):
            raise lexer.error(at, f"{name} has {len(actions)} actions here and {len(old[1])} "
                                  f"{first}")
        for k, (a, b) in enumerate(zip(actions, old[1])):
            if a != b:
                raise lexer.error(at, f"action {k + 1} of {name} is {snippet(a)} here and {snippet(b)} {first}")
        if probs is not None:
            for k, (a, b) in enumerate(zip(probs, old[2])):
                if a != b:
                    raise lexer.error(at, f"action {k + 1} of {name} has probability {a} here "
                                          f"and {b} {first}")

    # ---------------------------------------------------------------- outcomes

    def read_outcome(self) -> int:
        """Read ``outcome# [label {payoffs}]``; return the outcome index or -1."""
        lexer = self.lexer
        tokens, n, number_at = lexer.tokens, lexer.n, lexer.i
        token = tokens[number_at] if number_at < n else ""
        known = self.outcome_by_token.get(token)
        number = None
        if known is None:
            number = lexer.integer("an outcome number")
            known = self.outcome_by_number.get(number)
            if known is not None:
                self.outcome_by_token[token] = known
        at = number_at + 1
        label = tokens[at] if at < n else ""
        if label[:1] != '"':
            if known is None:
                raise lexer.error(number_at, f"outcome {number} is used before it is described "
                                             f"(label and payoffs)")
            lexer.i = at
            return known
        if known == -1:
            raise lexer.error(at, "outcome 0 is the null outcome and cannot have a label or "
                                  "payoffs")
        if known is not None and self._repeats(at, self.outcome_at[known],
                                               self.outcome_end[known]):
            return known
        if len(label) < 2:
            raise lexer.unexpected(at, "")
        label = decode_string(label) if "\\" in label else label[1:-1]
        if at + 1 >= n or tokens[at + 1] != "{":
            raise lexer.unexpected(at + 1, "'{' opening the payoffs")
        lexer.i = at + 2
        payoffs, count = lexer.payoffs(_PAYOFF, self.n_players)
        payoffs = tuple(payoffs)
        if count != self.n_players:
            raise lexer.error(at + 1, f"outcome {tokens[number_at]} has {count} payoff"
                                      f"{'s' if count != 1 else ''}, expected "
                                      f"{self.n_players} (one per player)")
        if known is None:
            known = len(self.tree.outcomes)
            self.outcome_by_number[number] = known
            self.outcome_by_token[tokens[number_at]] = known
            self.outcome_at.append(at)
            self.outcome_end.append(lexer.i)
            self.tree.outcomes.append((label, payoffs))
            return known
        old_label, old_payoffs = self.tree.outcomes[known]
        if label != old_label or payoffs != old_payoffs:
            first = f"at line {lexer.line_of(self.outcome_at[known])}"
            name = f"outcome {int(tokens[number_at])}"
            if label != old_label:
                raise lexer.error(at, f"{name} is labelled {snippet(label)} here and {snippet(old_label)} "
                                      f"{first}")
            k = next(k for k in range(self.n_players) if payoffs[k] != old_payoffs[k])
            raise lexer.error(at, f"{name} pays {payoffs[k]} to player {k + 1} here and "
                                  f"{old_payoffs[k]} {first}")
        return known


def _infoset_name(player: int, number: int) -> str:
    if player == CHANCE:
        return f"chance infoset {number}"
    return f"infoset {number} of player {player + 1}"


# -------------------------------------------------------------------- tolerant probabilities

def simplest_between(low: Fraction, high: Fraction) -> Fraction:
    """The fraction with the smallest denominator in ``[low, high]`` (``0 <= low <= high``).

    Continued-fraction descent of the Stern-Brocot tree (e.g. Graham, Knuth and Patashnik,
    *Concrete Mathematics*, section 4.5).

    Examples
    --------
    >>> simplest_between(Fraction(3333, 10000), Fraction(3334, 10000))
    Fraction(1, 3)
    >>> simplest_between(Fraction(1, 2), Fraction(3, 2))
    Fraction(1, 1)
    """
    whole = low.numerator // low.denominator
    if whole == low or whole + 1 <= high:
        return Fraction(whole if whole == low else whole + 1)
    # low and high lie strictly between whole and whole + 1: recurse on the reciprocals.
    return whole + 1 / simplest_between(1 / (high - whole), 1 / (low - whole))


def snap_probabilities(probs, texts) -> Optional[tuple[Fraction, ...]]:
    """Snap rounded decimals to the simplest fractions that sum to exactly 1, if they exist.

    A probability written as a decimal to ``d`` places is taken to be a float printed with
    rounding: the true value lies within half a unit of the last place (``10**-d / 2``) plus the
    float's own rounding error (a relative ``2**-52``).  It is replaced by the fraction with the
    smallest denominator in that interval (``0.3333333333333333`` becomes ``1/3``).  Integers
    and ratios ``a/b`` are taken as exact.  This undoes exports that print floats (OpenSpiel
    writes ``{prob:.16f}``) without inventing distributions from short decimals: ``0.5, 0.4``
    stays ``1/2, 2/5`` and is rejected.

    Parameters
    ----------
    probs : sequence of Fraction
        The values as written.
    texts : sequence of str
        The tokens they were written as.

    Returns
    -------
    tuple of Fraction, or None
        ``None`` if the snapped values still do not sum to exactly 1.

    Examples
    --------
    >>> third = Fraction("0.3333333333333333")
    >>> snap_probabilities([third] * 3, ["0.3333333333333333"] * 3)
    (Fraction(1, 3), Fraction(1, 3), Fraction(1, 3))
    >>> snap_probabilities([Fraction(1, 2), Fraction(2, 5)], ["0.5", "0.4"]) is None
    True
    """
    snapped = []
    for value, text in zip(probs, texts):
        places = decimal_places(text)
        if places is not None:
            half_unit = Fraction(1, 2 * 10**places) if places >= 0 else Fraction(10**-places, 2)
            slack = half_unit + abs(value) / 2**52
            value = simplest_between(max(value - slack, Fraction(0)), value + slack)
        snapped.append(value)
    return tuple(snapped) if sum(snapped) == 1 else None


# -------------------------------------------------------------------- writer

def format_efg(game) -> str:
    """Gambit's ``.efg`` text of an extensive game, as Gambit's own writer lays it out.

    The header, the (possibly empty) description, then one node per line in pre-order; every
    node restates its infoset and outcome in full; infosets are numbered ``1, 2, ...`` per player
    (and for chance) and outcomes ``1, 2, ...`` in order of first appearance; numbers are exact
    (``1/2``); payoffs are separated by ``", "``.

    Raises
    ------
    ValueError
        For a symbolic game (the format has no parameters) or a label ending in a backslash.
    """
    if getattr(game, "is_symbolic", False):
        raise ValueError("a symbolic game cannot be written in Gambit format; substitute values "
                         "for its parameters first")
    infosets, outcomes = game.infosets, game.outcomes
    tree = game.tree
    order = game.preorder().tolist()
    node_infoset = tree.infoset.tolist()
    node_outcome = tree.outcome.tolist()
    labels = game.node_labels

    numbers: dict[int, int] = {}           # global infoset -> number within its player
    per_player: dict[int, int] = {}
    infoset_text: dict[int, tuple[str, str]] = {}   # global infoset -> (kind, description)
    outcome_text: dict[int, str] = {-1: "0"}

    def text(x) -> str:
        return str(x) if type(x) is Fraction else to_text(x)

    lines = [f"EFG 2 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}",
             quote(game.description), ""]
    quoted_empty = '""'
    for v in order:
        g = node_infoset[v]
        o = node_outcome[v]
        if o not in outcome_text:
            label, payoffs = outcomes[o].label, outcomes[o].payoffs
            outcome_text[o] = (f"{len(outcome_text)} {quote(label)} "
                               f"{{ {', '.join(text(x) for x in payoffs)} }}")
        name = labels.get(v)
        name = quote(name) if name else quoted_empty
        if g < 0:
            lines.append(f"t {name} {outcome_text[o]}")
            continue
        if g not in infoset_text:
            infoset = infosets[g]
            numbers[g] = per_player[infoset.player] = per_player.get(infoset.player, 0) + 1
            if infoset.player == CHANCE:
                actions = " ".join(f"{quote(a)} {text(p)}"
                                   for a, p in zip(infoset.actions, infoset.probs))
                infoset_text[g] = ("c", f"{numbers[g]} {quote(infoset.label)} {{ {actions} }}")
            else:
                actions = " ".join(quote(a) for a in infoset.actions)
                infoset_text[g] = ("p", f"{infoset.player + 1} {numbers[g]} "
                                        f"{quote(infoset.label)} {{ {actions} }}")
        kind, rest = infoset_text[g]
        lines.append(f"{kind} {name} {rest} {outcome_text[o]}")
    lines.append("")
    return "\n".join(lines)
