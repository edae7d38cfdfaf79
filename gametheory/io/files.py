"""Reading and writing files safely: bounded reads, atomic writes, escaped labels.

* :func:`read_bounded` reads at most :data:`MAX_FILE_BYTES` bytes (``/dev/zero`` or a
  multi-gigabyte file is refused after the first block, not read into memory) and refuses
  binary data (a NUL byte) at once.  A pipe (a named pipe, ``<(command)`` in a shell) is opened
  without blocking and read as long as data keeps coming: after :data:`PIPE_TIMEOUT` seconds
  without data (a named pipe nothing writes to) it is refused instead of waiting forever.
* :func:`write_atomic` writes to a temporary file in the target's folder and renames it over the
  target only when everything was written, so that a failed write leaves the old file intact
  (``rename`` is atomic within one file system, POSIX ``rename(2)``).  A symbolic link at the
  target is *replaced* by the new file, never followed: writing ``out.efg`` cannot overwrite the
  file a planted link points to.
* :func:`printable` escapes control characters (ANSI escape sequences, other C0/C1 controls) in
  labels before they reach a terminal, and :func:`csv_cell` neutralises spreadsheet formulas
  (a cell starting with ``=``, ``+``, ``-``, ``@``: the OWASP "CSV injection" advice).
* :func:`snippet` quotes a short, escaped piece of a file for an error message.
"""

from __future__ import annotations

import errno
import os
import re
import select
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator, Union

from ..errors import GameFormatError

__all__ = ["MAX_FILE_BYTES", "PIPE_TIMEOUT", "max_file_bytes", "pipe_timeout", "read_bounded", "decode_text", "write_atomic",
           "printable", "terminal_safe", "csv_cell", "snippet"]

#: The largest game file read (bytes).  Override per call (``limit=``) or with the
#: environment variable ``GAMETHEORY_MAX_FILE_BYTES``.  64 MiB is about two million nodes of
#: ``.efg``; the tokens of a file take up to eight times its size in memory (a file of nothing
#: but braces is one token per byte).
MAX_FILE_BYTES = 1 << 26
_BLOCK = 1 << 16


def max_file_bytes() -> int:
    """The file-size limit in force: ``GAMETHEORY_MAX_FILE_BYTES`` if set, else the default.

    Examples
    --------
    >>> max_file_bytes() == int(os.environ.get("GAMETHEORY_MAX_FILE_BYTES", MAX_FILE_BYTES))
    True
    """
    text = os.environ.get("GAMETHEORY_MAX_FILE_BYTES", "").strip()
    if text.isdigit():
        return int(text)
    return MAX_FILE_BYTES


#: Seconds a pipe may stay silent before reading it is given up (``GAMETHEORY_PIPE_TIMEOUT``
#: overrides it): opening a named pipe for reading waits for a writer, and a pipe that nothing
#: writes to would otherwise block the reader forever.
PIPE_TIMEOUT = 10.0


def pipe_timeout() -> float:
    """The pipe timeout in force: ``GAMETHEORY_PIPE_TIMEOUT`` (seconds) if set, else the default.

    Examples
    --------
    >>> os.environ["GAMETHEORY_PIPE_TIMEOUT"] = "0.5"
    >>> pipe_timeout()
    0.5
    >>> os.environ["GAMETHEORY_PIPE_TIMEOUT"] = "-1"
    >>> pipe_timeout() == PIPE_TIMEOUT
    True
    >>> del os.environ["GAMETHEORY_PIPE_TIMEOUT"]
    """
    text = os.environ.get("GAMETHEORY_PIPE_TIMEOUT", "").strip()
    return float(text) if _NONNEGATIVE.fullmatch(text) else PIPE_TIMEOUT


_NONNEGATIVE = re.compile(r"[0-9]+(?:\.[0-9]*)?|\.[0-9]+")


