"""The typed public subset passes ``mypy --strict`` (the files and options are pyproject.toml's
``[tool.mypy]``): a type error introduced in those modules fails this test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_the_public_subset_passes_mypy_strict():
    pytest.importorskip("mypy", reason="mypy comes with the [test] extra")
    done = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("Success: no issues found in 4 source files"), done.stdout


def test_a_type_error_in_the_subset_is_caught(tmp_path):
    """``mypy --strict`` refuses a file with untyped code and a wrong type (so the check above
    is not vacuous)."""
    pytest.importorskip("mypy", reason="mypy comes with the [test] extra")
    bad = tmp_path / "bad.py"
    bad.write_text("def f(x):\n    return x\n\nn: int = 'one'\n")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", str(bad)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 1
    assert "missing a type annotation" in done.stdout and "incompatible types" in \
        done.stdout.lower()
