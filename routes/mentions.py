"""Sentences -> place mentions: a dictionary matcher over every gazetteer name, then a choice of reading.

Second stage of article reading (README, "Article mode"). Every word sequence of up to ``MAX_WORDS`` words that
starts with a capital letter is looked up among the gazetteer's names and aliases (Latin, Cyrillic, Hangul);
the longest match wins. Russian case endings are undone cheaply ("Москве" -> "Москва"). Then:

* a match glued to another capitalised word ("Lloyd Austin", "New York Times") is part of a longer proper
  name, not a place, unless that word is a title, a country, a demonym or a feature word ("Kursk Oblast");
* an IATA/ICAO code counts only when written in capitals in a sentence about flying;
* a GeoNames alternate (historic, foreign) name counts only for a city of 100,000 or more;
* among the readings of a name, the choice goes by prominence, by the countries the text names, and by the
  kind its sentence asks for (a port for a ship, an air base for a flight). Curated sites are never dropped.

The gazetteer is read through its indexed SQLite file, one cached look-up per distinct word sequence, so the
work is linear in the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from routes import gazetteer
from routes.gazetteer import Record
from routes.places import Place, from_record, resolve
from routes.prose import Sentence
from routes.textnorm import fold

MAX_WORDS = 5
ALTERNATE_MIN_POP = 100_000  # an alternate (secondary) name counts only for a city at least this big
FOREIGN_MIN_POP = 100_000  # a town outside every country the text names must be at least this big
UNPLACED_MIN_POP = 50_000  # with no country named anywhere in the text, a town must be at least this big
SAME_SPOT_KM = 2.0  # two differently named readings this close are one spot
SAME_ENTITY_KM = 12.0  # two readings this close are one place (a city and its port: Vladivostok 2 km, Engels 6 km)
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_JOIN_GAP = re.compile(r"^[ \-‐‑'’.]*$")  # what may separate the words of one name ("St. Petersburg", "Rostov-on-Don")
_DASH_GAP = re.compile(r"^\s*[‐‑–—/]\s*$|^-$")
STOP = {"the", "a", "an", "from", "to", "in", "on", "at", "after", "before", "by", "for", "of", "with", "this",
        "that", "these", "those", "it", "its", "they", "their", "he", "she", "we", "our", "his", "her", "some",
        "about", "nearly", "more", "less", "over", "under", "and", "but", "or", "while", "when", "then", "once",
        "according", "later", "earlier", "meanwhile", "also", "both", "each", "all", "most", "many", "several",
        "officials", "analysts", "troops", "soldiers", "units", "ships", "trains", "drones", "missiles", "if",
        "as", "there", "here", "no", "not", "only", "one", "two", "three", "four", "five", "last", "next",
        "first", "second", "third", "new", "state", "defense", "defence", "ministry", "mr", "mrs", "ms", "dr",
        "between", "across", "along", "near", "outside", "inside", "during", "since", "until", "within", "among",
        "despite", "through", "via", "toward", "towards", "around", "beyond", "behind", "like", "unlike", "than",
        "because", "although", "though", "however", "yet", "so", "such", "what", "which", "who", "where", "why",
        "how", "every", "any", "none", "other", "another", "same", "satellite", "residents", "home",
        "в", "из", "до", "от", "на", "по", "с", "к", "и", "а", "но", "около", "почти", "более", "между"}
TITLES = {"president", "minister", "general", "governor", "mayor", "secretary", "colonel", "admiral", "captain",
          "commander", "chief", "spokesman", "spokeswoman", "analyst", "officer", "sergeant", "lieutenant",
          "prime", "deputy", "ambassador", "senator", "marshal", "major"}
FEATURES = {"oblast", "region", "krai", "kray", "province", "republic", "district", "area", "air", "base",
            "airbase", "airport", "airfield", "aerodrome", "port", "harbour", "harbor", "bay", "strait", "straits",
            "gulf", "sea", "river", "lake", "peninsula", "island", "islands", "station", "railway", "line",
            "bridge", "front", "naval", "military", "terminal", "junction", "crossing", "border", "область",
            "край", "республика", "район", "линия", "мост", "дорога", "трасса", "аэродром", "аэропорт", "порт",
            "станция", "вокзал"}
AVIATION = re.compile(r"\b(?:airports?|airfields?|air ?bases?|flights?|flew|flown|fly|flying|runways?|icao|iata|"
                      r"aircraft|jets?|planes?|airlift\w*|аэропорт\w*|аэродром\w*|рейс\w*)\b", re.IGNORECASE)
KIND_CUES = (  # the kind of place the words next to a name ask for ("the port of X", "X air base")
    (re.compile(r"\b(?:port|harbou?r|naval|docks?|docked|moored|berth\w*|terminal)\b", re.I), ("port", "naval_base")),
    (re.compile(r"\b(?:air ?bases?|airfields?|aerodromes?|bombers?|runways?)\b", re.I), ("airbase", "airport")),
)
# Russian case endings -> nominative endings to try ("Москве" -> "Москва", "Курской" -> "Курская")
_RU_ENDINGS = (("ского", "ский"), ("ской", "ская"), ("ском", "ский"), ("ого", "ый"), ("его", "ий"), ("ой", "ая"),
               ("ей", "ь"), ("ой", "а"), ("ей", "я"), ("ом", ""), ("ами", ""), ("ах", ""), ("ем", "ь"), ("ым", "ый"),
               ("ую", "ая"), ("е", "а"), ("е", ""), ("е", "ь"),
               ("у", ""), ("у", "а"), ("ы", "а"), ("и", "я"), ("и", "ь"), ("а", ""), ("я", "ь"), ("ю", "я"))


@dataclass
class Mention:
    """A place (or a country) named in the text, with how it was read."""

    text: str  # as written (or the coreference phrase, e.g. "the capital")
    place: Place | None  # None for a country
    country: str  # ISO2: the country of the place, or the country named
    kind: str  # the place's kind, or "country"
    sentence: int
    start: int  # character offsets in the sentence
    end: int
    why: str = "its name"
    role: str = "place"  # place | attribution | country; endpoints set origin/destination/via later
    entity: int = -1  # mentions of one place share an entity number
    readings: int = 1  # how many gazetteer readings the name had
    refers_to: str = ""  # for a coreference phrase, the mention it stands for

    def to_json(self) -> dict[str, object]:
        """The ``places`` entries of the article JSON."""
        out: dict[str, object] = {"text": self.text, "sentence": self.sentence, "kind": self.kind,
                                  "country": self.country, "role": self.role, "why": self.why,
                                  "readings": self.readings}
        if self.place is not None:
            out["name"] = self.place.name if self.place.is_set else self.place.label()
            out["lat"], out["lon"] = round(self.place.lat, 4), round(self.place.lon, 4)
        if self.refers_to:
            out["refers_to"] = self.refers_to
        return out


@dataclass
class _Span:
    start: int
    end: int
    key: str
    records: list[Record] = field(default_factory=list)


@lru_cache(maxsize=200_000)
def _lookup(key: str) -> tuple[Record, ...]:
    return tuple(gazetteer.lookup(key, secondary=True))


@lru_cache(maxsize=1)
def countries() -> dict[str, str]:
    """Folded country names and demonyms -> ISO2 ("russia", "russian", "north korean" -> RU, RU, KP)."""
    from routes.datafiles import read_table

    out = {fold(name): iso for iso, name, _cap in gazetteer.connection().execute("SELECT * FROM country")}
    for row in read_table("demonyms.csv"):
        out[fold(row["word"])] = row["country"]
    return out


_RU_FOLDED = tuple((fold(a), fold(b)) for a, b in _RU_ENDINGS)  # keys are folded: "й" loses its breve


def _ru_variants(word: str) -> list[str]:
    out = []
    for ending, repl in _RU_FOLDED:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            out.append(word[: -len(ending)] + repl)
    return out


def _keys(words: list[str]) -> list[str]:
    """The look-up keys of a word sequence: as written, then with Russian case endings undone."""
    base = " ".join(words)
    out = [base]
    if words and "\u0400" <= words[-1][:1] <= "\u04ff":
        heads = [[w, *_ru_variants(w)] for w in words[:-1]] if len(words) <= 2 else [[w] for w in words[:-1]]
        for last in [*_ru_variants(words[-1]), words[-1]]:
            for head in (heads[0] if heads else [""]):
                out.append(f"{head} {last}".strip())
    return list(dict.fromkeys(out))


def _tokens(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        end = m.end()
        if re.search(r"['’][sS]$", word):  # possessive: "Russia's" -> "Russia"
            word, end = word[:-2], end - 2
        out.append((m.start(), end, word))
    return out


def _is_code(key: str, rec: Record) -> bool:
    """True when ``key`` is an airfield's IATA/ICAO code rather than its name."""
    name = fold(rec.name)
    return rec.kind in ("airport", "airbase") and key.isascii() and key.isalnum() and len(key) <= 4 and \
        key != name and not name.startswith(key + " ")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=16_384)
