"""The sizes Dossier refuses past, in one place: the readers, the pipeline, the store,
the settings and the HTTP API all take them from here."""

#: Files and request bodies larger than this are refused before they are read.
DEFAULT_MAX_FILE_BYTES = 10_000_000
#: spaCy's ``max_length``: no text is ever longer than this, whatever the settings say.
SPACY_MAX_CHARS = 1_000_000
#: Longer texts are refused: parsing costs memory in proportion to the text (a 900,000
#: character article took 3.1 GB), so the default keeps one article well under 1 GB.
DEFAULT_MAX_TEXT_CHARS = 200_000
#: PostgreSQL refuses index entries over about 2,700 bytes and SQLite has no such limit:
#: one limit for both, well inside PostgreSQL's.
MAX_ID_BYTES = 1024
