"""Which webhook URLs PulseTrack may call: nothing private unless the operator allows it."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from domain.errors import FieldError, InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class UnsafeWebhookUrl(InvalidInput):
    code = "unsafe_webhook_url"
    title = "The webhook URL is not allowed"


def _is_allow_listed(host: str, addresses: list[IPAddress], allowed_hosts: list[str]) -> bool:
    for entry in allowed_hosts:
        if entry.lower() == host.lower():
            return True
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            continue
        if all(address in network for address in addresses):
            return True
    return False


async def _resolve(host: str, port: int) -> list[IPAddress]:
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(info[4][0]) for info in infos]


async def check_webhook_url(url: str, *, allowed_hosts: list[str]) -> None:
    """Refuse URLs that resolve to private, loopback, link-local or reserved addresses."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise _refused(url, "must be an absolute http or https URL")
    try:
        addresses = await _resolve(host, parts.port or (443 if parts.scheme == "https" else 80))
    except (OSError, UnicodeError):
        raise _refused(url, f"host {host!r} does not resolve") from None
    if _is_allow_listed(host, addresses, allowed_hosts):
        return
    private = [str(address) for address in addresses if not address.is_global]
    if private:
        raise _refused(
            url,
            f"host {host!r} resolves to a non-public address ({', '.join(private)}); "
            "add it to PULSETRACK_WEBHOOK_ALLOWED_HOSTS to allow it",
        )


def _refused(url: str, reason: str) -> UnsafeWebhookUrl:
    return UnsafeWebhookUrl(
        f"webhook URL {url!r} refused: {reason}", errors=[FieldError("webhook_url", reason)]
    )