def _scan(text: str) -> tuple[list[_Span], list[_Span], list[tuple[int, int, str]]]:
    """Longest gazetteer and country matches starting at capitalised words, left to right."""
    toks = _tokens(text)
    cmap = countries()
    places: list[_Span] = []
    nations: list[_Span] = []
    i = 0
    while i < len(toks):
        s, _e, word = toks[i]
        if not _capitalised(word) or fold(word) in STOP:
            i += 1
            continue
        best: tuple[int, _Span, bool] | None = None
        words: list[str] = []
        for j in range(i, min(i + MAX_WORDS, len(toks))):
            if j > i and not _JOIN_GAP.match(text[toks[j - 1][1]: toks[j][0]]):
                break
            words.append(fold(toks[j][2]))
            span_end = toks[j][1]
            joined = " ".join(words)
            if joined in cmap:
                best = (j, _Span(s, span_end, joined), True)
            for key in _keys(words):
                recs = _lookup(key)
                if recs and (len(key) >= 3 or key.isdigit()):
                    best = (j, _Span(s, span_end, key, list(recs)), False)
                    break
        if best is None:
            i += 1
            continue
        j, span, is_country = best
        (nations if is_country else places).append(span)
        i = j + 1
    return places, nations, toks


def _glued(text: str, span: _Span, toks: list[tuple[int, int, str]], matched: list[tuple[int, int]]) -> bool:
    """True when a capitalised word other than a title/country/feature touches the match: a longer proper name."""
    cmap = countries()
    for s, e, word in toks:
        if not _capitalised(word) or any(a <= s and e <= b for a, b in matched):
            continue
        low = fold(word)
        if low in STOP or low in TITLES or low in FEATURES or low in cmap or (word.isupper() and len(word) <= 3):
            continue
        if e <= span.start and text[e: span.start].strip() == "":
            return True
        if s >= span.end and text[span.end: s].strip() == "":
            return True
    return False


