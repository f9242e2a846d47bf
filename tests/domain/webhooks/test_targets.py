"""Which webhook URLs may be called: public addresses, or private ones the operator allows.

IP literals and `localhost` only: they resolve without DNS, and these tests have no internet.
"""

import pytest

from domain.webhooks.targets import UnsafeWebhookUrl, check_webhook_url

PUBLIC = "http://93.184.216.34/hook"


async def refusal(url: str, *, allowed_hosts: list[str] | None = None) -> UnsafeWebhookUrl:
    with pytest.raises(UnsafeWebhookUrl) as refused:
        await check_webhook_url(url, allowed_hosts=allowed_hosts or [])
    assert [error.field for error in refused.value.errors] == ["webhook_url"]
    assert refused.value.status == 422
    return refused.value


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("http://127.0.0.1/hook", id="loopback"),
        pytest.param("http://localhost:8080/hook", id="localhost"),
        pytest.param("http://[::1]/hook", id="ipv6-loopback"),
        pytest.param("http://10.1.2.3/hook", id="private-10"),
        pytest.param("http://172.16.0.9/hook", id="private-172"),
        pytest.param("https://192.168.1.20/hook", id="private-192"),
        pytest.param("http://169.254.169.254/latest/meta-data/", id="link-local-metadata"),
        pytest.param("http://[fe80::1]/hook", id="ipv6-link-local"),
        pytest.param("http://[fd00::7]/hook", id="ipv6-unique-local"),
        pytest.param("http://[::ffff:10.0.0.1]/hook", id="ipv4-mapped-private"),
        pytest.param("http://0.0.0.0/hook", id="unspecified"),
        pytest.param("http://100.64.0.1/hook", id="carrier-grade-nat"),
    ],
)
async def test_non_public_addresses_are_refused(url: str) -> None:
    refused = await refusal(url)

    assert "non-public address" in refused.errors[0].message
    assert "PULSETRACK_WEBHOOK_ALLOWED_HOSTS" in refused.errors[0].message


async def test_public_addresses_are_allowed() -> None:
    await check_webhook_url(PUBLIC, allowed_hosts=[])
    await check_webhook_url("https://[2606:4700:4700::1111]/hook", allowed_hosts=[])


@pytest.mark.parametrize(
    ("url", "allowed_hosts"),
    [
        pytest.param("http://10.1.2.3/hook", ["10.1.2.3"], id="by-address"),
        pytest.param("http://localhost:8080/hook", ["LocalHost"], id="by-name-any-case"),
        pytest.param("http://10.1.2.3/hook", ["10.0.0.0/8"], id="by-cidr"),
        pytest.param("http://[fd00::7]/hook", ["fd00::/8"], id="by-ipv6-cidr"),
        pytest.param("http://192.168.1.20/hook", ["not a network", "192.168.1.0/24"], id="any"),
    ],
)
async def test_allow_listed_private_addresses_are_allowed(
    url: str, allowed_hosts: list[str]
) -> None:
    await check_webhook_url(url, allowed_hosts=allowed_hosts)


@pytest.mark.parametrize(
    ("url", "allowed_hosts"),
    [
        pytest.param("http://192.168.1.20/hook", ["10.0.0.0/8"], id="outside-the-cidr"),
        pytest.param("http://10.1.2.4/hook", ["10.1.2.3"], id="another-address"),
        pytest.param("http://127.0.0.1/hook", ["localhost"], id="address-of-an-allowed-name"),
    ],
)
async def test_an_allow_list_allows_only_what_it_names(url: str, allowed_hosts: list[str]) -> None:
    await refusal(url, allowed_hosts=allowed_hosts)


@pytest.mark.parametrize(
    "url",
    [
        "ftp://93.184.216.34/hook",
        "file:///etc/passwd",
        "gopher://93.184.216.34/",
        "//93.184.216.34/hook",
        "http:///hook",
    ],
)
async def test_only_absolute_http_urls_are_allowed(url: str) -> None:
    refused = await refusal(url, allowed_hosts=["0.0.0.0/0"])

    assert refused.errors[0].message == "must be an absolute http or https URL"


async def test_a_host_that_cannot_resolve_is_refused() -> None:
    # An empty label fails in the resolver's name encoding, before any DNS query is sent.
    refused = await refusal("http://bad..host/hook")

    assert "does not resolve" in refused.errors[0].message
