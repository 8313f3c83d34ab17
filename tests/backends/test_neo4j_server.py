"""scripts/neo4j itself, on the test server: status, restart, persistence, loopback, secrecy."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "test-neo4j"

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _script(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=300)


def test_graph_survives_a_restart_and_start_is_idempotent(neo4j_settings, neo4j_driver):
    neo4j_driver.execute_query("CREATE (:Actor {id: 'restart-probe', name: 'Probe', aliases: []})")
    assert _script("status").returncode == 0
    again = _script("start")
    assert again.returncode == 0 and "already running" in again.stderr
    stopped = _script("stop")
    assert stopped.returncode == 0 and "stopped" in stopped.stderr
    status = _script("status")
    assert status.returncode == 3 and status.stdout.strip() == "stopped"
    started = _script("start")
    assert started.returncode == 0, started.stderr
    from graphbuild.backends.neo4j.connection import connect

    with connect(neo4j_settings) as driver:
        records, _, _ = driver.execute_query("MATCH (n:Actor {id: 'restart-probe'}) RETURN n.name AS name")
    assert [r["name"] for r in records] == ["Probe"]


def test_server_listens_on_loopback_only(neo4j_settings):
    port = neo4j_settings.uri.rsplit(":", 1)[1]
    listening = subprocess.run(["ss", "-ltnH"], capture_output=True, text=True, check=True).stdout
    addresses = [line.split()[3] for line in listening.splitlines() if line.split()[3].endswith(f":{port}")]
    hosts = {a.rsplit(":", 1)[0].strip("[]").removeprefix("::ffff:") for a in addresses}
    assert hosts and hosts <= {"127.0.0.1", "::1"}, addresses


def test_password_is_in_no_log_and_no_command_line(neo4j_settings):
    secret = neo4j_settings.password
    home = ROOT / ".neo4j" / "test"
    for path in (home / "logs").glob("*.log"):
        assert secret not in path.read_text(errors="replace"), path
    assert secret not in (home / "conf" / "neo4j.conf").read_text()
    pid = (home / "run" / "neo4j.pid").read_text().strip()
    assert secret not in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    assert secret.encode() not in Path(f"/proc/{pid}/environ").read_bytes()