def _blocks(handle: BinaryIO, name: str, timeout: float | None) -> Iterator[bytes]:
    """The blocks of an open file; for a pipe (``timeout`` given), waiting at most ``timeout``
    seconds for each block before refusing the pipe."""
    while True:
        if timeout is not None:
            ready, _, _ = select.select([handle], [], [], timeout)
            if not ready:
                raise GameFormatError(name, 1, 1, f"no data from this pipe in {timeout:g} s "
                                                  f"(is anything writing to it?); set "
                                                  f"GAMETHEORY_PIPE_TIMEOUT to wait longer")
        try:
            block = os.read(handle.fileno(), _BLOCK)
        except BlockingIOError:            # woken, but the data went to another reader
            continue
        if not block:
            return
        yield block


def read_bounded(path: Union[str, "os.PathLike[str]"], limit: int | None = None,
                 timeout: float | None = None) -> bytes:
    """The bytes of a file, refusing more than ``limit`` bytes and binary data.

    The file is read in blocks, so that an endless device or a huge file costs one block of
    memory before it is refused.  A pipe or socket is opened without blocking and read until its
    writers close it, each block awaited at most ``timeout`` seconds (default
    :func:`pipe_timeout`): a named pipe with no writer is refused, not waited on forever.

    Raises
    ------
    GameFormatError
        If the file is larger than the limit, holds a NUL byte (no text game file does), or is
        a pipe that stays silent for ``timeout`` seconds.
    OSError
        If it cannot be opened.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "g.nfg").write_bytes(b"NFG 1 R")
    >>> read_bounded(folder / "g.nfg")
    b'NFG 1 R'
    >>> read_bounded(folder / "g.nfg", limit=3)
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFormatError: ...g.nfg:1:1: the file is larger than the limit of 3 bytes (set GAMETHEORY_MAX_FILE_BYTES to read it)
    """
    limit = max_file_bytes() if limit is None else limit
    name = os.fspath(path)
    blocks: list[bytes] = []
    size = 0
    # O_NONBLOCK: opening a named pipe for reading returns at once instead of waiting for a
    # writer; regular files and devices are then read as usual (the flag is cleared)
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    mode = os.fstat(descriptor).st_mode
    if stat.S_ISDIR(mode):
        os.close(descriptor)
        raise IsADirectoryError(errno.EISDIR, "Is a directory", name)
    with os.fdopen(descriptor, "rb", buffering=0) as handle:
        piped = stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)
        if not piped:
            os.set_blocking(descriptor, True)
        wait = (pipe_timeout() if timeout is None else timeout) if piped else None
        for block in _blocks(handle, name, wait):
            nul = block.find(b"\0")
            if nul >= 0:
                before = b"".join(blocks) + block[:nul]
                line = before.count(b"\n") + 1
                column = len(before) - before.rfind(b"\n")
                raise GameFormatError(name, line, column, f"byte 0x00 at offset {size + nul}: a "
                                                          f"binary file, not a game file")
            blocks.append(block)
            size += len(block)
            if size > limit:
                raise GameFormatError(name, 1, 1, f"the file is larger than the limit of {limit} "
                                                  f"bytes (set GAMETHEORY_MAX_FILE_BYTES to read "
                                                  f"it)")
    return b"".join(blocks)


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text of the bytes (a leading byte-order mark dropped); an invalid byte is reported
    at its line and byte column, without quoting the file.

    Examples
    --------
    >>> decode_text(b"\\xef\\xbb\\xbfEFG", "<bytes>")
    'EFG'
    >>> decode_text(b"EFG\\n\\xff", "<bytes>")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameFormatError: <bytes>:2:1: byte 0xff at offset 4 is not UTF-8 text (is this a game file?)
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        offset = error.start
        line = data.count(b"\n", 0, offset) + 1
        column = offset - data.rfind(b"\n", 0, offset)
        raise GameFormatError(name, line, column,
                              f"byte 0x{data[offset]:02x} at offset {offset} is not UTF-8 text "
                              f"(is this a game file?)") from None
    return text[1:] if text.startswith("\ufeff") else text


