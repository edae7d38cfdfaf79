"""The README stays true: its Python example runs and its Quick start holds the two commands."""

import re
import runpy
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_python_example_runs(tmp_path, monkeypatch, capsys):
    text = README.read_text(encoding="utf-8")
    example = re.search(r"```python\n(.*?)```", text, re.S).group(1)
    script = tmp_path / "example.py"
    script.write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    runpy.run_path(str(script))
    out = capsys.readouterr().out
    assert "b > 2" in out and "b < 2" in out
    assert "(Fraction(-1, 18), Fraction(1, 18))" in out


def test_quick_start_commands():
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"## Quick start\n\n```\n(.*?)```", text, re.S).group(1)
    assert first_block.splitlines() == [
        "pip install . && gametheory table anglo-japanese",
        'pip install -e ".[test]" && pytest',
    ]
