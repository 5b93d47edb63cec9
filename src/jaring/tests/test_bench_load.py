"""bench/load.py against a tiny stdlib server: bounded, loopback only, 404 reported as skipped."""

from __future__ import annotations

import importlib.util
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import jaring

LOAD_PY = Path(jaring.__file__).parents[2] / "bench" / "load.py"
pytestmark = pytest.mark.skipif(not LOAD_PY.exists(), reason="bench/ is in the source checkout only")


@pytest.fixture(scope="module")
def load():
    spec = importlib.util.spec_from_file_location("bench_load", LOAD_PY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_load"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    yield module
    del sys.modules["bench_load"]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        ok = self.headers.get("Authorization") == "Bearer rahasia"
        status = {"/ok": 200, "/post": 200, "/gagal": 500}.get(self.path, 404) if ok else 401
        body = json.dumps({"status": status}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = _answer

    def log_message(self, format, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_reports_throughput_latency_errors_and_skips_404(load, server, tmp_path):
    out = tmp_path / "r.json"
    endpoints = ["ok=GET /ok", 'post=POST /post {"a": 1}', "hilang=GET /tidak-ada", "gagal=GET /gagal"]
    args = ["--base", server, "--token", "rahasia", "--clients", "4", "--seconds", "0.3", "--warmup", "0"]
    code = load.main([*args, *[a for e in endpoints for a in ("--endpoint", e)], "--json", str(out)])
    results = {r["endpoint"]: r for r in json.loads(out.read_text())["results"]}
    assert code == 1  # the failing endpoint
    assert results["ok"]["requests"] > 0
    assert results["ok"]["errors"] == 0
    assert results["ok"]["p95_ms"] >= results["ok"]["p50_ms"] > 0
    assert results["post"]["errors"] == 0
    assert results["hilang"]["status"].startswith("skipped: 404")
    assert results["gagal"]["error_kinds"] == {"500": results["gagal"]["requests"]}


def test_bad_token_stops_at_once(load, server):
    with pytest.raises(SystemExit, match="401"):
        load.main(["--base", server, "--token", "salah", "--endpoint", "ok=GET /ok", "--seconds", "0.1"])


@pytest.mark.parametrize("base", ["http://10.1.2.3:8000", "http://192.168.0.1", "https://127.0.0.1:8000"])
def test_refuses_anything_but_loopback_http(load, base):
    with pytest.raises(SystemExit):
        load.require_loopback(base)


@pytest.mark.parametrize(("clients", "seconds"), [(1001, 1), (10, 601), (0, 1)])
def test_refuses_unbounded_runs(load, server, clients, seconds):
    with pytest.raises(SystemExit, match="Batas"):
        load.main(["--base", server, "--token", "rahasia", "--clients", str(clients), "--seconds", str(seconds)])
