"""Shared fixtures: an isolated gazetteer cache, and no network for any test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_socket import disable_socket, enable_socket

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session", autouse=True)
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """One gazetteer cache for the whole run, outside the user's home."""
    os.environ["ROUTECHECK_CACHE"] = str(tmp_path_factory.mktemp("routecheck-cache"))
    os.environ.pop("ROUTECHECK_DATA", None)


@pytest.fixture(autouse=True)
def _no_network() -> object:
    """Every test runs with sockets blocked (Unix sockets stay usable for subprocess plumbing)."""
    disable_socket(allow_unix_socket=True)
    yield
    enable_socket()


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``routecheck`` in a fresh interpreter (so start-up and exit codes are real)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "routes.cli", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=REPO,
        check=False,
    )
