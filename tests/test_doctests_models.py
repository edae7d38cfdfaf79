"""The doctests of ``gametheory.models`` and ``gametheory.proofs``, imported once by package name.

Their sources live in the top-level folders ``models/`` and ``proofs/``; collecting those folders
directly would import each module a second time as ``models.x`` or ``proofs.x``.
"""

import doctest
import importlib
import pkgutil

import pytest

import gametheory.models
import gametheory.proofs


def _modules():
    for package in (gametheory.models, gametheory.proofs):
        yield package.__name__
        for info in pkgutil.iter_modules(package.__path__):
            yield f"{package.__name__}.{info.name}"


@pytest.mark.parametrize("name", sorted(_modules()))
def test_doctests(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0, f"{result.failed} of {result.attempted} doctests failed in {name}"
