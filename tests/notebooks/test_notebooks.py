"""The notebooks run top to bottom on the bundled corpus's results, and are committed clean."""

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[2] / "notebooks").glob("*.ipynb"))


def test_there_are_four_notebooks():
    assert [p.stem for p in NOTEBOOKS] == ["01-overview", "02-names", "03-findings", "04-compare-two-systems"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_and_parameterised(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code), "strip outputs before committing"
    assert any("parameters" in c.metadata.get("tags", []) for c in code), "needs a cell tagged 'parameters'"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_executes(path, demo_results, monkeypatch):
    nb = nbformat.read(path, as_version=4)
    param = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    param.source = f"results_dir = {str(demo_results)!r}\n" + "\n".join(
        line for line in param.source.splitlines() if not line.startswith("results_dir")
    )
    root = str(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("PYTHONPATH", root + os.pathsep + os.environ.get("PYTHONPATH", ""))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on any error
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not any(o.get("output_type") == "error" for o in outputs)
    assert len(outputs) >= 3
