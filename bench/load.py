"""A load generator process: keep-alive HTTP/1.1 connections sending one request over and over.

    python -m bench.load --url http://127.0.0.1:8000/users/1 --connections 32 --duration 10

Each connection sends its next request as soon as the previous answer is read. The client is raw
asyncio on uvloop (no HTTP library), so that it costs far less CPU per request than the server it
measures; it reports its own CPU time so a run can show it was not the bottleneck. Responses that
complete during the warm-up are not counted. Prints one JSON line.
"""

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import uvloop


@dataclass
class Tally:
    ok: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    first_error: str = ""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default="", help="JSON body to send")
    parser.add_argument("--header", action="append", default=[], help="'Name: value'")
    parser.add_argument("--expect", type=int, default=200, help="the status that counts as ok")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds not counted")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds counted")
    return parser.parse_args(argv)


def encode_request(
    method: str, url: str, *, body: str = "", headers: Sequence[str] = ()
) -> tuple[str, int, bytes]:
    """(host, port, the raw HTTP/1.1 request) for sending `method url` over and over."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", *headers]
    raw_body = body.encode()
    if raw_body:
        lines += ["Content-Type: application/json", f"Content-Length: {len(raw_body)}"]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode() + raw_body
    return parts.hostname or "127.0.0.1", parts.port or 80, raw


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)


class Connection:
    """One keep-alive HTTP/1.1 connection that sends a request and reads its answer."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._reader, self._writer = reader, writer

    @classmethod
    async def open(cls, host: str, port: int) -> "Connection":
        return cls(*await asyncio.open_connection(host, port))

    async def send(self, request: bytes) -> tuple[int, bytes]:
        self._writer.write(request)
        return await read_response(self._reader)

    def close(self) -> None:
        self._writer.close()


async def keep_sending(
    host: str, port: int, request: bytes, expect: int, window: tuple[float, float], tally: Tally
) -> None:
    loop = asyncio.get_running_loop()
    start, end = window
    connection = await Connection.open(host, port)
    try:
        while (sent_at := loop.time()) < end:
            status, body = await connection.send(request)
            done_at = loop.time()
            if not start <= done_at < end:
                continue
            if status == expect:
                tally.ok += 1
                tally.latencies_ms.append((done_at - sent_at) * 1000)
            else:
                tally.errors += 1
                tally.first_error = tally.first_error or f"{status} {body[:300]!r}"
    finally:
        connection.close()


async def run(args: argparse.Namespace) -> dict[str, object]:
    host, port, request = encode_request(args.method, args.url, body=args.body, headers=args.header)
    loop = asyncio.get_running_loop()
    start = loop.time() + args.warmup
    window = (start, start + args.duration)
    tally = Tally()
    cpu_before = time.process_time()
    await asyncio.gather(
        *(
            keep_sending(host, port, request, args.expect, window, tally)
            for _ in range(args.connections)
        )
    )
    cpu_s = time.process_time() - cpu_before
    cuts = statistics.quantiles(tally.latencies_ms, n=100) if len(tally.latencies_ms) > 1 else []
    return {
        "ok": tally.ok,
        "errors": tally.errors,
        "first_error": tally.first_error,
        "seconds": args.duration,
        "cpu_s": round(cpu_s, 3),  # over warm-up and window both
        "busy_s": args.warmup + args.duration,
        "p50_ms": round(cuts[49], 2) if cuts else None,
        "p99_ms": round(cuts[98], 2) if cuts else None,
    }


def main(argv: Sequence[str] | None = None) -> None:
    print(json.dumps(uvloop.run(run(parse_args(argv)))))


if __name__ == "__main__":
    main()