def _acceptable(rec: Record, key: str, written: str, sentence: str, profile: set[str]) -> bool:
    curated = rec.ident.startswith(("places:", "region:"))
    if _is_code(key, rec):
        return written.isupper() and bool(AVIATION.search(sentence))
    if len(key) < 3:
        return False
    if not rec.primary and not curated and (rec.population < ALTERNATE_MIN_POP or len(key) < 4):
        return False  # "Kiev" for Kyiv counts; "Kim" for Kimberley does not
    if rec.kind == "city" and not curated and not profile:
        return rec.population >= UNPLACED_MIN_POP
    return not (rec.kind == "city" and not curated and profile and rec.country not in profile
                and rec.population < FOREIGN_MIN_POP)


def _choose(recs: list[Record], key: str, written: str, sentence: str, profile: set[str],
            local: str) -> tuple[Record | None, str]:
    ok = [r for r in recs if _acceptable(r, key, written, sentence, profile)]
    if not ok:
        return None, "no acceptable reading"
    want: tuple[str, ...] = ()
    for rx, kinds in KIND_CUES:
        if rx.search(local):
            want = kinds
            break

    def score(r: Record) -> float:
        s = math.log10(max(r.score, 1.0)) - (0.0 if r.primary else math.log10(5.0))
        if r.kind == "region":
            s += 20.0
        if profile and r.country in profile:
            s += 3.0  # a border station of a country the text names beats a namesake city abroad
        if want and r.kind in want:
            s += 3.0
        return s

    ranked = sorted(ok, key=lambda r: (-score(r), r.ident))
    why = "its name"
    if len({r.ident for r in ok}) > 1:
        why = "the most likely of its readings" + (" (the countries the text names)" if profile else "")
        if want and ranked[0].kind in want:
            why = f"the reading of kind {ranked[0].kind}, which its sentence asks for"
    return ranked[0], why


def _attribution(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 60): start].lower()
    if re.search(r"(?:officials?|analysts?|sources?|diplomats?|spokes(?:man|woman|person)|reporters?|journalists?|"
                 r"correspondents?|experts?|observers?|commentators?|ministry|government|authorities|embassy|"
                 r"think[- ]tank|institute|newspaper|agency|speaking|said|told \w+|"
                 r"according to [\w\s’']{0,40}?|quoted|interviewed|reported)\s+(?:\w+\s+){0,2}?(?:in|from)\s+"
                 r"(?:the\s+)?$", before):
        return True
    after = text[end: end + 16]
    if re.match(r"\s*-based\b|\s*[—–-]?\s*\(?(?:reuters|ap|afp|ria|tass|interfax|bloomberg)\)", after, re.I):
        return True  # "a Minsk-based analyst", the dateline "MOSCOW (Reuters) -"
    return start == 0 and text[start:end].isupper() and bool(re.match(r"\s*[—–-]\s", after))


