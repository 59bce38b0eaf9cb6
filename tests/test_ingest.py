"""Reading inputs: files, directories, JSON records, stdin, and the bad inputs among them."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

import pytest

from dossier.errors import InputError
from dossier.ingest import Record, read_inputs, readers

ARTICLE = (
    "Ministers Agree to Resume Border Talks\n"
    "\n"
    "The foreign ministers of Freedonia and Sylvania agreed on Monday to resume talks on "
    "their disputed border, officials in both capitals said.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ministers agree to resume border talks | Harbor Daily News</title>
<meta property="og:site_name" content="Harbor Daily News">
<meta property="og:title" content="Ministers agree to resume border talks">
<link rel="canonical" href="https://harbordaily.example/world/border-talks">
<meta property="article:published_time" content="2021-03-09T08:15:00Z">
</head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li>
</ul></nav></header>
<main><article>
<h1>Ministers agree to resume border talks</h1>
<p>The foreign ministers of Freedonia and Sylvania agreed on Monday to resume talks on
their disputed border, officials in both capitals said, ending a freeze that began last autumn.</p>
<p>Freedonia's foreign minister, Anna Kovac, told reporters that the first round would be
held in Geneva next month under the auspices of the United Nations.</p>
<p>"We have chosen dialogue over confrontation," Kovac said, adding that both sides would
withdraw troops from three contested villages before the talks begin.</p>
<p>Sylvania's government did not comment on the troop withdrawal but said in a statement
that it welcomed the mediation offered by the U.N. secretary-general.</p>
</article></main>
<aside><h3>Most read</h3><ul>
<li><a href="/a">Local team wins cup final</a></li>
<li><a href="/b">Weather warning for the weekend</a></li>
</ul></aside>
<footer><p>Copyright 2021 Harbor Daily News. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body>
</html>
"""


def read(*paths, **options) -> list[Record | InputError]:
    return list(read_inputs([str(path) for path in paths], **options))


def only_error(items) -> InputError:
    assert len(items) == 1 and isinstance(items[0], InputError), items
    return items[0]


def only_record(items) -> Record:
    assert len(items) == 1 and isinstance(items[0], Record), items
    return items[0]


# --- plain text -------------------------------------------------------------------


