"""Errors raised by the package.

Every malformed game file raises :class:`GameFormatError`, which names the file, the line and the
column of the offending text the way compilers do, so that an editor can jump to it.
"""

from __future__ import annotations

__all__ = ["GameFormatError", "GameShapeError"]


class GameFormatError(ValueError):
    """A game file (or text) that does not follow its format.

    Parameters
    ----------
    file : str
        The file name as given, or ``"<string>"`` for text.
    line, column : int
        1-based position of the offending text (for bytes that are not UTF-8: of the byte).
    problem : str
        What is wrong, in words.

    Examples
    --------
    >>> error = GameFormatError("kuhn.efg", 12, 5, "outcome 3 is used before it is described")
    >>> str(error)
    'kuhn.efg:12:5: outcome 3 is used before it is described'
    >>> isinstance(error, ValueError), error.line, error.column
    (True, 12, 5)
    """

    def __init__(self, file: str, line: int, column: int, problem: str):
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        super().__init__(f"{file}:{line}:{column}: {problem}")

    def __reduce__(self):
        return type(self), (self.file, self.line, self.column, self.problem)


def did_you_mean(name: str, known, n: int = 3) -> str:
    """``"; did you mean 'limit'?"`` for near misses of ``name`` among ``known``, else ``""``.

    Examples
    --------
    >>> did_you_mean("limt", ["limit", "tie_break"])
    "; did you mean 'limit'?"
    >>> did_you_mean("zzz", ["limit"])
    ''
    """
    import difflib
    matches = difflib.get_close_matches(str(name), list(known), n=n, cutoff=0.6)
    return "; did you mean " + " or ".join(repr(m) for m in matches) + "?" if matches else ""



class GameShapeError(ValueError):
    """A well-formed game that lacks what a question about it needs.

    Raised, for example, when a proposition of a model is checked on a game that does not have
    the model's players, parameters or node labels. The message names what is missing.

    Examples
    --------
    >>> str(GameShapeError("the game has no parameter 'kappa'"))
    "the game has no parameter 'kappa'"
    """
