"""The one page of ``routecheck serve``: HTML, CSS and JavaScript inline (no CDN, nothing from the internet)."""

from __future__ import annotations

from html import escape

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>routecheck</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:1em auto;
padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.15em;margin-top:1.4em}
form{background:#f6f6f4;padding:.8em 1em;border-radius:6px;margin:.5em 0}
label{display:inline-block;margin:.2em 1em .2em 0} input[type=text]{width:14em;padding:.25em}
textarea{width:100%;height:9em;font:inherit} button{padding:.35em 1em;font-weight:bold}
#error{color:#b2182b;font-weight:bold;white-space:pre-wrap} #map{max-width:100%;border:1px solid #ccc;display:none}
pre{background:#f6f6f4;padding:.6em;white-space:pre-wrap} .downloads a{margin-right:1em}
.busy{opacity:.5}
</style></head>
<body>
<h1>routecheck</h1>
<p>Check a distance or a travel time quoted in reporting against the real geography of rail, sea, air and road.
Everything runs on this computer, offline. Version __VERSION__.</p>

<h2>A claim</h2>
<form id="claim-form">
<label>From <input type="text" name="origin" id="origin" placeholder="Vladivostok"></label>
<label>To <input type="text" name="destination" id="destination" placeholder="Kursk"></label>
<label>Claim <input type="text" name="claim" id="claim" placeholder="nearly 6,400 km"></label>
<label>Mode <select name="mode" id="mode">__MODES__</select></label>
<button type="submit" id="check">Check</button>
</form>

<h2>An article</h2>
<form id="article-form">
<textarea name="text" id="article" placeholder="Paste the article's text here"></textarea>
<button type="submit" id="check-article">Check the article</button>
</form>

<h2>A spreadsheet of claims</h2>
<form id="batch-form">
<input type="file" name="file" id="batch-file" accept=".csv,text/csv">
<button type="submit" id="check-batch">Check every row</button>
<span>(CSV columns: origin, destination, claim; optional mode, vehicle, via, id)</span>
</form>

<div id="error" role="alert"></div>
<div id="result"></div>
<p class="downloads" id="downloads"></p>
<img id="map" alt="map of the check">
<h2 id="md-head" style="display:none">Markdown for the draft</h2>
<pre id="markdown"></pre>

<script>
"use strict";
const $ = (id) => document.getElementById(id);
const FORMATS = [["md", "Markdown"], ["png", "map PNG"], ["svg", "map SVG"], ["html", "interactive map"],
                 ["geojson", "GeoJSON"], ["csv", "CSV"], ["json", "JSON"]];

function clear() {
  $("error").textContent = ""; $("result").innerHTML = ""; $("downloads").innerHTML = "";
  $("markdown").textContent = ""; $("md-head").style.display = "none";
  $("map").style.display = "none"; $("map").removeAttribute("src");
}

function show(data) {
  $("result").innerHTML = data.html;
  $("markdown").textContent = data.markdown; $("md-head").style.display = "block";
}

async function post(url, body, button) {
  clear(); button.disabled = true; document.body.classList.add("busy");
  try {
    const res = await fetch(url, {method: "POST", body: body});
    const type = res.headers.get("Content-Type") || "";
    if (type.startsWith("application/json")) {
      const data = await res.json();
      if (!data.ok) { $("error").textContent = data.error; return null; }
      return data;
    }
    if (!res.ok) { $("error").textContent = "routecheck: the server answered " + res.status; return null; }
    return res;
  } catch (err) {
    $("error").textContent = "routecheck: cannot reach the local server (" + err + ")"; return null;
  } finally { button.disabled = false; document.body.classList.remove("busy"); }
}

$("claim-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const data = await post("/check", new FormData($("claim-form")), $("check"));
  if (!data) return;
  show(data);
  $("downloads").innerHTML = "Download: " + FORMATS.map(([f, label]) =>
    `<a id="dl-${f}" href="/download/${f}?${data.query}">${label}</a>`).join("");
  $("map").src = "/download/svg?inline=1&" + data.query;
  $("map").style.display = "block";
});

$("article-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const data = await post("/article", new FormData($("article-form")), $("check-article"));
  if (data) show(data);
});

$("batch-form").addEventListener("submit", async (ev) => {
  ev.preventDefault();
  const res = await post("/batch", new FormData($("batch-form")), $("check-batch"));
  if (!res) return;
  const url = URL.createObjectURL(await res.blob());
  $("downloads").innerHTML = `<a id="dl-batch" href="${url}" download="routecheck-results.csv">` +
    "routecheck-results.csv</a> (every row, in order, with its verdict or its error)";
  $("dl-batch").click();
});
</script>
</body></html>
"""


def page(template: str, modes: list[str], version: str) -> str:
    """The page with the mode choices and the version filled in."""
    options = "".join(f'<option value="{escape(m)}">{escape(m)}</option>' for m in modes)
    return template.replace("__MODES__", options).replace("__VERSION__", escape(version))
