"""A stand-in for OpenAI-compatible and Gemini endpoints: real HTTP on 127.0.0.1, speaking both
wire formats, with scripted replies (429 with Retry-After, 5xx, timeouts, malformed or
schema-violating JSON, refusals) and an optional rate limit it enforces like a real provider.

`POST /v1/chat/completions` answers as OpenAI; `POST /v1beta/models/{model}:generateContent` as
Gemini. Each request takes the next scripted `Reply`, or `default` when the script is empty; a
request whose text contains a marker given to `when` always gets that marker's reply.
Run it as a process with `python -m tests.fake_llm_server --port P --rpm 60 --latency-ms 300`.
"""

import argparse
import json
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pulsetrack.embedded import free_port

VALID_MEAL = {
    "meal_type": "lunch",
    "meal_time": "12:30",
    "items": [{"food": "apple", "quantity": 1, "unit": None, "calories": 95}],
    "total_calories": 95,
}


@dataclass
class Reply:
    status: int = 200
    content: str | None = field(default_factory=lambda: json.dumps(VALID_MEAL))
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    refusal: str | None = None
    body: str | None = None  # a raw body, instead of a completion (errors)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    at: float


class FakeLLMServer:
    def __init__(
        self,
        *,
        default: Reply | None = None,
        requests_per_minute: int = 0,
        latency_s: float = 0.0,
    ) -> None:
        self.script: deque[Reply] = deque()
        self.rules: dict[str, Reply] = {}
        self.default = default or Reply()
        self.requests: list[Seen] = []
        self.requests_per_minute = requests_per_minute
        self.latency_s = latency_s
        self.http_429 = 0
        self._sent: deque[float] = deque()
        self._lock = threading.Lock()
        self.port = free_port()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def openai_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def gemini_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1beta"

    def start(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def then(self, *replies: Reply) -> "FakeLLMServer":
        self.script.extend(replies)
        return self

    def when(self, marker: str, reply: Reply) -> "FakeLLMServer":
        """Answer every request whose conversation contains `marker` with `reply`, whatever the
        order of requests (parts run at once)."""
        self.rules[marker] = reply
        return self

    def _next(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if self.requests_per_minute and self._over_limit():
                self.http_429 += 1
                return Reply(status=429, headers={"Retry-After": "1"}, body='{"error": "rate"}')
            text = _conversation(body)
            for marker, reply in self.rules.items():
                if marker in text:
                    return reply
            return self.script.popleft() if self.script else self.default

    def _over_limit(self) -> bool:
        # A sliding minute, as real providers count: one request more than the limit is a 429.
        now = time.monotonic()
        while self._sent and self._sent[0] <= now - 60:
            self._sent.popleft()
        if len(self._sent) >= self.requests_per_minute:
            return True
        self._sent.append(now)
        return False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                headers = {k.lower(): v for k, v in self.headers.items()}
                fake.requests.append(Seen(self.path, headers, body, time.time()))
                reply = fake._next(body)
                time.sleep(reply.delay_s + fake.latency_s)
                payload = reply.body if reply.body is not None else fake._payload(self.path, reply)
                try:
                    self.send_response(reply.status)
                    self.send_header("content-type", "application/json")
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("content-length", str(len(payload.encode())))
                    self.end_headers()
                    self.wfile.write(payload.encode())
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out first

        return Handler

    def _payload(self, path: str, reply: Reply) -> str:
        if ":generateContent" in path:
            return json.dumps(gemini_answer(reply))
        return json.dumps(openai_answer(reply))


def _conversation(body: dict[str, Any]) -> str:
    """Every message's text, in either wire format (a re-ask repeats the text it is about)."""
    if messages := body.get("messages"):
        return " ".join(str(message.get("content", "")) for message in messages)
    parts = [part for content in body.get("contents", []) for part in content.get("parts", [])]
    return " ".join(str(part.get("text", "")) for part in parts)


def openai_answer(reply: Reply) -> dict[str, Any]:
    message = {"role": "assistant", "content": reply.content, "refusal": reply.refusal}
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "model": "fake-gpt",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 321, "completion_tokens": 45, "total_tokens": 366},
    }


def gemini_answer(reply: Reply) -> dict[str, Any]:
    usage = {"promptTokenCount": 300, "candidatesTokenCount": 40, "totalTokenCount": 340}
    if reply.refusal:
        return {"candidates": [{"finishReason": "SAFETY"}], "usageMetadata": usage}
    parts = [{"text": reply.content or ""}]
    return {
        "candidates": [{"content": {"role": "model", "parts": parts}, "finishReason": "STOP"}],
        "usageMetadata": usage,
        "modelVersion": "fake-gemini",
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rpm", type=int, default=0)
    parser.add_argument("--latency-ms", type=float, default=0)
    args = parser.parse_args()
    server = FakeLLMServer(requests_per_minute=args.rpm, latency_s=args.latency_ms / 1000)
    server.start()
    print(f"port {server.port}", flush=True)
    try:
        while True:
            time.sleep(5)
            print(f"requests {len(server.requests)} http_429 {server.http_429}", flush=True)
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
