"""Reading and writing games: Gambit's ``.efg``/``.nfg`` formats."""

from ..errors import GameFormatError
from .gambit import read, read_efg, read_nfg, to_efg, to_nfg, write

__all__ = ["GameFormatError", "read", "read_efg", "read_nfg", "to_efg", "to_nfg", "write"]