def test_txt_text_is_kept_unchanged_and_header_fills_metadata(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    record = only_record(read(path))
    assert record.text == ARTICLE
    assert record.title == "Ministers Agree to Resume Border Talks"
    assert record.published is None
    assert record.language == "en"
    assert record.origin == str(path)
    assert record.doc_id.startswith("sha256:")


def test_txt_dateline_and_outlet_lines(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(
        "- The Harbor Times\nTuesday, March 9, 2021\n\n"
        "Sylvania recalled its ambassador on Monday, the foreign ministry said.\n",
        encoding="utf-8",
    )
    record = only_record(read(path))
    assert record.published == dt.date(2021, 3, 9)
    assert record.outlet == "The Harbor Times"
    assert record.title is None


def test_utf8_bom_is_stripped(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert only_record(read(path)).text == ARTICLE


# --- bad files ---------------------------------------------------------------------


def test_empty_file_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    error = only_error(read(path))
    assert error.origin == str(path)
    assert error.reason == "empty file"


def test_whitespace_only_file_is_an_error(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("  \n\t\n\n")
    assert only_error(read(path)).reason == "empty file"


def test_binary_file_renamed_txt_is_an_error(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert only_error(read(path)).reason == "binary file, not text"


def test_control_characters_make_a_file_binary(tmp_path):
    path = tmp_path / "dump.txt"
    path.write_bytes(b"abc\x01\x02\x03\x04def\x05\x06\x07\x08" * 50)
    assert only_error(read(path)).reason == "binary file, not text"


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "noise.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4000)))
    assert only_error(read(path)).reason == "binary file, not text"


def test_undetectable_encoding_is_refused(tmp_path):
    # High bytes only: no NULs or control characters, but no text in any encoding.
    path = tmp_path / "garbled.txt"
    rng = random.Random(7)
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(2000)))
    error = only_error(read(path))
    assert error.reason == "not valid UTF-8 and the encoding could not be detected"


def test_cp1252_file_with_accented_names_is_decoded(tmp_path):
    text = (
        "José Pérez, the envoy of Sylvania, met João Sørensen and François Müller in Zürich "
        "on Tuesday, officials said. “We will not back down,” said Hélène Dubois, the "
        "minister’s spokeswoman.\n"
    )
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    assert only_record(read(path)).text == text


def test_latin1_file_is_decoded(tmp_path):
    text = "Señor Núñez told reporters in Bogotá that the ceasefire would hold, the ministry said.\n"
    path = tmp_path / "latin.txt"
    path.write_bytes(text.encode("latin-1"))
    assert only_record(read(path)).text == text


def test_file_over_the_size_limit_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(12_000_000)  # sparse: stat says 12 MB, nothing to write

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(readers, "open", no_reading, raising=False)
    error = only_error(read(path))
    assert error.reason == "file is 12.0 MB, over the 10.0 MB limit (max_file_bytes)"


def test_size_limit_is_a_setting(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The talks went on. " * 700)
    assert only_error(read(path, max_file_bytes=10_000)).reason == (
        "file is 13.3 kB, over the 10.0 kB limit (max_file_bytes)"
    )
    assert isinstance(only_record(read(path, max_file_bytes=20_000)), Record)


def test_unknown_extension_is_an_error(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.7")
    assert only_error(read(path)).reason == (
        "unsupported extension '.pdf' (expected .txt, .html, .htm, .json, .jsonl, .parquet)"
    )


def test_missing_path_is_an_error(tmp_path):
    path = tmp_path / "nowhere.txt"
    error = only_error(read(path))
    assert error.origin == str(path)
    assert error.reason == "no such file or directory"
    assert str(error) == f"{path}: no such file or directory"


def test_unreadable_file_is_an_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text(ARTICLE)

    def denied(name, *args, **kwargs):
        raise PermissionError(13, "Permission denied", name)

    # Root reads anything, so a chmod proves nothing under it: refuse the open instead.
    monkeypatch.setattr(readers, "open", denied, raising=False)
    assert only_error(read(path)).reason == "permission denied"


def test_a_single_path_string_is_one_path(tmp_path):
    path = tmp_path / "talks.txt"
    path.write_text(ARTICLE)
    assert only_record(list(read_inputs(str(path)))).text == ARTICLE


def test_a_bad_file_does_not_stop_the_batch(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    items = read(empty, tmp_path / "missing.txt", good)
    assert [type(item) for item in items] == [InputError, InputError, Record]


# --- HTML --------------------------------------------------------------------------


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    record = only_record(read(path))
    assert "agreed on Monday to resume talks" in record.text
    assert '"We have chosen dialogue over confrontation," Kovac said' in record.text
    for boilerplate in ("Subscribe now", "Most read", "Weather warning", "Privacy policy", "All rights"):
        assert boilerplate not in record.text
    assert record.title == "Ministers agree to resume border talks"
    assert record.published == dt.date(2021, 3, 9)
    assert record.outlet == "Harbor Daily News"
    assert record.url == "https://harbordaily.example/world/border-talks"
    assert record.language == "en"


def test_htm_is_read_as_html(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(HTML_PAGE, encoding="utf-8")
    assert only_record(read(path)).outlet == "Harbor Daily News"


def test_html_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body></body></html>")
    assert only_error(read(path)).reason == "no article text found in the HTML page"


# --- JSON and JSON lines -----------------------------------------------------------


def test_json_object_is_one_record(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(
        json.dumps(
            {
                "id": 8011115,
                "text": "Sylvania recalled its ambassador on Monday.",
                "title": "Envoy recalled",
                "published": "2021-03-09",
                "outlet": "Harbor Daily News",
                "url": "https://harbordaily.example/a",
                "section": "Europe",
                "author": "Staff",
                "keywords": "Sylvania, diplomacy",
            }
        )
    )
    record = only_record(read(path))
    assert record.id == "8011115"
    assert record.doc_id == "8011115"
    assert (record.title, record.published, record.outlet) == (
        "Envoy recalled",
        dt.date(2021, 3, 9),
        "Harbor Daily News",
    )
    assert record.url == "https://harbordaily.example/a"
    assert record.origin == str(path)


def test_json_array_is_many_records(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([{"text": "Talks resumed on Monday."}, {"title": "No text here"}]))
    first, second = read(path)
    assert first.text == "Talks resumed on Monday."
    assert isinstance(second, InputError)
    assert second.origin == f"{path}[1]"
    assert second.reason == "record has no 'text'"


def test_json_that_is_not_object_or_array_is_an_error(tmp_path):
    path = tmp_path / "scalar.json"
    path.write_text('"The talks resumed."')
    assert only_error(read(path)).reason == "JSON must be an object or an array of objects, not a string"


def test_invalid_json_file_is_an_error(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"text": "The talks resumed."')
    assert only_error(read(path)).reason.startswith("invalid JSON: ")


def test_timestamp_published_gives_its_date(tmp_path):
    path = tmp_path / "stamp.jsonl"
    path.write_text(json.dumps({"text": "The talks resumed.", "published": "2025-03-14 20:30:26Z"}) + "\n")
    assert only_record(read(path)).published == dt.date(2025, 3, 14)


def test_unparseable_published_names_the_field(tmp_path):
    path = tmp_path / "when.jsonl"
    path.write_text(json.dumps({"text": "The talks resumed.", "published": "last Tuesday"}) + "\n")
    error = only_error(read(path))
    assert error.origin == f"{path}:1"
    assert error.reason == "'published' is not a date or timestamp: 'last Tuesday'"


def test_record_missing_text_is_an_error(tmp_path):
    path = tmp_path / "notext.jsonl"
    path.write_text(json.dumps({"id": "a1", "title": "Envoy recalled"}) + "\n")
    assert only_error(read(path)).reason == "record has no 'text'"


def test_record_with_non_string_text_is_an_error(tmp_path):
    path = tmp_path / "number.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": 42}) + "\n")
    assert only_error(read(path)).reason == "'text' must be a string, not a number"


def test_record_with_empty_text_is_an_error(tmp_path):
    path = tmp_path / "blank.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": "   "}) + "\n")
    assert only_error(read(path)).reason == "'text' is empty"


def test_malformed_jsonl_line_is_an_error_and_other_lines_land(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "a1", "text": "Sylvania recalled its ambassador."}) + "\n"
        '{"id": "a2", "text": "truncated\n'
        "\n" + json.dumps({"id": "a3", "text": "Freedonia welcomed the talks."}) + "\n"
    )
    first, second, third = read(path)
    assert (first.id, first.origin) == ("a1", f"{path}:1")
    assert isinstance(second, InputError)
    assert second.origin == f"{path}:2"
    assert second.reason.startswith("invalid JSON: ")
    assert (third.id, third.origin) == ("a3", f"{path}:4")


def test_jsonl_line_separator_inside_a_string_is_not_a_line_break(tmp_path):
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"text": "First part.\u2028Second part."}, ensure_ascii=False) + "\n")
    assert only_record(read(path)).text == "First part.\u2028Second part."


