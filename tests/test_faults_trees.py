"""Random folder trees (text, empty, binary and UTF-16 files, links to files and folders, loops,
broken links, nesting, odd names): every real file gives exactly one record or one error line,
never two, and the run never raises."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections import Counter

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import main

ODD_NAMES = [b"\xff\xfe", b"caf\xc3\xa9", b"\xe9t\xe9", b" space ", b"-dash", b"\xc3\x28", b"x"]
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=200
) | st.sampled_from(["The mayor of Leeds said on Tuesday that the bridge would reopen in May.\n"])
NAME = st.sampled_from(ODD_NAMES) | st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\:."),
    min_size=1,
    max_size=8,
).map(str.encode)
# (kind, index of the folder it goes in, name, content or index of what a link points at)
NODE = st.tuples(
    st.sampled_from(
        ["folder", "text", "empty", "binary", "utf16", "folder_link", "file_link", "broken_link"]
    ),
    st.integers(min_value=0, max_value=50),
    NAME,
    TEXT,
    st.integers(min_value=0, max_value=50),
)
BINARY = bytes(range(256)) * 4


def build(root: bytes, nodes: list[tuple]) -> dict[tuple[int, int], str]:
    """The tree under `root`; the real files made, by identity, as 'text' or 'binary'."""
    folders, files, made = [root], [], {}
    for number, (kind, where, name, text, target) in enumerate(nodes):
        path = folders[where % len(folders)] + b"/" + str(number).encode() + b"-" + name
        if kind == "folder":
            os.mkdir(path)
            folders.append(path)
        elif kind == "folder_link":
            os.symlink(folders[target % len(folders)], path)
        elif kind == "file_link" and files:
            os.symlink(files[target % len(files)], path + b".txt")
        elif kind == "broken_link":
            os.symlink(path + b"-missing", path + b".txt")
        elif kind in ("text", "empty", "binary", "utf16"):
            content = {
                "text": text.encode(),
                "empty": b"",
                "binary": BINARY,
                "utf16": text.encode("utf-16"),
            }[kind]
            with open(path + b".txt", "wb") as file:
                file.write(content)
            files.append(path + b".txt")
            info = os.stat(path + b".txt")
            made[(info.st_dev, info.st_ino)] = "binary" if kind == "binary" else "text"
    return made


def identity(source: str) -> tuple[int, int]:
    """The file a `source` names: `\\xNN` escapes back to the bytes of the name."""
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda m: bytes([int(m[1], 16)]), source.encode())
    info = os.stat(raw)
    return info.st_dev, info.st_ino


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NODE, max_size=14))
def test_every_file_of_any_tree_gives_one_record_or_one_error(nodes):
    with tempfile.TemporaryDirectory() as folder:
        made = build(os.fsencode(folder), nodes)
        result = CliRunner().invoke(main, ["--jsonl", folder])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert "Traceback" not in result.stderr
        records = [json.loads(line) for line in result.stdout.splitlines()]
        errors = [
            line.removeprefix("extract: error: ").split(": ")[0]
            for line in result.stderr.splitlines()
            if line.startswith("extract: error: ")
        ]
        got = Counter(identity(record["source"]) for record in records)
        failed = Counter(identity(source) for source in errors)
        assert got == Counter(key for key, kind in made.items() if kind == "text")
        assert failed == Counter(key for key, kind in made.items() if kind == "binary")
        assert result.exit_code == (1 if failed else 0)
