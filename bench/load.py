"""Bounded load test of the API on a loopback server (issue 8).

N concurrent clients (threads, one keep-alive connection each, stdlib http.client) hammer one endpoint at a
time for T seconds, after a short warm-up that is not counted; then the next endpoint. For each: requests
per second, p50/p95/max latency and errors (any status other than 2xx, or a broken connection). An
endpoint that answers 404 on its first request is reported as skipped (not deployed on this server), not
as errors.

The references (``--reference``), mounted only when the server runs with ``JARING_BENCH_REFERENCE=1``
(jaring/web/bench.py), on the same server and middleware: ``reference``, a bare Django JSON view (the
server's ceiling), and ``reference-calc`` / ``reference-workers``, each endpoint's own work (the bearer
token's lookup included) in a plain Django view, so an endpoint's ratio to it is the API layer's cost.
Each endpoint is compared with ``reference`` and ``reference-<name>``.

Usage (server: `JARING_BENCH_REFERENCE=1 jaring serve --production --workers 5 --port 8411`):
    python bench/load.py --base http://127.0.0.1:8411 --token "$(jaring users token operator.tegal ...)" \
        --clients 200 --seconds 60 --reference [--endpoint 'name=GET /api/v1/...'] [--json out.json]

Refuses any host that is not loopback, more than 1,000 clients, or more than 600 seconds per endpoint.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

MAX_CLIENTS = 1000
MAX_SECONDS = 600

CALC_BODY = '{"segment": "bpu", "on": "2025-06-01", "income": "1500000"}'
DEFAULT_ENDPOINTS = [
    f"calc=POST /api/v1/calc/contribution {CALC_BODY}",
    "workers=GET /api/v1/workers?q=siti",
]
REFERENCES = [
    "reference=GET /bench/reference",
    f"reference-calc=POST /bench/reference/calc {CALC_BODY}",
    "reference-workers=GET /bench/reference/workers?q=siti",
]


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    path: str
    body: bytes | None = None

    @classmethod
    def parse(cls, spec: str) -> Endpoint:
        """``name=METHOD /path [json body]``."""
        name, _, rest = spec.partition("=")
        method, _, rest = rest.strip().partition(" ")
        path, _, body = rest.strip().partition(" ")
        if not name or method.upper() not in {"GET", "POST", "PUT", "PATCH", "DELETE"} or not path.startswith("/"):
            raise SystemExit(f"Titik akhir tidak sah: {spec!r} (bentuk: nama=METODE /jalur [json])")
        if body:
            json.loads(body)  # fail here, not as 200 × 400 responses
        return cls(name, method.upper(), path, body.encode() if body else None)


@dataclass
class Result:
    endpoint: str
    status: str = "ok"
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def as_json(self) -> dict[str, object]:
        return {
            "endpoint": self.endpoint,
            "status": self.status,
            "requests": self.requests,
            "seconds": round(self.seconds, 2),
            "rps": round(self.rps, 1),
            "p50_ms": round(self.percentile(50) * 1000, 1),
            "p95_ms": round(self.percentile(95) * 1000, 1),
            "max_ms": round(max(self.latencies, default=0.0) * 1000, 1),
            "errors": self.error_count,
            "error_kinds": self.errors,
        }


def require_loopback(base: str) -> tuple[str, int]:
    parts = urlsplit(base)
    if parts.scheme != "http" or not parts.hostname:
        raise SystemExit(f"--base harus http://<loopback>:<port>, bukan {base!r}")
    port = parts.port or 80
    addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    if not addresses or not all(ipaddress.ip_address(a.split("%")[0]).is_loopback for a in addresses):
        raise SystemExit(f"Uji beban hanya ke loopback; {parts.hostname} adalah {sorted(addresses)}.")
    return parts.hostname, port


class Client:
    """One simulated API client: a keep-alive connection, reopened after a server close or an error."""

    def __init__(self, host: str, port: int, token: str, extra: dict[str, str] | None = None) -> None:
        self.host, self.port = host, port
        self.headers = {"Authorization": f"Bearer {token}", "Accept": "application/json", **(extra or {})}
        self.conn: http.client.HTTPConnection | None = None

    def call(self, endpoint: Endpoint) -> tuple[int | str, bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = dict(self.headers)
        if endpoint.body is not None:
            headers["Content-Type"] = "application/json"
        try:
            self.conn.request(endpoint.method, endpoint.path, body=endpoint.body, headers=headers)
            response = self.conn.getresponse()
            body = response.read()
            if response.will_close:
                self.conn.close()
                self.conn = None
            return response.status, body
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            self.conn = None
            return type(exc).__name__, b""


def run_phase(
    endpoint: Endpoint, host: str, port: int, token: str, clients: int, seconds: float, extra: dict[str, str]
) -> Result:
    result = Result(endpoint.name)
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)
    window: list[float] = []

    def client_loop() -> None:
        client = Client(host, port, token, extra)
        latencies: list[float] = []
        errors: dict[str, int] = {}
        start_gate.wait()
        deadline = window[1]
        while True:
            began = time.perf_counter()
            if began >= deadline:
                break
            status, _ = client.call(endpoint)
            ended = time.perf_counter()
            if ended > deadline:
                break  # finished after the window: not counted either way
            if isinstance(status, int) and 200 <= status < 300:
                latencies.append(ended - began)
            else:
                errors[str(status)] = errors.get(str(status), 0) + 1
        if client.conn is not None:
            client.conn.close()
        with lock:
            result.latencies.extend(latencies)
            for kind, count in errors.items():
                result.errors[kind] = result.errors.get(kind, 0) + count

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    now = time.perf_counter()
    window.extend([now, now + seconds])
    start_gate.wait()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    result.seconds = seconds
    result.requests = len(result.latencies) + result.error_count
    return result


def run(args: argparse.Namespace) -> list[Result]:
    host, port = require_loopback(args.base)
    if not 1 <= args.clients <= MAX_CLIENTS or not 0 < args.seconds <= MAX_SECONDS:
        raise SystemExit(f"Batas: 1–{MAX_CLIENTS} klien, 0–{MAX_SECONDS} detik per titik akhir.")
    specs = (REFERENCES if args.reference else []) + (args.endpoint or DEFAULT_ENDPOINTS)
    endpoints = [Endpoint.parse(spec) for spec in specs]
    extra = dict(_header(h) for h in args.header)
    results = []
    for endpoint in endpoints:
        status, body = Client(host, port, args.token, extra).call(endpoint)
        if status == 404:
            results.append(Result(endpoint.name, status="skipped: 404, tidak ada di server ini"))
            print(f"{endpoint.name}: 404 — dilewati (titik akhir tidak ada di server ini)", file=sys.stderr)
            continue
        if status == 401:
            raise SystemExit(f"{endpoint.name}: 401 — token tidak sah (--token atau JARING_BENCH_TOKEN).")
        if not (isinstance(status, int) and 200 <= status < 300):
            print(f"{endpoint.name}: permintaan pertama {status}: {body[:200]!r}", file=sys.stderr)
        if args.warmup:
            run_phase(endpoint, host, port, args.token, args.clients, args.warmup, extra)
        result = run_phase(endpoint, host, port, args.token, args.clients, args.seconds, extra)
        results.append(result)
        print(_line(result), file=sys.stderr)
    return results


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise SystemExit(f"--header harus 'Nama: nilai', bukan {text!r}")
    return name.strip(), value.strip()


def _line(r: Result) -> str:
    data = r.as_json()
    if r.status != "ok":
        return f"{r.endpoint:<10} {r.status}"
    return (
        f"{r.endpoint:<10} {data['rps']:>8} req/s  p50 {data['p50_ms']:>7} ms  p95 {data['p95_ms']:>7} ms  "
        f"max {data['max_ms']:>7} ms  requests {r.requests:>7}  errors {r.error_count} {r.errors or ''}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--token", default=os.environ.get("JARING_BENCH_TOKEN", ""))
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warmup", type=float, default=3, help="uncounted seconds of load before each phase")
    parser.add_argument("--endpoint", action="append", help="nama=METODE /jalur [json]; repeatable")
    # As the HTTPS proxy of the production recipe would: without it a production server redirects to https.
    parser.add_argument("--header", action="append", default=["X-Forwarded-Proto: https"], help="extra header")
    parser.add_argument("--reference", action="store_true", help="also GET /bench/reference (bare Django view)")
    parser.add_argument("--json", help="write the results to this file")
    args = parser.parse_args(argv)
    results = run(args)
    measured = {r.endpoint: r for r in results if r.status == "ok" and r.rps}
    print(f"\n{args.clients} clients × {args.seconds:g} s per endpoint against {args.base}")
    for r in results:
        refs = [name for name in ("reference", f"reference-{r.endpoint}") if name in measured and name != r.endpoint]
        ratios = ", ".join(f"{r.rps / measured[name].rps:.0%} of {name}" for name in refs if r.endpoint in measured)
        print(_line(r) + (f"  ({ratios})" if ratios else ""))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"clients": args.clients, "seconds": args.seconds, "results": [r.as_json() for r in results]}, f)
    return 1 if any(r.error_count for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
