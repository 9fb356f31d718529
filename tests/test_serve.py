"""``routecheck serve``: the page's endpoints (Flask test client) and the page in headless Chromium."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pytest_socket import enable_socket, socket_allow_hosts

from tests.conftest import REPO

SEED = {"origin": "Vladivostok", "destination": "Kursk", "claim": "nearly 6,400 km", "mode": "any"}


@pytest.fixture(scope="module")
def client() -> Any:
    from routes.serve import create_app

    return create_app().test_client()


def test_page_has_no_external_assets(client: Any) -> None:
    res = client.get("/")
    assert res.status_code == 200
    page = res.get_data(as_text=True)
    assert '<form id="claim-form">' in page and '<option value="rail">' in page
    for outside in ("http://", "https://", "//cdn", "<link", "src=\"http"):
        assert outside not in page, outside


def test_check_the_seed_claim(client: Any) -> None:
    res = client.post("/check", data=SEED)
    data = res.get_json()
    assert res.status_code == 200 and data["ok"] and data["verdict"] == "inconsistent"
    assert "geodesic 6,752 km" in data["html"] and "How far off: 5.2%" in data["markdown"]
    md = client.get(f"/download/md?{data['query']}")
    assert md.status_code == 200 and md.headers["Content-Disposition"].startswith("attachment")
    assert md.get_data(as_text=True) == data["markdown"] + "\n"
    geo = json.loads(client.get(f"/download/geojson?{data['query']}").get_data(as_text=True))
    assert geo["type"] == "FeatureCollection" and geo["features"]
    rows = list(csv.DictReader(io.StringIO(client.get(f"/download/csv?{data['query']}").get_data(as_text=True))))
    assert [r["verdict"] for r in rows] == ["inconsistent"]
    png = client.get(f"/download/png?{data['query']}")
    assert png.status_code == 200 and png.mimetype == "image/png" and png.data.startswith(b"\x89PNG")
    page = client.get(f"/download/html?{data['query']}&inline=1")
    assert page.status_code == 200 and b"Bokeh" in page.data and page.headers["Content-Disposition"] == "inline"


def test_bad_input_gives_the_cli_one_line_error(client: Any) -> None:
    res = client.post("/check", data={**SEED, "origin": "Xyzzyville"})
    err = res.get_json()["error"]
    assert res.status_code == 400 and err.startswith("routecheck: ") and "\n" not in err
    cli = subprocess.run([sys.executable, "-m", "routes.cli", "verify", "Xyzzyville", "Kursk", "--claim",
                          "nearly 6,400 km"], capture_output=True, text=True, cwd=REPO, check=False)
    assert cli.returncode == 2 and cli.stderr.strip() == err
    assert client.post("/check", data={**SEED, "claim": "blah"}).status_code == 400
    assert client.post("/check", data={"origin": "", "destination": "Kursk"}).status_code == 400
    assert client.post("/article", data={"text": " "}).status_code == 400
    assert client.get("/download/exe?origin=Moscow&destination=Kazan").status_code == 400


def test_article_and_batch_upload(client: Any) -> None:
    res = client.post("/article", data={"text": "The convoy left Moscow by rail and reached Kazan after about 800 km."})
    assert res.status_code == 200 and "about 800 km" in res.get_json()["html"]
    body = "id,origin,destination,claim,mode\na,Moscow,Kazan,about 800 km,rail\nb,Xyzzyville,Kursk,500 km,\n"
    res = client.post("/batch", data={"file": (io.BytesIO(body.encode()), "claims.csv")},
                      content_type="multipart/form-data")
    rows = list(csv.DictReader(io.StringIO(res.get_data(as_text=True))))
    assert res.status_code == 200 and [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["verdict"] == "consistent" and rows[1]["verdict"] == "error" and rows[1]["error"]


# ---- the page in a real browser -------------------------------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server() -> Iterator[str]:
    enable_socket()  # the conftest's block, narrowed to loopback: the page and chromedriver, nothing else
    socket_allow_hosts(["127.0.0.1"], allow_unix_socket=True)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "routes.cli", "serve", "--port", str(port), "--quiet"],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ})
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            proc.terminate()
            pytest.fail(f"routecheck serve did not start within 20 s: {proc.communicate(timeout=10)[0][-500:]}")
        yield f"http://127.0.0.1:{port}/"
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # also closes the pipe


def _browser() -> Any:
    if not (CHROMIUM and DRIVER):
        pytest.skip("no headless browser: install Debian's chromium and chromium-driver (apt-get install -y "
                    "chromium chromium-driver) to run the page test")
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.skip("selenium is not installed (pip install -e '.[test]')")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--no-first-run", "--window-size=1200,1600"):
        opts.add_argument(arg)
    try:
        return webdriver.Chrome(service=Service(DRIVER), options=opts)
    except Exception as exc:  # a browser that cannot start here (no display libraries, sandbox): say why
        pytest.skip(f"headless Chromium could not start: {type(exc).__name__}: {str(exc).splitlines()[0]}")


def test_page_in_headless_chromium(server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver = _browser()
    try:
        driver.get(server)
        for field, value in SEED.items():
            if field != "mode":
                driver.find_element(By.ID, field).send_keys(value)
        driver.find_element(By.ID, "check").click()
        wait = WebDriverWait(driver, 25)
        wait.until(ec.text_to_be_present_in_element((By.ID, "result"), "INCONSISTENT"))
        assert "6,752 km" in driver.find_element(By.ID, "result").text
        wait.until(lambda d: d.execute_script("const m = document.getElementById('map');"
                                              "return m.complete && m.naturalWidth > 0;"))
        links = {a.get_attribute("id") for a in driver.find_elements(By.CSS_SELECTOR, "#downloads a")}
        assert {"dl-md", "dl-png", "dl-svg", "dl-html", "dl-geojson", "dl-csv"} <= links
        driver.find_element(By.ID, "origin").clear()
        driver.find_element(By.ID, "origin").send_keys("Xyzzyville")
        driver.find_element(By.ID, "check").click()
        wait.until(ec.text_to_be_present_in_element((By.ID, "error"), "routecheck: "))
        assert driver.find_element(By.ID, "result").text == ""
    finally:
        driver.quit()
