"""``POST /documents`` bodies to records, with the readers ``dossier ingest`` uses.

A body is one JSON record (or an array of them), JSON lines, a plain-text or HTML
article, or a form: files uploaded as multipart (read by their extension) and ``text`` fields. A body that cannot be
read at all is a ``BodyError``; a bad record inside a readable body is an
``InputError`` in the stream, in its place, and the others go on.

A body is read as it arrives and refused (413) as soon as it passes ``max_file_bytes``,
forms included (all their files together): what the server holds for one request is
bounded by the limit, not by what the client sends.
"""

from __future__ import annotations

import json
import os

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.types import Message

from ..errors import DossierError, InputError
from ..ingest.readers import (
    READERS,
    decode_text,
    records_from_html,
    records_from_json,
    records_from_jsonl,
    records_from_txt,
)
from ..ingest.records import Record, complete_record

BODY = "body"
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")
TEXT_TYPES = ("text/plain",)
HTML_TYPES = ("text/html",)
MULTIPART_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
MEDIA_TYPES = (*JSON_TYPES, *JSONL_TYPES, *TEXT_TYPES, *HTML_TYPES, *MULTIPART_TYPES)
#: Files and fields one form may hold: each is an object held until the articles are read.
MAX_FORM_PARTS = 1000
#: Python's JSON parser recurses once per level and gives up near its recursion limit.
TOO_DEEP = "invalid JSON: nested too deeply"


class BodyError(DossierError):
    """A request body that holds no readable article; ``status`` is the HTTP status."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _too_large(origin: str, size: int, max_bytes: int, at_least: bool = False) -> BodyError:
    size_text = f"at least {size:,}" if at_least else f"{size:,}"
    return BodyError(f"{origin} is {size_text} bytes, over the {max_bytes:,} byte limit (max_file_bytes)", 413)


def check_length(request: Request, max_bytes: int) -> None:
    """413 for a declared Content-Length over the limit, before a byte of the body is read."""
    declared = request.headers.get("content-length")
    if declared is None:
        return
    try:
        size = int(declared)
    except ValueError:
        raise BodyError(f"Content-Length {declared!r} is not a number") from None
    if size > max_bytes:
        raise _too_large(BODY, size, max_bytes)


def limited(request: Request, max_bytes: int) -> Request:
    """``request`` whose body stops at ``max_bytes``: reading past it raises a 413 at once,
    so a body streamed without a Content-Length (or with a false one) is not read whole."""
    check_length(request, max_bytes)
    receive = request.receive
    total = 0

    async def receive_limited() -> Message:
        nonlocal total
        message = await receive()
        if message["type"] == "http.request":
            total += len(message.get("body", b""))
            if total > max_bytes:
                raise _too_large(BODY, total, max_bytes, at_least=message.get("more_body", False))
        return message

    return Request(request.scope, receive_limited)


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The body, read a chunk at a time up to ``max_bytes`` (413 past it)."""
    data = bytearray()
    async for chunk in limited(request, max_bytes).stream():
        data += chunk
    return bytes(data)


def open_form(request: Request, max_bytes: int):
    """The form, parsed as it arrives, as an ``async with`` that closes its files after.

    The whole form counts against ``max_bytes``: files spill to temporary files past
    1 MB, and without a bound on the total a form could fill the disk.
    """
    return limited(request, max_bytes).form(
        max_files=MAX_FORM_PARTS, max_fields=MAX_FORM_PARTS, max_part_size=max_bytes
    )


def decode(data: bytes, max_bytes: int, origin: str = BODY) -> str:
    if len(data) > max_bytes:
        raise _too_large(origin, len(data), max_bytes)
    try:
        return decode_text(data, empty=f"{origin} is empty")
    except ValueError as exc:
        raise BodyError(str(exc)) from None


def _loads(text: str) -> object:
    """``json.loads``, with JSON nested past the parser's depth a 400 (a RecursionError
    otherwise, which would be a 500)."""
    try:
        return json.loads(text)
    except RecursionError:
        raise BodyError(TOO_DEEP) from None


def _read(reader, text: str) -> list[Record | InputError]:
    """A reader's records; a reader that meets JSON nested too deeply refuses the body."""
    try:
        return list(reader(text, BODY))
    except RecursionError:
        raise BodyError(TOO_DEEP) from None


def _text_records(text: str) -> list[Record | InputError]:
    """text/plain: JSON lines (or one JSON object) when it starts with ``{``, else an article."""
    if not text.lstrip().startswith("{"):
        return _read(records_from_txt, text)
    try:
        _loads(text)
    except json.JSONDecodeError:
        return _read(records_from_jsonl, text)
    return _read(records_from_json, text)


def records_of_body(data: bytes, content_type: str | None, max_bytes: int) -> list[Record | InputError]:
    """The records of a non-multipart body, completed from their headers."""
    kind = media_type(content_type)
    if kind in MULTIPART_TYPES:
        raise BodyError("forms are read by records_of_files")
    if kind not in MEDIA_TYPES:
        shown = kind or "no Content-Type"
        raise BodyError(f"cannot read {shown}: send {', '.join(MEDIA_TYPES)}", 415)
    text = decode(data, max_bytes)
    if kind in JSON_TYPES:
        try:
            data = _loads(text)
        except json.JSONDecodeError as exc:
            raise BodyError(f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from None
        if not isinstance(data, (dict, list)) or data == []:
            raise BodyError("the body must be a JSON object (one article) or a non-empty array of them")
        items = _read(records_from_json, text)
    elif kind in JSONL_TYPES:
        items = _read(records_from_jsonl, text)
    elif kind in HTML_TYPES:
        items = _read(records_from_html, text)
    else:
        items = _text_records(text)
    if not items:
        raise BodyError("the body holds no record")
    return [complete_record(item) if isinstance(item, Record) else item for item in items]


async def records_of_files(files: list[UploadFile | str], max_bytes: int) -> list[Record | InputError]:
    """The records of uploaded files (read by extension) and ``text`` form fields (articles)."""
    items: list[Record | InputError] = []
    for number, part in enumerate(files, start=1):
        if isinstance(part, str):
            origin = f"{BODY}[{number}]"
            items.extend(records_from_txt(part, origin) if part.strip() else [InputError(origin, "text is empty")])
            continue
        origin = os.path.basename(part.filename or "") or f"{BODY}[{number}]"
        reader = READERS.get(os.path.splitext(origin)[1].lower())
        if reader is None:
            items.append(InputError(origin, f"unsupported file type (expected {', '.join(READERS)})"))
            continue
        data = await part.read(max_bytes + 1)
        try:
            text = decode(data, max_bytes, origin)
        except BodyError as exc:
            items.append(InputError(origin, str(exc)))
            continue
        try:
            items.extend(reader(text, origin))
        except RecursionError:
            items.append(InputError(origin, TOO_DEEP))
    if not items:
        raise BodyError("the form holds no file and no text")
    return [complete_record(item) if isinstance(item, Record) else item for item in items]


async def records_of_request(request: Request, max_bytes: int) -> list[Record | InputError]:
    """The records of a ``POST /documents`` request, its body read up to ``max_bytes``."""
    if media_type(request.headers.get("content-type")) not in MULTIPART_TYPES:
        return records_of_body(await read_body(request, max_bytes), request.headers.get("content-type"), max_bytes)
    async with open_form(request, max_bytes) as form:
        parts = [value for key, value in form.multi_items() if isinstance(value, UploadFile) or key == "text"]
        return await records_of_files(parts, max_bytes)
