"""Turn paths, directories and stdin into records, one article each.

A bad input never stops the batch: it comes out as an ``InputError`` in the stream,
in the place of the record it would have been, and the reading goes on.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import logging
import os
import stat
import sys
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO, TextIO

import charset_normalizer
import trafilatura

from ..errors import InputError
from ..limits import DEFAULT_MAX_FILE_BYTES
from .metadata import parse_date
from .records import Record, coerce_published, complete_record

LOGGER = logging.getLogger(__name__)

STDIN_PATH = "-"
STDIN_ORIGIN = "<stdin>"

# A text file may hold a few stray control characters (a DOS end-of-file mark, a form
# feed); a binary file renamed .txt holds NULs or many of them.
BINARY_CONTROL_RATIO = 0.02
BINARY_SAMPLE_CHARS = 65_536
# charset-normalizer's "chaos" (0 = clean): above this its guess is not worth trusting.
DETECTION_MAX_CHAOS = 0.1
# Decoded text must be mostly letters, or the guessed encoding made it up.
DETECTION_MIN_LETTER_RATIO = 0.5
# Dossier reads English news: a legacy file is far more often Windows-1252 than the
# Central European code page charset-normalizer lists first when the two tie.
PREFERRED_LEGACY_ENCODING = "cp1252"
# How many offsets of bytes replaced in a mostly-UTF-8 file the warning lists.
SHOWN_BAD_OFFSETS = 3

# A BOM settles the encoding; the longest first, as UTF-32-LE's starts with UTF-16-LE's.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_KEPT_CONTROLS = frozenset("\t\n\r\f\v")

Reader = Callable[[str, str], Iterator["Record | InputError"]]
#: Python's parser gives up on JSON nested deeper than its recursion limit (~1,000 levels).
TOO_DEEP = "invalid JSON: nested too deeply"


def read_inputs(
    paths: Iterable[str],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Record | InputError]:
    """Yield a completed record per article in ``paths``, or an ``InputError`` per bad input.

    A path is a file, a directory (read recursively, in sorted order) or ``-`` for stdin.
    Whether a record can be extracted and stored is the pipeline's check
    (``records.checked_records``), made once, where every way in meets it.
    """
    if isinstance(paths, (str, os.PathLike)):  # one path, not an iterable of characters
        paths = [paths]
    for path in paths:
        for item in read_path(os.fspath(path), max_file_bytes=max_file_bytes, stdin=stdin):
            yield complete_record(item) if isinstance(item, Record) else item


def read_path(
    path: str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Record | InputError]:
    """Records (not yet completed) from one named path, directory or ``-``."""
    if path == STDIN_PATH:
        yield from read_stdin(stdin, max_file_bytes=max_file_bytes)
        return
    if is_uri(path):  # s3://…, gs://…, hdfs://…, file://…: pyarrow's filesystems
        if os.path.splitext(path)[1].lower() == PARQUET:
            yield from records_from_parquet(path)
        else:
            yield InputError(path, f"only Parquet ({PARQUET}) is read from a filesystem URI")
        return
    try:
        info = os.stat(path)
    except OSError as exc:
        yield InputError(path, _os_reason(exc))
        return
    if stat.S_ISDIR(info.st_mode):
        empty = True
        for found in walk_directory(path):
            empty = False
            if isinstance(found, InputError):
                yield found
            else:
                yield from read_file(found, max_file_bytes=max_file_bytes)
        if empty:
            yield InputError(path, f"no input files in the directory (expected {', '.join(READERS)})")
        return
    yield from read_file(path, max_file_bytes=max_file_bytes)


def read_file(path: str, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> Iterator[Record | InputError]:
    """Records from one file, chosen by its extension."""
    suffix = os.path.splitext(path)[1].lower()
    if suffix == PARQUET:
        yield from records_from_parquet(path)
        return
    reader = READERS.get(suffix)
    if reader is None:
        yield InputError(path, _unsupported(suffix))
        return
    try:
        text, warning = _read_text(path, max_file_bytes, lines=reader in LINE_READERS)
    except InputError as error:
        yield error
        return
    for item in reader(text, path):
        # The warning is the file's: it goes with its first record, to be said once.
        if warning is not None and isinstance(item, Record):
            item.warnings.append(f"{path}: {warning}")
            warning = None
        yield item


def read_stdin(
    stream: TextIO | BinaryIO | None = None, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> Iterator[Record | InputError]:
    """JSON-lines records when the input starts with ``{``, else one article."""
    stream = sys.stdin if stream is None else stream
    # Read the bytes under a text stream, so stdin gets the same decoding as a file.
    raw = getattr(stream, "buffer", stream).read(max_file_bytes + 1)
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if len(data) > max_file_bytes:
        yield InputError(STDIN_ORIGIN, f"input is over the {_size(max_file_bytes)} limit (max_file_bytes)")
        return
    try:
        text, warning = decode_bytes(data, empty="empty input")
    except ValueError as exc:
        yield InputError(STDIN_ORIGIN, str(exc))
        return
    warnings = [f"{STDIN_ORIGIN}: {warning}"] if warning else []
    if not text.lstrip().startswith("{"):
        yield Record(text=text, origin=STDIN_ORIGIN, warnings=warnings)
        return
    try:
        # One pretty-printed object is a record too, not a run of broken lines.
        single = json.loads(text)
    except json.JSONDecodeError:
        yield from records_from_jsonl(text, STDIN_ORIGIN)
        return
    except RecursionError:
        yield InputError(STDIN_ORIGIN, TOO_DEEP)
        return
    item = _record_or_error(single, STDIN_ORIGIN)
    if isinstance(item, Record):
        item.warnings.extend(warnings)
    yield item


def walk_directory(root: str) -> Iterator[str | InputError]:
    """Supported files under ``root`` in sorted order; hidden and other files are skipped.

    Symbolic links to folders are not walked, and a link to a file outside ``root`` is
    refused: reading a folder must not read what lies elsewhere on the machine.
    """
    problems: list[OSError] = []
    found: list[tuple[tuple[str, ...], str | InputError]] = []
    inside = os.path.realpath(root)
    for folder, subfolders, names in os.walk(root, onerror=problems.append):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in names:
            path = os.path.join(folder, name)
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in (*READERS, PARQUET):
                LOGGER.debug("skipping %s: hidden or not a supported extension", path)
                continue
            # Sort on path parts, so "a/z.txt" keeps beside "a" and not after "a.txt".
            key = tuple(os.path.relpath(path, root).split(os.sep))
            found.append((key, _outside_link(path, inside) or path))
    for _, item in sorted(found, key=lambda pair: pair[0]):
        yield item
    for problem in problems:
        yield InputError(problem.filename or root, _os_reason(problem))


def _outside_link(path: str, inside: str) -> InputError | None:
    if not os.path.islink(path):
        return None
    target = os.path.realpath(path)
    if os.path.commonpath([inside, target]) == inside:
        return None
    return InputError(path, f"symbolic link to {target}, outside the directory read; not followed")


def _read_text(path: str, max_file_bytes: int, *, lines: bool = False) -> tuple[str, str | None]:
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file")
        # Checked before reading, so a huge file costs nothing.
        if info.st_size > max_file_bytes:
            raise InputError(path, _over_limit(info.st_size, max_file_bytes))
        with open(path, "rb") as handle:
            data = handle.read(max_file_bytes + 1)
    except OSError as exc:
        raise InputError(path, _os_reason(exc)) from exc
    if len(data) > max_file_bytes:  # it grew since the stat
        raise InputError(path, _over_limit(len(data), max_file_bytes))
    try:
        return decode_bytes(data, lines=lines)
    except ValueError as exc:
        raise InputError(path, str(exc)) from exc


def decode_text(data: bytes, *, empty: str = "empty file") -> str:
    """Decode ``data`` as UTF-8 (a BOM removed), else as a confidently detected encoding.

    Raises ``ValueError`` with the reason when ``data`` is empty, binary or undecodable.
    A few bytes that are not UTF-8 in UTF-8 text become U+FFFD; ``decode_bytes`` says so.
    """
    return decode_bytes(data, empty=empty)[0]


def decode_bytes(data: bytes, *, empty: str = "empty file", lines: bool = False) -> tuple[str, str | None]:
    """The text of ``data`` and a warning when some of its bytes had to be replaced.

    ``lines``: the data is JSON lines, where a binary line is that line's fault, not the
    file's (``records_from_jsonl`` refuses it); the file is binary only when every line is.
    """
    if not data.strip():
        raise ValueError(empty)
    warning = None
    text = _decode_by_bom(data)
    if text is None:
        # latin-1 maps each byte to one character: a cheap look at the raw bytes.
        if _is_binary_data(data[:BINARY_SAMPLE_CHARS].decode("latin-1"), lines):
            raise ValueError("binary file, not text")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, warning = _decode_mostly_utf8(data)
        if text is None:
            text = _detect_encoding(data)
        if text is None:
            raise ValueError("not valid UTF-8 and the encoding could not be detected")
    if _is_binary_data(text, lines):
        raise ValueError("binary file, not text")
    if not text.strip():
        raise ValueError(empty)
    return text, warning


def _is_binary_data(text: str, lines: bool) -> bool:
    if not lines:
        return _is_binary(text)
    return all(_is_binary(line) for line in text[:BINARY_SAMPLE_CHARS].split("\n") if line.strip())


def _decode_mostly_utf8(data: bytes) -> tuple[str | None, str | None]:
    """UTF-8 with a few stray bytes is UTF-8, its stray bytes U+FFFD.

    The text counts as UTF-8 when it holds at least as many well-formed multi-byte
    sequences as stray bytes: a legacy code page almost never forms one by chance, and
    guessing such a text anew as another code page turns "Iran’s" into "Iran‚Äôs".
    """
    _stray.offsets = []
    text = data.decode("utf-8", errors=_REMEMBER_AND_REPLACE)
    offsets, _stray.offsets = _stray.offsets, []
    multibyte = sum(1 for char in text if ord(char) > 0x7F) - len(offsets)
    if multibyte < max(1, len(offsets)):
        return None, None
    shown = ", ".join(f"{offset:,}" for offset in offsets[:SHOWN_BAD_OFFSETS])
    more = ", ..." if len(offsets) > SHOWN_BAD_OFFSETS else ""
    noun = "byte that is" if len(offsets) == 1 else "bytes that are"
    return text, f"{len(offsets)} {noun} not UTF-8 replaced with U+FFFD (at byte {shown}{more})"


def _remember_and_replace(error: UnicodeDecodeError) -> tuple[str, int]:
    _stray.offsets.append(error.start)
    return "\ufffd", error.end


# The stray bytes' offsets, gathered by the codec error handler (one list per thread).
_stray = threading.local()
_REMEMBER_AND_REPLACE = "dossier-remember-and-replace"
codecs.register_error(_REMEMBER_AND_REPLACE, _remember_and_replace)


def _decode_by_bom(data: bytes) -> str | None:
    for mark, encoding in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {encoding} byte order mark but is not {encoding}") from exc
    return None


def _is_binary(sample: str) -> bool:
    sample = sample[:BINARY_SAMPLE_CHARS]
    if "\x00" in sample:
        return True
    controls = sum(1 for char in sample if (char < " " or char == "\x7f") and char not in _KEPT_CONTROLS)
    return controls > BINARY_CONTROL_RATIO * len(sample)


def _detect_encoding(data: bytes) -> str | None:
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.chaos > DETECTION_MAX_CHAOS:
        return None
    text = str(best)
    for match in matches:
        tied = match.chaos <= best.chaos and match.coherence >= best.coherence
        if tied and PREFERRED_LEGACY_ENCODING in match.could_be_from_charset:
            text = data.decode(PREFERRED_LEGACY_ENCODING, errors="replace")
            break
    return text if _looks_like_text(text) else None


def _looks_like_text(text: str) -> bool:
    visible = [char for char in text if not char.isspace()]
    if not visible:
        return False
    letters = sum(1 for char in visible if char.isalpha())
    unprintable = sum(1 for char in visible if unicodedata.category(char)[0] == "C")
    return letters / len(visible) >= DETECTION_MIN_LETTER_RATIO and unprintable == 0


def records_from_txt(text: str, origin: str) -> Iterator[Record | InputError]:
    yield Record(text=text, origin=origin)


def records_from_html(html: str, origin: str) -> Iterator[Record | InputError]:
    """The page's main text, with its title, date, site name and canonical URL."""
    try:
        extracted = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            # The first publication date, from the page's metadata, not a guess from its prose.
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except Exception as exc:  # a parser failure on one odd page must not end the batch
        LOGGER.debug("trafilatura failed on %s", origin, exc_info=True)
        yield InputError(origin, f"could not parse the HTML page: {exc}")
        return
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        yield InputError(origin, "no article text found in the HTML page")
        return
    yield Record(
        text=text,
        title=_clean(extracted.title),
        published=_html_date(extracted.date),
        outlet=_clean(extracted.sitename),
        url=_clean(extracted.url),
        origin=origin,
    )


def _html_date(value: str | None) -> dt.date | None:
    # A page's date is trafilatura's reading of its metadata: a bad one is dropped, not fatal.
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError:
        return None


def records_from_json(text: str, origin: str) -> Iterator[Record | InputError]:
    """One record (an object) or many (an array of objects)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError(origin, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})")
        return
    except RecursionError:
        yield InputError(origin, TOO_DEEP)
        return
    if isinstance(data, dict):
        yield _record_or_error(data, origin)
    elif isinstance(data, list):
        if not data:
            yield InputError(origin, "empty JSON array, no records")
        for index, item in enumerate(data):
            yield _record_or_error(item, f"{origin}[{index}]")
    else:
        yield InputError(origin, f"JSON must be an object or an array of objects, not {_json_type(data)}")


def records_from_jsonl(text: str, origin: str) -> Iterator[Record | InputError]:
    """One record per line; a bad line is an error at ``origin:LINE`` and the rest go on."""
    # Split on newlines only: str.splitlines() would also break at U+2028, which JSON
    # strings may hold unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        if _is_binary(line):
            yield InputError(where, "binary data (NUL or control bytes), not a JSON line")
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        except RecursionError:
            yield InputError(where, TOO_DEEP)
            continue
        yield _record_or_error(data, where)


def is_uri(path: str) -> bool:
    """``scheme://…`` (a Windows drive, ``C:\\``, is not one)."""
    scheme, sep, _ = path.partition("://")
    return bool(sep) and len(scheme) > 1 and scheme.replace("+", "").replace("-", "").isalnum()


def records_from_parquet(path: str, *, batch_rows: int = 1024) -> Iterator[Record | InputError]:
    """One record per row of a Parquet file, with the columns of a JSON record (``text``
    required), read a row group at a time; a bad row is an error at ``path:ROW``. A URI
    (``s3://bucket/key.parquet``) is opened with the pyarrow filesystem it names. Needs
    pyarrow (the ``parquet`` or ``ray`` extra)."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield InputError(path, "reading Parquet needs pyarrow: pip install 'dossier[parquet]'")
        return
    try:
        if is_uri(path):
            from pyarrow import fs

            filesystem, inner = fs.FileSystem.from_uri(path)
            parquet = pq.ParquetFile(filesystem.open_input_file(inner))
        else:
            parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield InputError(path, f"not a readable Parquet file: {exc}")
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=batch_rows):
        for row in batch.to_pylist():
            number += 1
            row = {key: (value.isoformat() if hasattr(value, "isoformat") else value) for key, value in row.items()}
            yield _record_or_error(row, f"{path}:{number}")


def _record_or_error(data: object, origin: str) -> Record | InputError:
    try:
        return record_from_mapping(data, origin)
    except InputError as error:
        return error


def record_from_mapping(data: object, origin: str) -> Record:
    """A record from a JSON object: ``text`` required; unknown keys are ignored.

    Raises ``InputError`` naming the field at fault.
    """
    if not isinstance(data, dict):
        raise InputError(origin, f"record must be a JSON object, not {_json_type(data)}")
    if "text" not in data:
        raise InputError(origin, "record has no 'text'")
    text = data["text"]
    if not isinstance(text, str):
        raise InputError(origin, f"'text' must be a string, not {_json_type(text)}")
    if not text.strip():
        raise InputError(origin, "'text' is empty")
    return Record(
        text=text,
        id=_record_id(data.get("id"), origin),
        title=_optional_string(data, "title", origin),
        published=coerce_published(data.get("published"), origin),
        outlet=_optional_string(data, "outlet", origin),
        url=_optional_string(data, "url", origin),
        language=_optional_string(data, "language", origin),
        origin=origin,
    )


def _record_id(value: object, origin: str) -> str | None:
    # bool is an int to Python, but never a sensible id.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None or isinstance(value, str):
        return _clean(value)
    raise InputError(origin, f"'id' must be a string or an integer, not {_json_type(value)}")


def _optional_string(data: dict, key: str, origin: str) -> str | None:
    value = data.get(key)
    if value is None or isinstance(value, str):
        return _clean(value)
    raise InputError(origin, f"{key!r} must be a string, not {_json_type(value)}")


def _clean(value: str | None) -> str | None:
    value = value.strip() if value else None
    return value or None


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _os_reason(exc: OSError) -> str:
    # "No such file or directory", "Permission denied": the system's words, as a reason.
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def _unsupported(suffix: str) -> str:
    expected = ", ".join((*READERS, PARQUET))
    if not suffix:
        return f"no file extension (expected {expected})"
    return f"unsupported extension '{suffix}' (expected {expected})"


def _over_limit(size: int, limit: int) -> str:
    shown, shown_limit = _size(size), _size(limit)
    if shown == shown_limit:  # 10,000,001 bytes would read "10.0 MB, over the 10.0 MB limit"
        shown, shown_limit = f"{size:,} bytes", f"{limit:,} bytes"
    return f"file is {shown}, over the {shown_limit} limit (max_file_bytes)"


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB"
    if count >= 1_000:
        return f"{count / 1_000:.1f} kB"
    return f"{count} bytes"


# Extension to reader, in the order the error message lists them.
READERS: dict[str, Reader] = {
    ".txt": records_from_txt,
    ".html": records_from_html,
    ".htm": records_from_html,
    ".json": records_from_json,
    ".jsonl": records_from_jsonl,
}
#: Parquet is read as binary columns, a row group at a time (``records_from_parquet``).
PARQUET = ".parquet"
#: Readers of one record per line: a bad line is that record's fault, not the file's.
LINE_READERS = frozenset({records_from_jsonl})
