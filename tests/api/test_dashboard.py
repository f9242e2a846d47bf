"""The dashboard's build served by the API at /dashboard (in process, on a build made here)."""

from pathlib import Path

import httpx
import pytest

from pulsetrack.settings import Settings
from tests.api.support import assert_problem

INDEX = '<!doctype html><div id="root"></div><script src="/dashboard/assets/app-1a2b.js"></script>'


@pytest.fixture
def build(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small stand-in for `dashboard/dist`, served in place of the real one."""
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(INDEX)
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log('dashboard')")
    (tmp_path.parent / "secret.txt").write_text("not for the browser")
    monkeypatch.setattr(settings, "dashboard_dir", tmp_path)
    return tmp_path


async def test_the_app_is_served_with_its_assets_cached_and_its_page_always_checked(
    client: httpx.AsyncClient, build: Path
) -> None:
    page = await client.get("/dashboard/")
    asset = await client.get("/dashboard/assets/app-1a2b.js")
    bare = await client.get("/dashboard")

    assert page.status_code == 200
    assert page.text == INDEX
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["cache-control"] == "no-cache"
    assert asset.status_code == 200
    assert asset.headers["content-type"].startswith("text/javascript")
    assert "immutable" in asset.headers["cache-control"]
    assert (bare.status_code, bare.headers["location"]) == (307, "/dashboard/")


async def test_a_page_path_gets_the_app_and_a_missing_asset_a_404(
    client: httpx.AsyncClient, build: Path
) -> None:
    page = await client.get("/dashboard/jobs/3f1c")
    missing = await client.get("/dashboard/assets/gone-9z.js")

    assert page.text == INDEX
    assert_problem(missing, 404, "dashboard_file_not_found")


@pytest.mark.parametrize(
    "path", ["/dashboard/..%2Fsecret.txt", "/dashboard/assets/..%2F..%2Fsecret.txt"]
)
async def test_no_path_leaves_the_build(client: httpx.AsyncClient, build: Path, path: str) -> None:
    response = await client.get(path)

    assert_problem(response, 404, "dashboard_file_not_found")
    assert "not for the browser" not in response.text


async def test_without_a_build_the_answer_says_how_to_make_one(
    client: httpx.AsyncClient, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "dashboard_dir", tmp_path / "dist")

    problem = assert_problem(await client.get("/dashboard/"), 503, "dashboard_not_built")

    assert "make run" in problem["detail"]


async def test_its_config_names_flower_for_a_key_holder_only(
    client: httpx.AsyncClient, auth: dict[str, str], settings: Settings
) -> None:
    anonymous = await client.get("/dashboard/config.json")
    config = await client.get("/dashboard/config.json", headers=auth)

    assert_problem(anonymous, 401, "unauthorized")
    assert config.json() == {"flower_url": f"http://pulsetrack.test:{settings.flower_port}"}
