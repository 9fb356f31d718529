"""Offline proof: with sockets blocked, the whole check runs; any network attempt would raise."""

from __future__ import annotations

import socket

import pytest
from pytest_socket import SocketBlockedError

from routes.verify import verify


def test_sockets_are_really_blocked() -> None:
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_verify_works_offline() -> None:
    r = verify("Vladivostok", "Kursk", "nearly 6,400 km")
    assert r.verdict.verdict == "inconsistent"
