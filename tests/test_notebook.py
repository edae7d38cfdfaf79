"""docs/tutorial.ipynb runs top to bottom with the installed package, so it never rots."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "docs" / "tutorial.ipynb"

nbformat = pytest.importorskip("nbformat", reason="running the tutorial needs nbformat "
                                                  "(pip install 'gametheory[test]')")
nbclient = pytest.importorskip("nbclient", reason="running the tutorial needs nbclient "
                                                  "(pip install 'gametheory[test]')")
pytest.importorskip("ipykernel", reason="running the tutorial needs ipykernel "
                                        "(pip install 'gametheory[test]')")
pytest.importorskip("pandas", reason="the tutorial uses pandas (gametheory[pandas])")
pytest.importorskip("matplotlib", reason="the tutorial draws with matplotlib (gametheory[plot])")


def _text(output) -> str:
    if output.get("output_type") == "stream":
        return output["text"]
    data = output.get("data", {})
    return data.get("text/html", "") + data.get("text/plain", "")


def test_the_tutorial_is_stored_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)


def test_the_tutorial_runs_top_to_bottom(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    start = time.perf_counter()
    client.execute()                   # raises CellExecutionError on the first failing cell
    seconds = time.perf_counter() - start
    outputs = {cell.source.splitlines()[-1]: "".join(_text(o) for o in cell.outputs)
               for cell in notebook.cells if cell.cell_type == "code"}
    assert "region(s)" in outputs["print(solution.to_text())"]
    assert "<svg" in outputs["point"] and "<table" in outputs["point"]      # the tree drawing
    figure = next(cell for cell in notebook.cells if "plot_regions(" in cell.source)
    assert any("image/png" in o.get("data", {}) for o in figure.outputs)     # the region map
    assert "E6" in outputs['episodes[["years", "observed", "predicted"]]']
    assert "S accept" in outputs['points["path"].value_counts(normalize=True)']
    assert seconds < 60, f"the tutorial took {seconds:.0f} s"
