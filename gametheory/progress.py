"""A tiny progress reporter for long runs: a bar on a terminal, silence in a pipe, a callback.

:class:`Progress` counts finished steps of a known total.  It shows them on standard error
with ``tqdm`` when that package is installed, else as one plain line rewritten in place
(``"\\rsweep 3/8 (37%) 1.2s"``), and only when standard error is a terminal and ``quiet`` is
false: piped or redirected output never gets progress text mixed into it.  Whatever is shown,
a Python ``callback(done, total)`` is called after every update, so notebooks and programs can
follow the work their own way.

Examples
--------
>>> seen = []
>>> with Progress(3, "steps", callback=lambda done, total: seen.append((done, total))) as bar:
...     for _ in range(3):
...         bar.update()
>>> seen
[(1, 3), (2, 3), (3, 3)]
>>> list(track(["a", "b"], quiet=True))
['a', 'b']
"""

from __future__ import annotations

import sys
import time
from typing import Any, Callable, Iterable, Iterator, TextIO, TypeVar

__all__ = ["Progress", "track", "Callback"]

Callback = Callable[[int, int], Any]
T = TypeVar("T")


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:                      # a closed stream
        return False


class Progress:
    """Progress of ``total`` steps, shown on a terminal and reported to an optional callback.

    Parameters
    ----------
    total : int
        The number of steps.
    description : str
        A short word shown before the count (``"sweep"``).
    quiet : bool
        Never show anything (the callback is still called).
    callback : callable, optional
        ``callback(done, total)`` after every update.
    stream : file, optional
        Where to show progress (default: ``sys.stderr``); nothing is shown unless it is a
        terminal.
    use_tqdm : bool, optional
        Use ``tqdm`` (default: when it is installed).

    Attributes
    ----------
    done : int
        Steps finished so far.
    shown : bool
        Whether anything is written to ``stream``.
    """

    def __init__(self, total: int, description: str = "", *, quiet: bool = False,
                 callback: Callback | None = None, stream: TextIO | None = None,
                 use_tqdm: bool | None = None):
        self.total = int(total)
        self.description = description
        self.callback = callback
        self.stream = sys.stderr if stream is None else stream
        self.done = 0
        self.shown = not quiet and _is_terminal(self.stream)
        self._start = time.perf_counter()
        self._bar: Any = None
        if self.shown and use_tqdm is not False:
            try:
                from tqdm import tqdm
            except ImportError:
                if use_tqdm:
                    raise ImportError("progress bars with tqdm need the 'tqdm' package: "
                                      "pip install tqdm") from None
            else:
                self._bar = tqdm(total=self.total, desc=description or None, file=self.stream,
                                 leave=False)

    def update(self, steps: int = 1) -> None:
        """Count ``steps`` more finished steps, show them and call the callback."""
        self.done += steps
        if self._bar is not None:
            self._bar.update(steps)
        elif self.shown:
            share = 100 * self.done // self.total if self.total else 100
            elapsed = time.perf_counter() - self._start
            head = f"{self.description} " if self.description else ""
            self.stream.write(f"\r{head}{self.done}/{self.total} ({share}%) {elapsed:.1f}s")
            self.stream.flush()
        if self.callback is not None:
            self.callback(self.done, self.total)

    def close(self) -> None:
        """End the display (the terminal line is cleared; nothing stays behind)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def track(items: Iterable[T], total: int | None = None, description: str = "", *,
          quiet: bool = False, callback: Callback | None = None,
          stream: TextIO | None = None) -> Iterator[T]:
    """Yield ``items``, counting each one as a finished step of a :class:`Progress`.

    ``total`` defaults to ``len(items)``.

    Examples
    --------
    >>> calls = []
    >>> sum(track(range(4), callback=lambda done, total: calls.append(done)))
    6
    >>> calls
    [1, 2, 3, 4]
    """
    if total is None:
        total = len(items)  # type: ignore[arg-type]
    with Progress(total, description, quiet=quiet, callback=callback, stream=stream) as bar:
        for item in items:
            yield item
            bar.update()
