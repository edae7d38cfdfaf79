"""Every CLI error is one line on stderr with exit status 2 (3 for a bug), never a traceback."""

from __future__ import annotations

import pytest

from gametheory import cli
from gametheory.cli import main


def _one_line_error(capsys, argv, status=2):
    code = main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == status, err
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


@pytest.fixture
def bad_file(tmp_path):
    path = tmp_path / "empty.efg"
    path.write_text("")
    return path


@pytest.mark.parametrize("argv, expected", [
    (["prove", "P9"], "P9"),
    (["plot", "linkage", "--x", "cc", "--y", "s", "-o", "{tmp}/x.png"], "'c'"),
    (["solve", "linkagee"], "did you mean 'linkage'"),
    (["solve", "entry", "--param", "b=1", "--param", "b=3"], "b given twice"),
    (["draw", "prisoners-dilemma", "-o", "{tmp}/pd.xyz"], "cannot tell the drawing format"),
    (["table", "linkag"], "did you mean 'linkage'"),
    (["info", "{tmp}/missing.efg"], "no such file"),
])
def test_usage_errors_are_one_line(capsys, tmp_path, argv, expected):
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    assert expected in _one_line_error(capsys, argv)


def test_bad_file_is_one_line(capsys, bad_file):
    _one_line_error(capsys, ["info", str(bad_file)])


def test_unexpected_error_is_reported_as_a_bug(capsys, monkeypatch):
    def boom(args):
        raise RuntimeError("kaboom")
    monkeypatch.setattr(cli.info, "cmd_info", boom)
    monkeypatch.delenv("GAMETHEORY_DEBUG", raising=False)
    line = _one_line_error(capsys, ["info", "entry"], status=3)
    assert line == ("gametheory info: internal error (RuntimeError: kaboom); this is a bug, "
                    "rerun with --debug for the traceback")


def test_debug_reraises(monkeypatch):
    def boom(args):
        raise RuntimeError("kaboom")
    monkeypatch.setattr(cli.info, "cmd_info", boom)
    with pytest.raises(RuntimeError, match="kaboom"):
        main(["--debug", "info", "entry"])
    with pytest.raises(ValueError):
        main(["--debug", "solve", "linkagee"])


def test_debug_environment_variable_reraises(monkeypatch):
    monkeypatch.setenv("GAMETHEORY_DEBUG", "1")
    with pytest.raises(ValueError):
        main(["prove", "P9"])