def write_atomic(path: Union[str, "os.PathLike[str]"], data: Union[str, bytes]) -> None:
    """Write ``data`` to ``path`` all at once: a temporary file in the same folder, then a rename.

    Text is written as UTF-8 with the line ends as given.  If anything fails (disk full, an
    error while writing) the temporary file is removed and the old content of ``path``, if
    any, is untouched.  An existing symbolic link at ``path`` is replaced by a regular file;
    the file it pointed to is not written.  A new file gets the permissions a plain ``open``
    would give it (``0o666`` less the umask); an existing file keeps its permission bits.  A
    special file (a terminal, a pipe, ``/dev/null``, ``/dev/stdout``), reached directly or
    through a link, is written directly: it holds no content to protect and must not be
    replaced by a regular file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", "one\\n")
    >>> (folder / "a.txt").read_text()
    'one\\n'
    >>> (folder / "link.txt").symlink_to(folder / "a.txt")
    >>> write_atomic(folder / "link.txt", b"two")
    >>> (folder / "a.txt").read_text(), (folder / "link.txt").is_symlink()
    ('one\\n', False)
    """
    target = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    try:
        special = not stat.S_ISREG(os.stat(target).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        special = False
    if special and not target.is_dir():
        # a terminal, a pipe, /dev/null or /dev/stdout: nothing to protect, and replacing the
        # device node (or the link to it) by a regular file would be wrong
        with open(target, "wb") as out:
            out.write(payload)
        return
    folder = target.parent
    try:
        mode = target.lstat().st_mode & 0o7777 if not target.is_symlink() else None
    except FileNotFoundError:
        mode = None
    if target.is_dir():
        raise IsADirectoryError(21, "Is a directory", os.fspath(target))
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                         dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        raise


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """The text with control characters escaped (``\\x1b``, ``\\n``, ``\\t``...), safe to print.

    Examples
    --------
    >>> printable("red\\x1b[31m label\\n")
    'red\\\\x1b[31m label\\\\n'
    >>> printable("plain é")
    'plain é'
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


_CONTROL_IN_OUTPUT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def terminal_safe(text: str) -> str:
    """Command output with every control character escaped except line ends and tabs.

    For whole reports (many lines) about games whose labels may hold ANSI escape sequences:
    the layout survives, the escapes are shown rather than obeyed by the terminal.

    Examples
    --------
    >>> terminal_safe("player\\x1b[2J\\n\\tx")
    'player\\\\x1b[2J\\n\\tx'
    """
    if not _CONTROL_IN_OUTPUT.search(text):
        return text
    return _CONTROL_IN_OUTPUT.sub(lambda m: repr(m.group())[1:-1], text)


def csv_cell(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula, with control characters escaped.

    A cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return) gets a leading
    apostrophe, unless it is a number (``-1/2`` and ``+3`` stay numbers).

    Examples
    --------
    >>> csv_cell('=HYPERLINK("http://x")'), csv_cell("-1/2"), csv_cell("@SUM(A1)")
    ('\\'=HYPERLINK("http://x")', '-1/2', "'@SUM(A1)")
    """
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.fullmatch(text):
        text = "'" + text
    return printable(text)


_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:[./][0-9]+)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def snippet(value: object, width: int = 20) -> str:
    """A short, escaped quotation of a value (a label, a JSON value) for an error message.

    A string is quoted (``repr``) after cutting it to ``width`` characters; anything else is
    shown by its ``repr``, cut the same way.

    Examples
    --------
    >>> snippet("p \\x1b[2J" + "x" * 40)
    "'p \\\\x1b[2Jxxxxxxxxxxx...'"
    >>> snippet(1), snippet([0] * 100)
    ('1', '[0, 0, 0, 0, 0, 0...')
    """
    if isinstance(value, str):
        return repr(value if len(value) <= width else value[:width - 3] + "...")
    text = printable(repr(value)) if isinstance(value, (int, float, bool, type(None))) else \
        printable(repr(value)[:width + 1])
    return text if len(text) <= width else text[:width - 3] + "..."
