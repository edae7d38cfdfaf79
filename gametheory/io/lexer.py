"""The tokenizer shared by Gambit's ``.efg`` and ``.nfg`` formats.

The whole text is split by one compiled regular expression into a list of token strings, and the
parsers walk that list with an index (linear time, no recursion).  Positions are not stored: an
error re-scans the text once to find the line and column of the offending token.

Lexical rules (Gambit's ``src/games/file.cc``): whitespace separates tokens and is otherwise
insignificant; the tokens are ``{``, ``}``, ``,``, quoted strings and bare words (numbers and
the symbols ``EFG``, ``NFG``, ``R``, ``D``, ``c``, ``p``, ``t``).  Inside a string ``\\"`` is a
quote; a backslash before any other character is kept literally.
"""

from __future__ import annotations

import re
from fractions import Fraction
from itertools import islice

from ..errors import GameFormatError
from ..numbers import parse_number
from .files import snippet

__all__ = ["Lexer", "decode_string", "quote", "MAX_EXPONENT"]

_SPACE = " \t\n\r\f\v"
# A string is '"', then runs of ordinary characters separated by a backslash that either takes
# the following quote with it or stands alone (not followed by a quote), then '"'.  The unrolled
# loop cannot backtrack into reading an escaped quote as the end of the string.  An unterminated
# string takes the rest of the text as one token: the scan of a string that does not close is
# then made once, not once per quote that follows (which made ``"\\"\\"\\"...`` quadratic).
_STRING = r'"[^"\\]*(?:\\(?:"|(?!"))[^"\\]*)*"'
_TOKEN = re.compile(
    r'[ \t\n\r\f\v]*('
    + _STRING +
    r'|[{},]'
    r'|[^ \t\n\r\f\v{},"]+'
    r'|"[\s\S]*)'
)
_WHOLE_STRING = re.compile(_STRING)
_NUMBER = re.compile(
    r"(?P<integer>[+-]?[0-9]+)"
    r"|(?P<numerator>[+-]?[0-9]+)/(?P<denominator>[0-9]+)"
    r"|[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?")
_DECIMAL = re.compile(r"[+-]?[0-9]*(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?")
MAX_EXPONENT = 1000
MAX_INTEGER_DIGITS = 18
# Numbers are cached by their text, up to this many distinct ones: games repeat a few payoffs
# and probabilities many times, while a table of a million distinct payoffs would cost more
# (memory traffic as it grows) than it saves.
CACHED_NUMBERS = 1 << 16


def decode_string(token: str) -> str:
    """The text of a quoted-string token: quotes removed, ``\\"`` turned into ``"``.

    Examples
    --------
    >>> decode_string(r'"say \\"hi\\" \\n"')
    'say "hi" \\\\n'
    """
    text = token[1:-1]
    return text.replace('\\"', '"') if "\\" in text else text


def quote(text: str) -> str:
    """Write ``text`` as a Gambit string token (the inverse of :func:`decode_string`).

    Raises
    ------
    ValueError
        If the text ends with a backslash: the format has no way to write it (Gambit would read
        the closing quote as escaped).

    Examples
    --------
    >>> print(quote('the "best" move'))
    "the \\"best\\" move"
    """
    if text.endswith("\\"):
        raise ValueError(f"a label ending in a backslash cannot be written in Gambit format: "
                         f"{text!r}")
    return '"' + text.replace('"', '\\"') + '"'


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