@lru_cache(maxsize=1)
def _region_phrases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every region name and alias, longest first ("military airfield in western Russia"), and
    each alias (lower case) -> its region's name."""
    from routes.datafiles import read_table

    names: dict[str, str] = {}
    for row in read_table("regions.csv"):
        for alias in [row["name"], *row["aliases"].split("|")]:
            if alias.strip():
                names.setdefault(alias.strip().lower(), row["name"])
    alternatives = "|".join(re.escape(a) for a in sorted(names, key=lambda a: (-len(a), a)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.I), names


def _regions_in(text: str) -> list[_Span]:
    rx, names = _region_phrases()
    found = []
    for m in rx.finditer(text):  # leftmost-longest, without overlaps
        name = names[m.group(0).lower()]
        found.append(_Span(m.start(), m.end(), fold(name), list(_lookup(fold(name)))))
    return [f for f in found if f.records]


def find(s: Sentence, profile: set[str]) -> list[Mention]:
    """Place and country mentions of one sentence, in text order (coreference is resolved later)."""
    spans, nations, toks = _scan(s.text)
    regions = _regions_in(s.text)  # region phrases may be written in lower case; they win over what they cover
    if regions:
        def free(sp: _Span) -> bool:
            return not any(r.start < sp.end and sp.start < r.end for r in regions)

        spans = sorted([sp for sp in spans if free(sp)] + regions, key=lambda sp: sp.start)
        nations = [n for n in nations if free(n)]
    matched = [(sp.start, sp.end) for sp in spans + nations]
    out: list[Mention] = []
    for sp in nations:
        out.append(Mention(s.text[sp.start: sp.end], None, countries()[sp.key], "country", s.index, sp.start,
                           sp.end, role="country"))
    for sp in spans:
        written = s.text[sp.start: sp.end]
        if _glued(s.text, sp, toks, matched):
            continue
        local = s.text[max(0, sp.start - 25): sp.end + 25]
        rec, why = _choose(sp.records, sp.key, written, s.text, profile, local)
        if rec is None:
            continue
        place = resolve(rec.name) if rec.kind == "region" else from_record(written, rec)
        role = "attribution" if _attribution(s.text, sp.start, sp.end) else "place"
        out.append(Mention(written, place, rec.country or place.country, rec.kind, s.index, sp.start, sp.end, why,
                           role, readings=len(sp.records)))
    out.sort(key=lambda m: m.start)
    return out


def profile_of(sents: list[Sentence]) -> set[str]:
    """Countries the text names outright, or through a place with only one reading: they settle ambiguous names."""
    out: set[str] = set()
    for s in sents:
        spans, nations, _ = _scan(s.text)
        out.update(countries()[n.key] for n in nations)
        for sp in spans:
            readings = [r for r in sp.records if r.primary and r.kind != "region"]
            if len({r.country for r in readings}) == 1 and readings and readings[0].score >= 50_000:
                out.add(readings[0].country)
    return out


def entities(mentions: list[Mention]) -> None:
    """Number the places: mentions within SAME_ENTITY_KM of each other (or of a compact region) are one place."""
    from routes.geodesy import distance_km

    reps: list[Mention] = []
    known: dict[tuple[str, float, float], int] = {}  # a place already numbered (most mentions repeat one)
    for m in mentions:
        if m.place is None:
            continue
        key = (m.place.ident, m.place.lat, m.place.lon)
        if key in known:
            m.entity = known[key]
            continue
        for k, r in enumerate(reps):
            assert r.place is not None
            a, b = m.place, r.place
            if a.is_set or b.is_set:
                same = a.ident == b.ident or _inside(a, b)
            else:  # a city and its port or base of the same name; other names only when they are one spot
                km = distance_km(a.lat, a.lon, b.lat, b.lon)
                same = km <= SAME_SPOT_KM or (km <= SAME_ENTITY_KM and _first_word(a) == _first_word(b))
            if same:
                m.entity = k
                break
        else:
            m.entity = len(reps)
            reps.append(m)
        known[key] = m.entity


def _first_word(p: Place) -> str:
    words = fold(p.name).split()
    return words[0] if words else ""


def _inside(a: Place, b: Place) -> bool:
    from routes.geodesy import distance_km

    group, point = (a, b) if a.is_set else (b, a)
    if point.is_set:
        return False
    return any(distance_km(c.lat, c.lon, point.lat, point.lon) <= SAME_ENTITY_KM for c in group.candidates)
