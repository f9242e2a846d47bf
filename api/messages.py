"""The API's edge of the after-commit messaging: what a request's domain calls committed and asked
to send goes to the relay once the request is done."""

from starlette.types import ASGIApp, Receive, Scope, Send

from domain.messaging import collect_messages
from workers.relay import MessageRelay

# `api.main` closes it when the process shuts down.
relay = MessageRelay()


# Requests that change nothing ask for nothing to be sent: they skip the buffer.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class SendCommittedMessages:
    """Pure ASGI middleware (no per-request task or body buffering, unlike BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in SAFE_METHODS:
            await self.app(scope, receive, send)
            return
        with collect_messages() as messages:
            try:
                await self.app(scope, receive, send)
            finally:
                if messages:
                    relay.send(messages)
