"""Running text -> paragraphs, sentences and clauses, independent of how the text was wrapped.

The first stage of article reading (README, "Article mode"). Paragraphs are separated by blank lines only; a
single line break is a wrap and becomes a space, so re-wrapping a text never changes what is read. A line that
ends in a hyphen after a letter joins the next without a space ("Komsomolsk-on-" + "Amur"). Texts written one
paragraph per line (no blank lines) are therefore read as one paragraph: nothing downstream depends on
paragraph breaks for correctness, only for the order of guesses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’»)]))\s+(?=[\"“‘«(]?[A-ZА-ЯЁ0-9])")
_ABBREV = re.compile(r"(?:\b(?:U\.S|U\.K|Dr|Mr|Mrs|Ms|St|Gen|Lt|Col|Maj|Capt|Sgt|No|Nos|approx|ca|vs|Jan|Feb|Mar|"
                     r"Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|г|гг|ул|им|св)|\b[A-ZА-Я])\.$")
# clause breaks: ";" and ":", a dash between spaces, and a comma before a conjunction that starts a new clause
_CLAUSE = re.compile(r"\s*[;:]\s+|\s+[—–]\s+|,\s+(?=(?:and|but|while|whereas|then|before|after|although|"
                     r"which|where|when|а|но|и|затем|после)\b)")
MAX_SENTENCE = 2_000  # characters: a longer "sentence" (a list, a table flattened to text) is cut into pieces


@dataclass
class Sentence:
    """One sentence of the text: its words, its paragraph, its index in the text and its clauses."""

    text: str
    paragraph: int
    index: int

    def clauses(self) -> list[tuple[int, int]]:
        """Clause boundaries as (start, end) character offsets into ``text``."""
        out: list[tuple[int, int]] = []
        start = 0
        for m in _CLAUSE.finditer(self.text):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        if start < len(self.text):
            out.append((start, len(self.text)))
        return out or [(0, len(self.text))]

    def clause_at(self, pos: int) -> tuple[int, int]:
        """The clause that holds character ``pos``."""
        for a, b in self.clauses():
            if a <= pos < b:
                return a, b
        return 0, len(self.text)


def read_text(data: bytes) -> str | None:
    """Decode an article; None for binary input (NUL bytes or not UTF-8). Markdown markup is removed."""
    if b"\x00" in data[:65536]:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return strip_markdown(text)


def strip_markdown(text: str) -> str:
    """Drop code blocks, images, link targets, headings, list bullets and emphasis marks."""
    text = re.sub(r"```.*?```", " ", text, flags=re.S)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", text)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+", "", text, flags=re.M)
    return re.sub(r"(\*\*|__|\*|_|`)(\S.*?\S|\S)\1", r"\2", text)


def paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines, each with its line wraps undone and its spaces collapsed."""
    out = []
    for block in re.split(r"\r?\n[ \t\r\f\v]*\r?\n", text.replace("\r\n", "\n")):
        joined = re.sub(r"(?<=[^\W\d_])-\n\s*(?=\w)", "-", block)
        joined = re.sub(r"\s+", " ", joined).strip()
        if joined:
            out.append(joined)
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence of the text, in order (abbreviations such as "U.S." and "No." do not end one)."""
    out: list[Sentence] = []
    for pi, para in enumerate(paragraphs(text)):
        parts: list[str] = []
        for piece in _SENT.split(para):
            if parts and _ABBREV.search(parts[-1]):
                parts[-1] = f"{parts[-1]} {piece}"
            else:
                parts.append(piece)
        for s in parts:
            for i in range(0, len(s), MAX_SENTENCE):
                chunk = s[i: i + MAX_SENTENCE].strip()
                if chunk:
                    out.append(Sentence(chunk, pi, len(out)))
    return out
