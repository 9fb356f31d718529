"""``routecheck serve``: a local page (Flask, 127.0.0.1 only) to check a claim, an article or a CSV of claims.

Every asset is served from this package: no CDN, no internet tiles. Bad input gets the CLI's one-line error.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from flask import Flask, Response

    from routes.contract import Report

HOST = "127.0.0.1"
MAX_UPLOAD = 5 * 1024 * 1024  # a claims CSV of a few thousand rows
MAX_ARTICLE = 200_000  # characters
MODES_ANY = "any"
DOWNLOADS = {  # format: (file suffix, MIME type)
    "md": (".md", "text/markdown; charset=utf-8"),
    "png": (".png", "image/png"),
    "svg": (".svg", "image/svg+xml"),
    "html": (".html", "text/html; charset=utf-8"),  # the interactive map (routes.mapinteractive)
    "geojson": (".geojson", "application/geo+json"),
    "csv": (".csv", "text/csv; charset=utf-8"),
    "json": (".json", "application/json"),
}


def _key(args: Any) -> tuple[str, str, str, str]:
    """The claim a request asks about: origin, destination, claim text, mode (all stripped)."""
    from routes.errors import RouteCheckError

    origin, dest = (args.get("origin") or "").strip(), (args.get("destination") or "").strip()
    if not origin or not dest:
        raise RouteCheckError("give an origin and a destination (place names, 'Name, CC' or 'lat,lon')")
    mode = (args.get("mode") or MODES_ANY).strip() or MODES_ANY
    return origin, dest, (args.get("claim") or "").strip(), mode


@lru_cache(maxsize=64)
def _report(origin: str, dest: str, claim: str, mode: str) -> Report:
    from routes import modes
    from routes.errors import RouteCheckError
    from routes.verify import verify

    if mode != MODES_ANY and mode not in modes.names():
        raise RouteCheckError(f"unknown mode {mode!r}", suggestions=[MODES_ANY, *modes.names()])
    return verify(origin, dest, claim or None, mode=mode)


@lru_cache(maxsize=32)
def _map_bytes(origin: str, dest: str, claim: str, mode: str, suffix: str) -> bytes:
    from routes import maps

    report = _report(origin, dest, claim, mode)
    with tempfile.TemporaryDirectory() as tmp:
        path = maps.verify_map(report, Path(tmp) / f"map{suffix}")
        return path.read_bytes()


def _claim_csv(key: tuple[str, str, str, str]) -> str:
    """The batch CSV row of one claim (the same columns as ``routecheck batch``)."""
    from routes.batchfile import run

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "claim.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["origin", "destination", "claim", "mode"])
            w.writerow([key[0], key[1], key[2], "" if key[3] == MODES_ANY else key[3]])
        buf = io.StringIO()
        run(path, buf)
        return buf.getvalue()


def _download(fmt: str, key: tuple[str, str, str, str]) -> bytes:
    """The bytes of one download of a claim's check."""
    from routes.contract import dumps
    from routes.errors import RouteCheckError

    if fmt not in DOWNLOADS:
        raise RouteCheckError(f"unknown download {fmt!r}", suggestions=sorted(DOWNLOADS))
    if fmt in ("png", "svg", "html"):
        return _map_bytes(*key, DOWNLOADS[fmt][0])
    if fmt == "csv":
        return _claim_csv(key).encode("utf-8")
    report = _report(*key)
    if fmt == "geojson":
        from routes.geojson import verify_geojson

        return (dumps(verify_geojson(report)) + "\n").encode("utf-8")
    if fmt == "json":
        return (dumps(report.to_json()) + "\n").encode("utf-8")
    from routes.textreport import verify_markdown

    return (verify_markdown(report.to_json()) + "\n").encode("utf-8")


def create_app() -> Flask:
    """The Flask application (exposed for tests: ``create_app().test_client()``)."""
    from urllib.parse import urlencode

    from flask import Flask, Response, jsonify, request

    from routes.display import article_html, verify_html
    from routes.errors import RouteCheckError
    from routes.webpage import PAGE, page

    app = Flask("routecheck")
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD

    def guarded(fn: Callable[..., Response]) -> Callable[..., Any]:
        def run(**kwargs: str) -> Any:
            try:
                return fn(**kwargs)
            except RouteCheckError as exc:
                return jsonify({"ok": False, "error": f"routecheck: {exc.one_line()}"}), 400
        run.__name__ = fn.__name__
        return run

    @app.get("/")
    def index() -> Response:
        from routes import __version__, modes

        return Response(page(PAGE, [MODES_ANY, *modes.names()], __version__), mimetype="text/html")

    @app.post("/check")
    @guarded
    def check() -> Response:
        key = _key(request.form)
        data = _report(*key).to_json()
        from routes.textreport import verify_markdown

        query = urlencode(dict(zip(("origin", "destination", "claim", "mode"), key, strict=True)))
        return jsonify({"ok": True, "verdict": data["verdict"], "html": verify_html(data),
                        "markdown": verify_markdown(data), "query": query})

    @app.post("/article")
    @guarded
    def article() -> Response:
        from routes.article import analyse
        from routes.textreport import article_markdown

        text = request.form.get("text") or ""
        if not text.strip():
            raise RouteCheckError("paste the article's text (plain text or Markdown)")
        if len(text) > MAX_ARTICLE:
            raise RouteCheckError(f"the text has {len(text):,} characters; paste at most {MAX_ARTICLE:,}")
        data = analyse(text).to_json()
        if not data["claims"]:
            raise RouteCheckError("no checkable route claims found (a figure with a unit, e.g. 'about 800 km')")
        return jsonify({"ok": True, "html": article_html(data), "markdown": article_markdown(data)})

    @app.get("/download/<fmt>")
    @guarded
    def download(fmt: str) -> Response:
        key = _key(request.args)
        body = _download(fmt, key)
        suffix, mime = DOWNLOADS[fmt]
        name = "routecheck-" + "-".join("".join(ch for ch in k if ch.isalnum()) for k in key[:2]) + suffix
        inline = request.args.get("inline") == "1"
        disposition = "inline" if inline else f'attachment; filename="{name}"'
        return Response(body, mimetype=mime.split(";")[0], headers={"Content-Disposition": disposition,
                                                                    "Content-Type": mime})

    @app.post("/batch")
    @guarded
    def batch() -> Response:
        from routes.batchfile import run

        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise RouteCheckError("choose a claims CSV (columns origin, destination, claim; mode, vehicle, via, id)")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "claims.csv"
            upload.save(path)
            buf = io.StringIO()
            run(path, buf)
        return Response(buf.getvalue(), mimetype="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="routecheck-results.csv"'})

    @app.errorhandler(413)
    def too_large(_: Any) -> Any:
        return jsonify({"ok": False, "error": f"routecheck: the upload is larger than {MAX_UPLOAD // 2**20} MiB"}), 413

    return app


def serve(port: int = 8765, quiet: bool = False) -> None:
    """Serve the page on http://127.0.0.1:PORT until interrupted."""
    import logging

    from werkzeug.serving import run_simple

    if quiet:
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
    print(f"routecheck: serving on http://{HOST}:{port}/ (Ctrl-C stops)", flush=True)
    run_simple(HOST, port, create_app(), threaded=True, use_reloader=False, use_debugger=False)
