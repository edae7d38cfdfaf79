"""Compile LaTeX as a reader's paper would: a fragment ``\\input`` into a plain ``article``
that loads only the packages the fragment declares, or a standalone document as it is.

The check fails on a LaTeX error and on any overfull box (text that sticks out of its line
or page); it skips when pdflatex, or a declared package, is not installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gametheory.report.latex import declared_packages, document


def compile_latex(directory: Path, source: str, name: str, *, standalone: bool = False) -> str:
    """Compile ``source`` (a fragment, ``\\input`` into an article, or a whole document) in
    ``directory``; return pdflatex's log after checking it has no error and no overfull box."""
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed")
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{name}.tex").write_text(source, encoding="utf-8")
    if standalone:
        main = name
    else:
        main = f"{name}-main"
        wrapper = document(rf"\input{{{name}.tex}}", ["booktabs", *declared_packages(source)])
        (directory / f"{main}.tex").write_text(wrapper, encoding="utf-8")
    run = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", f"{main}.tex"],
                         cwd=directory, capture_output=True, text=True, timeout=180)
    if re.search(r"File `[^']+\.sty' not found", run.stdout):
        pytest.skip("a LaTeX package is missing")
    assert run.returncode == 0, run.stdout[-3000:]
    assert (directory / f"{main}.pdf").exists()
    log = (directory / f"{main}.log").read_text(encoding="utf-8", errors="replace")
    overfull = [line for line in log.splitlines() if line.startswith("Overfull")]
    assert not overfull, "\n".join(overfull)
    return log