# --- directories -------------------------------------------------------------------


def test_directory_is_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "deep").mkdir()
    (tmp_path / ".cache").mkdir()
    for relative in ("z.txt", "a.txt", "b/one.txt", "a/two.txt", "a/deep/three.txt", ".cache/hidden.txt"):
        (tmp_path / relative).write_text(f"Story from {relative} said officials.\n")
    (tmp_path / ".hidden.txt").write_text("Hidden story.\n")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.7")
    (tmp_path / "a" / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    items = read(tmp_path)
    assert all(isinstance(item, Record) for item in items), items
    assert [item.origin for item in items] == [
        str(tmp_path / relative) for relative in ("a/deep/three.txt", "a/two.txt", "a.txt", "b/one.txt", "z.txt")
    ]


def test_directory_reports_bad_files_inside_it(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE)
    (tmp_path / "empty.txt").write_text("")
    items = read(tmp_path)
    assert [(type(item), item.origin) for item in items] == [
        (InputError, str(tmp_path / "empty.txt")),
        (Record, str(tmp_path / "good.txt")),
    ]


# --- stdin -------------------------------------------------------------------------


def test_stdin_text_is_one_article():
    records = read("-", stdin=io.StringIO(ARTICLE))
    record = only_record(records)
    assert record.text == ARTICLE
    assert record.origin == "<stdin>"
    assert record.title == "Ministers Agree to Resume Border Talks"


def test_stdin_bytes_are_decoded_like_a_file():
    record = only_record(read("-", stdin=io.BytesIO(ARTICLE.encode("utf-8"))))
    assert record.text == ARTICLE


def test_stdin_jsonl_records():
    lines = "\n".join(
        [
            json.dumps({"id": 1, "text": "Sylvania recalled its ambassador.", "published": "2021-03-09"}),
            "not json",
            json.dumps({"id": 2, "text": "Freedonia welcomed the talks."}),
        ]
    )
    first, second, third = read("-", stdin=io.StringIO("  " + lines + "\n"))
    assert (first.id, first.origin, first.published) == ("1", "<stdin>:1", dt.date(2021, 3, 9))
    assert isinstance(second, InputError) and second.origin == "<stdin>:2"
    assert (third.id, third.origin) == ("2", "<stdin>:3")


def test_empty_stdin_is_an_error():
    error = only_error(read("-", stdin=io.StringIO("\n")))
    assert (error.origin, error.reason) == ("<stdin>", "empty input")


def test_parquet_rows_are_records_with_the_columns_of_a_json_record(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "wire.parquet"
    table = pa.table(
        {
            "id": ["wire-0", "wire-1", "wire-2"],
            "text": ["Iran sent drones to Russia on Tuesday.", None, "North Korea fired a missile on Friday."],
            "published": [dt.date(2024, 4, 24), None, dt.date(2024, 4, 25)],
        }
    )
    pq.write_table(table, path)
    items = list(read_inputs([str(path)]))
    assert [getattr(item, "id", None) for item in items] == ["wire-0", None, "wire-2"]
    assert items[0].published == dt.date(2024, 4, 24)
    assert items[1].origin == f"{path}:2"  # the row without text is one clear error, the rest go on
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    (error,) = read_inputs([str(broken)])
    assert error.origin == str(broken) and "Parquet" in error.reason


def test_parquet_is_read_from_a_filesystem_uri_and_other_uris_are_one_clear_error(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "wire.parquet"
    pq.write_table(pa.table({"id": ["wire-0"], "text": ["Iran sent drones to Russia on Tuesday."]}), path)
    (record,) = read_inputs([path.as_uri()])
    assert record.id == "wire-0" and record.origin == f"{path.as_uri()}:1"
    (unknown,) = read_inputs(["nosuchfs://bucket/wire.parquet"])
    assert unknown.origin == "nosuchfs://bucket/wire.parquet" and "Parquet" in unknown.reason
    (not_parquet,) = read_inputs(["s3://bucket/wire.jsonl"])
    assert "only Parquet" in not_parquet.reason
