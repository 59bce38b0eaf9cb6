"""How Dossier decodes UTF-8 stories with one stray byte in them.

Each story of the corpus that holds a non-ASCII character gets one byte that is not
UTF-8 (0x92, the cp1252 apostrophe that legacy tools leave behind) at a random place,
and is decoded as a file would be. Right: the text comes back as UTF-8 with that one
byte as U+FFFD. Wrong: the whole text guessed as another code page, or refused.

    python bench/stray_bytes.py --corpus ../shared/corpora/voa/voa_stories.jsonl
"""

from __future__ import annotations

import argparse
import json
import random

from dossier.ingest.readers import decode_text

STRAY = b"\x92"


def stories(path: str, limit: int) -> list[str]:
    texts = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line).get("text") or ""
            if any(ord(char) > 0x7F for char in text):
                texts.append(text)
            if len(texts) == limit:
                break
    return texts


def with_stray_byte(text: str, rng: random.Random) -> tuple[bytes, str]:
    """The story's bytes with a stray byte between two characters, and the text expected."""
    at = rng.randrange(1, len(text))
    return text[:at].encode() + STRAY + text[at:].encode(), text[:at] + "\ufffd" + text[at:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", required=True, help="JSON lines with a 'text' field")
    parser.add_argument("--stories", type=int, default=35)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    right = refused = garbled = 0
    texts = stories(args.corpus, args.stories)
    for text in texts:
        data, expected = with_stray_byte(text, rng)
        try:
            decoded = decode_text(data)
        except ValueError:
            refused += 1
            continue
        if decoded == expected:
            right += 1
        else:
            garbled += 1
    print(f"stories with one stray byte: {len(texts)}")
    print(f"decoded as UTF-8, the stray byte U+FFFD: {right}")
    print(f"decoded as another code page (garbled): {garbled}")
    print(f"refused: {refused}")


if __name__ == "__main__":
    main()
