"""Browser tests: the real app served by uvicorn on loopback, driven by Playwright in Debian's
Chromium (``/usr/bin/chromium``; never a downloaded browser). Screenshots go to
``test-artifacts/browser/``. Without Chromium or Playwright the tests skip and say which."""

from __future__ import annotations

import importlib.util
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from runstrong.settings import Settings
from runstrong.store import Store, open_store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
#: Flags that keep Chromium from reaching out to the network (this machine's network is closed).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def _missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "browser tests skipped: Playwright is not installed (pip install -e '.[test]')"
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        return (
            "browser tests skipped: Debian's Chromium is missing at /usr/bin/chromium "
            "(apt-get install chromium; .ci/run installs it)"
        )
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """uvicorn serving the app in a thread of this process, on a real loopback socket."""

    def __init__(self, store: Store) -> None:
        import uvicorn

        from runstrong.web import create_app

        self.port = _free_port()
        app = create_app(Settings(database_url=store.url), store=store)
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start within 15 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("browser")
    store = open_store(f"sqlite:///{folder / 'runstrong.db'}")
    yield store
    store.dispose()


@pytest.fixture(scope="module")
def live_server(browser_store: Store) -> Iterator[LiveServer]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    with LiveServer(browser_store) as server:
        yield server


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    reason = _missing()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        try:
            yield browser
        finally:
            browser.close()


def screenshot(page, name: str) -> Path:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
