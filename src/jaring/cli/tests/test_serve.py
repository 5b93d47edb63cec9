"""`jaring serve` and its job-worker child; processes are fakes, nothing is started."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import jaring
from jaring.cli import _register, app, supervise
from jaring.cli import serve as serve_module
from jaring.cli.supervise import WORKER_COMMAND, ChildSupervisor

_register()
runner = CliRunner()


class FakeProcess:
    def __init__(self, command, *, dies_with=None, stubborn=False):
        self.command = list(command)
        self.returncode = dies_with
        self.stubborn = stubborn
        self.terminated = False
        self.killed = False

    def poll(self):
        return self.returncode

    def terminate(self):
        self.terminated = True
        if not self.stubborn:
            self.returncode = -signal.SIGTERM

    def kill(self):
        self.killed = True
        self.returncode = -signal.SIGKILL

    def wait(self, timeout=None):
        if self.returncode is None:
            raise subprocess.TimeoutExpired(self.command, timeout)
        return self.returncode


@pytest.fixture
def spawned(monkeypatch):
    processes: list[FakeProcess] = []

    def spawn(command):
        processes.append(FakeProcess(command))
        return processes[-1]

    monkeypatch.setattr(supervise, "_popen", spawn)
    return processes


@pytest.fixture
def waitress_calls(monkeypatch):
    import waitress

    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append(kw))
    return calls


def test_worker_command_runs_this_interpreter_as_a_module():
    assert (sys.executable, "-m", "jaring", "worker") == WORKER_COMMAND


def test_serve_starts_the_job_worker_and_stops_it_with_the_server(spawned, waitress_calls):
    result = runner.invoke(app, ["serve", "--port", "8123"], catch_exceptions=False)
    assert result.exit_code == 0
    assert waitress_calls == [{"host": "127.0.0.1", "port": 8123, "threads": 8, "ident": "Jaring"}]
    assert [p.command for p in spawned] == [list(WORKER_COMMAND)]
    assert spawned[0].terminated


def test_no_worker_starts_no_child(spawned, waitress_calls):
    assert runner.invoke(app, ["serve", "--no-worker"], catch_exceptions=False).exit_code == 0
    assert len(waitress_calls) == 1
    assert spawned == []


def test_production_runs_gunicorn_with_several_processes_and_the_worker(monkeypatch, spawned):
    web: list[FakeProcess] = []

    def spawn_web(command):
        web.append(FakeProcess(command, dies_with=0))
        return web[-1]

    monkeypatch.setattr(serve_module, "_spawn_web", spawn_web)
    result = runner.invoke(app, ["serve", "--production", "--workers", "3", "--port", "9001"], catch_exceptions=False)
    assert result.exit_code == 0
    command = web[0].command
    assert command[:4] == [sys.executable, "-m", "gunicorn", "jaring.wsgi:application"]
    assert {"--bind=127.0.0.1:9001", "--workers=3", "--threads=4", "--worker-class=gthread"} <= set(command)
    assert "--preload" not in command
    assert "--no-control-socket" in command
    assert [p.command for p in spawned] == [list(WORKER_COMMAND)]
    assert spawned[0].terminated


def test_production_exit_code_of_gunicorn_is_ours(monkeypatch, spawned):
    monkeypatch.setattr(serve_module, "_spawn_web", lambda command: FakeProcess(command, dies_with=3))
    result = runner.invoke(app, ["serve", "--production", "--no-worker"])
    assert result.exit_code == 3
    assert "gunicorn berhenti dengan kode 3" in result.stderr


def test_sigterm_handler_is_restored_after_serving(spawned, waitress_calls):
    before = signal.getsignal(signal.SIGTERM)
    runner.invoke(app, ["serve"], catch_exceptions=False)
    assert signal.getsignal(signal.SIGTERM) == before


def _wait_for(condition, seconds=5.0):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_dead_worker_is_started_again_with_growing_delays():
    processes: list[FakeProcess] = []
    messages: list[str] = []

    def spawn(command):
        processes.append(FakeProcess(command, dies_with=1 if len(processes) < 3 else None))
        return processes[-1]

    supervisor = ChildSupervisor(
        ["worker"], spawn=spawn, report=messages.append, poll_interval=0.005, restart_delay=0.01, healthy_after=60
    )
    with supervisor:
        _wait_for(lambda: len(processes) == 4)
    assert processes[-1].terminated
    assert [m.split("dalam ")[1] for m in messages] == ["0.01 detik.", "0.02 detik.", "0.04 detik."]
    assert "berhenti (kode 1)" in messages[0]


def test_stop_kills_a_worker_that_ignores_sigterm():
    child = FakeProcess(["worker"], stubborn=True)
    messages: list[str] = []
    supervisor = ChildSupervisor(["worker"], spawn=lambda c: child, report=messages.append, stop_timeout=0.01)
    supervisor.start()
    supervisor.stop()
    assert child.terminated
    assert child.killed
    assert "dihentikan paksa" in messages[0]


def test_no_restart_after_stop():
    processes: list[FakeProcess] = []

    def spawn(command):
        processes.append(FakeProcess(command))
        return processes[-1]

    supervisor = ChildSupervisor(["worker"], spawn=spawn, report=lambda m: None, poll_interval=0.005)
    supervisor.start()
    supervisor.stop()
    time.sleep(0.05)
    assert len(processes) == 1


def test_python_dash_m_jaring_is_the_command_line():
    env = {**os.environ, "PYTHONPATH": str(Path(jaring.__file__).parents[1])}
    proc = subprocess.run(
        [sys.executable, "-m", "jaring", "serve", "--help"], capture_output=True, text=True, env=env, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert "--production" in proc.stdout
    assert "--no-worker" in proc.stdout


def test_real_child_killed_from_outside_comes_back_and_is_stopped_with_us():
    sleeper = [sys.executable, "-c", "import time; time.sleep(60)"]
    children: list[subprocess.Popen[bytes]] = []

    def spawn(command):
        children.append(subprocess.Popen(command))
        return children[-1]

    with ChildSupervisor(sleeper, spawn=spawn, report=lambda m: None, poll_interval=0.02, restart_delay=0.02):
        os.kill(children[0].pid, signal.SIGKILL)
        _wait_for(lambda: len(children) == 2)
        assert children[1].poll() is None
    assert children[0].poll() == -signal.SIGKILL
    assert children[1].poll() == -signal.SIGTERM