class Lexer:
    """The tokens of a text, with the reading primitives the two parsers share.

    Parameters
    ----------
    text : str
        The whole file.
    file : str
        Name used in error messages.

    Attributes
    ----------
    tokens : list of str
        Every token as written (strings keep their quotes).
    i : int
        Index of the next token to read.

    Examples
    --------
    >>> lexer = Lexer('EFG 2 R "a \\\\"b\\\\"" { "P1" }', "<string>")
    >>> lexer.tokens
    ['EFG', '2', 'R', '"a \\\\"b\\\\""', '{', '"P1"', '}']
    >>> lexer.word("EFG", "the file type"), lexer.integer("the version"), lexer.next()
    ('EFG', 2, 'R')
    >>> lexer.string("the title")
    'a "b"'
    """

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.tokens: list[str] = _TOKEN.findall(text)
        if self.tokens and self.tokens[-1][0] == '"' and not _WHOLE_STRING.fullmatch(
                self.tokens[-1]):
            self.tokens[-1] = '"'          # the unterminated string (see ``unexpected``)
        self.n = len(self.tokens)
        self.i = 0
        # Only a text that starts like a game file is ever quoted in an error message: reading
        # /etc/passwd or a binary by mistake must not print its content.
        self.game_like = self.n > 0 and self.tokens[0] in ("EFG", "NFG")
        self.numbers: dict[str, Fraction] = {}

    # ----------------------------------------------------------------- errors

    def error(self, index: int, problem: str) -> GameFormatError:
        """A :class:`GameFormatError` located at token ``index`` (``n`` means the end of text)."""
        if index >= self.n:
            end = self.text.rstrip(_SPACE)
            offset = len(end)
        else:
            match = next(islice(_TOKEN.finditer(self.text), index, None))
            offset = match.start(1)
        line, column = position(self.text, offset)
        return GameFormatError(self.file, line, column, problem)

    def line_of(self, index: int) -> int:
        """The line number of token ``index`` (for "... at line 9" in messages)."""
        return self.error(index, "").line

    def describe(self, index: int) -> str:
        """The token at ``index`` as it should appear in a message."""
        if index >= self.n:
            return "the end of the file"
        if not self.game_like:
            return "text that is not a game file"
        return snippet(self.tokens[index])

    def unexpected(self, index: int, wanted: str) -> GameFormatError:
        """The error for finding token ``index`` where ``wanted`` should be."""
        if index >= self.n:
            return self.error(index, f"the file ends where {wanted} was expected")
        if not self.game_like:
            return self.error(index, f"not a game file: expected {wanted}")
        if self.tokens[index] == '"':
            return self.error(index, "unterminated string (no closing quote)")
        return self.error(index, f"expected {wanted}, found {self.describe(index)}")

    # ----------------------------------------------------------------- reading

    def peek(self) -> str:
        """The next token without consuming it (``""`` at the end)."""
        return self.tokens[self.i] if self.i < self.n else ""

    def next(self) -> str:
        """Consume and return the next token (``""`` at the end)."""
        i = self.i
        if i >= self.n:
            return ""
        self.i = i + 1
        return self.tokens[i]

    def at_string(self) -> bool:
        """Whether the next token is a string (possibly an unterminated one)."""
        return self.i < self.n and self.tokens[self.i][0] == '"'

    def word(self, expected: str, wanted: str) -> str:
        """Consume the bare word or brace ``expected``."""
        i = self.i
        if i >= self.n or self.tokens[i] != expected:
            raise self.unexpected(i, wanted)
        self.i = i + 1
        return expected

    def string(self, wanted: str) -> str:
        """Consume a quoted string and return its text."""
        i = self.i
        if i >= self.n or self.tokens[i][0] != '"' or len(self.tokens[i]) < 2:
            raise self.unexpected(i, wanted)
        self.i = i + 1
        return decode_string(self.tokens[i])

    def strings(self, wanted: str) -> list[str]:
        """Consume ``{ STRING* }`` and return the texts."""
        self.word("{", f"'{{' opening {wanted}")
        items = []
        tokens, i, n = self.tokens, self.i, self.n
        while i < n and tokens[i][0] == '"' and len(tokens[i]) > 1:
            items.append(decode_string(tokens[i]))
            i += 1
        self.i = i
        self.word("}", f"a string or '}}' closing {wanted}")
        return items

    def integer(self, wanted: str) -> int:
        """Consume a non-negative integer written with ASCII digits."""
        i = self.i
        token = self.tokens[i] if i < self.n else ""
        if not (token.isascii() and token.isdigit()):
            raise self.unexpected(i, wanted)
        if len(token) > MAX_INTEGER_DIGITS:
            raise self.error(i, f"{wanted} {token[:20]}... is too large")
        self.i = i + 1
        return int(token)

    def number(self, wanted: str) -> Fraction:
        """Consume an exact number (integer, decimal, exponent or ``a/b``)."""
        i = self.i
        if i >= self.n:
            raise self.unexpected(i, wanted)
        token = self.tokens[i]
        value = self.numbers.get(token)
        if value is None:
            value = self.parse_number(i, wanted)
        self.i = i + 1
        return value

    def parse_number(self, index: int, wanted: str) -> Fraction:
        """Parse token ``index`` as a number (Gambit's lexical rules), caching it by its text.

        Integers and ratios are converted directly (the common, fast case); decimals and
        exponents go through :func:`gametheory.numbers.parse_number`.
        """
        token = self.tokens[index]
        numerator, slash, denominator = token.partition("/")
        digits = numerator[1:] if numerator[:1] in ("+", "-") else numerator
        if digits.isdigit() and digits.isascii() and len(digits) < MAX_INTEGER_DIGITS:
            if not slash:
                value = Fraction(int(numerator))
                return self.remember(token, value)
            if (denominator.isdigit() and denominator.isascii()
                    and len(denominator) < MAX_INTEGER_DIGITS and int(denominator)):
                value = Fraction(int(numerator), int(denominator))
                return self.remember(token, value)
        match = _NUMBER.fullmatch(token)
        if match is None:
            raise self.unexpected(index, wanted)
        try:
            if match.group("integer") is not None:
                value = Fraction(int(token))
            elif match.group("denominator") is not None:
                denominator = int(match.group("denominator"))
                if denominator == 0:
                    raise self.error(index, f"division by zero in {self.describe(index)}")
                value = Fraction(int(match.group("numerator")), denominator)
            else:
                exponent = match.group("exponent")
                if exponent is not None and abs(int(exponent)) > MAX_EXPONENT:
                    raise self.error(index, f"the exponent of {self.describe(index)} is larger "
                                            f"than {MAX_EXPONENT}")
                value = parse_number(token)
        except ValueError as error:   # Python refuses to convert more than 4300 digits
            if isinstance(error, GameFormatError):
                raise
            raise self.error(index, f"{self.describe(index)} has too many digits") from None
        return self.remember(token, value)

    def remember(self, token: str, value: Fraction) -> Fraction:
        """Cache the value of a number token (while the cache is small) and return it."""
        if len(self.numbers) < CACHED_NUMBERS:
            self.numbers[token] = value
        return value

    def payoffs(self, wanted: str, expected: int = 0) -> tuple[list[Fraction], int]:
        """Consume ``NUMBER ([,] NUMBER)* [,] }`` (after the ``{``): the numbers and their count.

        The closing brace is consumed too; like Gambit, a comma may follow any number.  Numbers
        are read until the brace, so that a wrong count is reported as such rather than as a
        misplaced token.
        """
        tokens, n, numbers = self.tokens, self.n, self.numbers
        i = self.i
        if expected:   # fast path: exactly `expected` numbers, commas between all or none
            end = i + 2 * expected - 1
            if end < n and tokens[end] == "}" and tokens[i + 1:end:2] == [","] * (expected - 1):
                at = range(i, end, 2)
            elif i + expected < n and tokens[i + expected] == "}":
                end = i + expected
                at = range(i, end)
            else:
                at = None
            if at is not None:
                body = [tokens[k] for k in at]
                if "}" not in body and "," not in body:
                    values = []
                    for k, token in zip(at, body):
                        value = numbers.get(token)
                        values.append(value if value is not None else self.parse_number(k, wanted))
                    self.i = end + 1
                    return values, expected
        values = []
        while True:
            token = tokens[i] if i < n else "}"
            if token == "}":
                break
            value = numbers.get(token)
            if value is None:
                if token == ",":
                    raise self.unexpected(i, wanted)
                value = self.parse_number(i, wanted)
            values.append(value)
            i += 1
            if i < n and tokens[i] == ",":
                i += 1
        if i >= n:
            raise self.unexpected(i, wanted)
        self.i = i + 1
        return values, len(values)

    def header(self, magic: str, version: str) -> tuple[str, list[str]]:
        """Read ``MAGIC VERSION R|D "title" { "player" ... }``; return the title and players."""
        if self.n == 0:
            raise self.error(0, "empty file")
        self.word(magic, f"'{magic}' (an .{magic.lower()} file starts with {magic} {version} R)")
        if self.peek() != version:
            raise self.unexpected(self.i, f"version {version} (only '{magic} {version}' files "
                                          f"exist)")
        self.next()
        if self.peek() not in ("R", "D"):
            raise self.unexpected(self.i, "the number type 'R' (or the legacy 'D')")
        self.next()
        title = self.string("the game title (a quoted string)")
        players_at = self.i
        players = self.strings("the player list")
        if not players:
            raise self.error(players_at, "the game has no players")
        return title, players

    def finish(self, what: str) -> None:
        """Require the end of the text."""
        if self.i < self.n:
            raise self.error(self.i, f"unexpected {self.describe(self.i)} after the end of {what}")


def decimal_places(token: str) -> int | None:
    """Number of decimal places a decimal token is written to, ``None`` for ``a/b`` and integers.

    Examples
    --------
    >>> [decimal_places(t) for t in ("0.3333", "1.5e-3", "1/3", "2")]
    [4, 4, None, None]
    """
    if "/" in token:
        return None
    match = _DECIMAL.fullmatch(token)
    if match is None or (match.group(1) is None and match.group(2) is None):
        return None
    digits = len(match.group(1) or "")
    exponent = int(match.group(2) or 0)
    return digits - exponent
