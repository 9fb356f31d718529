"""The notebooks use the public API only, and every plot cell (tagged ``plot``) shows its figure when run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from pytest_socket import enable_socket, socket_allow_hosts

from tests.conftest import REPO

NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))


def _code(path: Path) -> list[tuple[list[str], str]]:
    import nbformat

    nb = nbformat.read(path, as_version=4)
    return [(list(c.metadata.get("tags", [])), c.source) for c in nb.cells if c.cell_type == "code"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebooks_import_only_the_public_api(path: Path) -> None:
    import routes

    for _, source in _code(path):
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("routes"):
                assert node.module == "routes", f"{path.name}: from {node.module} import ..."
                assert all(a.name in routes.__all__ for a in node.names), path.name
            if isinstance(node, ast.Import):
                assert not any(a.name.startswith("routes") for a in node.names), path.name
    assert any("plot" in tags for tags, _ in _code(path)), f"{path.name} has no plot cell"


@pytest.mark.slow
def test_every_plot_cell_shows_its_figure() -> None:
    import nbformat
    from nbclient import NotebookClient

    enable_socket()  # the kernel talks to this process over loopback TCP only
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=300, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        plots = [c for c in nb.cells if c.cell_type == "code" and "plot" in c.metadata.get("tags", [])]
        assert plots, path.name
        for cell in plots:
            images = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert images, f"{path.name}: a plot cell shows no figure:\n{cell.source[:200]}"
        tables = [c for c in nb.cells if c.cell_type == "code"
                  and any("text/html" in o.get("data", {}) for o in c.outputs)]
        assert tables, f"{path.name}: no result shows as a table"
