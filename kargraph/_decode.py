"""Text from a file's bytes: the one decoder of corpus files, with per-span fallbacks.

``decode(data)`` returns the text, the encoding and warnings about the decoding:

* UTF-8 is decoded as it is (a byte order mark stays as U+FEFF, so that offsets match a
  plain UTF-8 read); UTF-16/32 need a byte order mark.
* UTF-8 text with a few bad bytes (a damaged download) keeps its text, each bad sequence
  shown as U+FFFD; an incomplete character at the very end (a truncated file) alike.
* UTF-8 text with spans in another encoding (a latin-1 tail pasted onto UTF-8) keeps its
  UTF-8 spans; only the spans that are not UTF-8 are decoded with the fallback encoding,
  and the warning names their byte offsets.
* Text with no UTF-8 at all goes to charset-normalizer as a whole.

Libraries do the guessing (charset-normalizer); kargraph only splits the bytes into UTF-8
and non-UTF-8 spans, which no library offers, and breaks ties in favour of the encodings
most used for news. Binary files are refused by their leading bytes.
"""
from __future__ import annotations

import codecs
import threading

#: when charset-normalizer finds several encodings equally plausible, the first of these
#: that it lists wins: the encodings most used for news text, Western before Cyrillic
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "latin_1", "cp1251", "koi8_r", "iso8859_15", "cp1250",
                       "iso8859_2", "cp1254", "iso8859_9")
#: the encoding of spans that are not UTF-8 when their bytes are too few to tell
FALLBACK_ENCODING = "cp1252"

# leading bytes of common binary formats, so that a renamed image is refused by name
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word or Excel file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF media file"),
)
#: bytes looked at to refuse binary files
SNIFF_BYTES = 8192
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_MAX_SPANS_NAMED = 5


class FileProblem(Exception):
    """A whole file cannot become text; the message says why."""


def decode(data: bytes) -> tuple[str, str, list[str]]:
    """Text of a file's bytes, the encoding used, and warnings about the decoding.

    Raises:
        FileProblem: empty, whitespace only, binary, or no encoding fits.
    """
    if not data:
        raise FileProblem("empty file (0 bytes)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as err:
                raise FileProblem(f"starts with a {codec.upper()} byte order mark but is not valid "
                                  f"{codec.upper()} ({err.reason})") from None
            return _checked(text), codec, [f"decoded as {codec.upper()} (byte order mark); offsets "
                                           "count characters of the decoded text"]
    refuse_binary(data[:SNIFF_BYTES])
    try:
        return _checked(data.decode("utf-8")), "utf-8", []
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # only the last character is cut short
            text = data[:err.start].decode("utf-8") + "\ufffd"
            return _checked(text), "utf-8", [
                f"ends with an incomplete UTF-8 character ({len(data) - err.start} byte(s)); the file looks "
                "truncated; the incomplete character is shown as U+FFFD"]
    pieces = _utf8_pieces(data)
    n_bad = sum(1 for _, ok in pieces if not ok)
    n_multibyte = sum(1 for chunk, ok in pieces if ok for c in chunk if c > "\x7f")
    if n_multibyte >= 10 * n_bad:  # a few bad bytes in real UTF-8 text: damage, not an encoding
        text = "".join(chunk if ok else "\ufffd" for chunk, ok in pieces)
        return _checked(text), "utf-8", [
            f"{n_bad} invalid UTF-8 byte sequence(s) in otherwise UTF-8 text (a damaged or spliced file?); "
            "shown as U+FFFD"]
    if n_multibyte:  # UTF-8 text with spans in another encoding
        return _mixed(data, pieces)
    text, encoding = _detect(data)
    return _checked(text), encoding, [f"not UTF-8; decoded as {encoding} (detected by charset-normalizer)"]


def _utf8_pieces(data: bytes) -> list[tuple[str | bytes, bool]]:
    """``data`` cut into decoded UTF-8 runs ``(text, True)`` and invalid sequences ``(bytes, False)``."""
    bad: list[tuple[int, int]] = []
    _SPANS.found = bad
    data.decode("utf-8", errors=_SPANS_HANDLER)  # one pass that records every invalid sequence
    pieces, pos = [], 0
    for start, end in bad:
        if start > pos:
            pieces.append((data[pos:start].decode("utf-8"), True))
        pieces.append((data[start:end], False))
        pos = end
    if pos < len(data):
        pieces.append((data[pos:].decode("utf-8"), True))
    return pieces


def _record_span(err: UnicodeDecodeError) -> tuple[str, int]:
    _SPANS.found.append((err.start, err.end))
    return "", err.end


_SPANS = threading.local()
_SPANS_HANDLER = "kargraph-utf8-spans"
codecs.register_error(_SPANS_HANDLER, _record_span)


def _mixed(data: bytes, pieces) -> tuple[str, str, list[str]]:
    """UTF-8 runs kept, the other bytes decoded with one fallback encoding."""
    bad = b" ".join(chunk for chunk, ok in pieces if not ok)
    encoding = FALLBACK_ENCODING
    if len(bad) >= 64:  # enough bytes for charset-normalizer to tell the encoding
        guessed = _detect(bad, strict=False)
        if guessed is not None and guessed[1] in PREFERRED_ENCODINGS:
            encoding = guessed[1]
    out, spans, offset = [], [], 0
    for chunk, ok in pieces:
        if ok:
            out.append(chunk)
            offset += len(chunk.encode("utf-8"))
            continue
        out.append(chunk.decode(encoding, errors="replace"))
        if spans and spans[-1][1] >= offset - 8:  # neighbouring bad bytes: one span
            spans[-1] = (spans[-1][0], offset + len(chunk))
        else:
            spans.append((offset, offset + len(chunk)))
        offset += len(chunk)
    named = ", ".join(f"{a}-{b - 1}" if b - a > 1 else str(a) for a, b in spans[:_MAX_SPANS_NAMED])
    more = f" and {len(spans) - _MAX_SPANS_NAMED} more" if len(spans) > _MAX_SPANS_NAMED else ""
    return _checked("".join(out)), "utf-8", [
        f"UTF-8 text with bytes in another encoding at byte offset(s) {named}{more}; those bytes decoded as "
        f"{encoding}, the rest as UTF-8"]


def _detect(data: bytes, *, strict: bool = True) -> tuple[str, str] | None:
    import charset_normalizer  # imported here: only non-UTF-8 files need it

    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        if not strict:
            return None
        raise FileProblem("not UTF-8, and no text encoding fits its bytes")
    # equally plausible decodings: prefer the encoding most used for news text
    tied = {enc for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)
            for enc in m.could_be_from_charset}
    for encoding in PREFERRED_ENCODINGS:
        if encoding in tied and encoding != best.encoding:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
        if encoding == best.encoding:
            break
    return str(best), best.encoding


def refuse_binary(head: bytes) -> None:
    """Raise :class:`FileProblem` when ``head`` starts like a binary format or holds NUL bytes."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise FileProblem(f"binary file ({kind}), not text")
    if b"\x00" in head:
        raise FileProblem("binary file (contains NUL bytes), not text; UTF-16 text needs a byte order mark")


def _checked(text: str) -> str:
    if is_blank(text):
        raise FileProblem("contains only whitespace")
    return text


def is_blank(text: str) -> bool:
    """Whether ``text`` holds nothing but whitespace and byte order marks."""
    return not text.replace("\ufeff", "").strip()
