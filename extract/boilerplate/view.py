"""`--show-boilerplate`: the page as read, with every dropped range struck through and its reason.

On a terminal a range is struck through and dimmed, its reason in brackets after it; elsewhere
(a pipe, NO_COLOR) it is written `[-dropped text-]{reason}` so that it still reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ..cli_utils import report
from ..inputs import InputError, InputWarning, Read
from . import find_boilerplate

_STRIKE, _REASON, _RESET = "\x1b[9;2m", "\x1b[33m", "\x1b[0m"


def marked_text(text: str, color: bool) -> str:
    """`text` with its boilerplate ranges shown as dropped."""
    parts, position = [], 0
    for item in find_boilerplate(text):
        parts.append(text[position : item.start])
        dropped = text[item.start : item.end]
        if color:
            # Strike each line apart: a terminal ends the style at a line break on some systems.
            struck = "\n".join(f"{_STRIKE}{line}{_RESET}" for line in dropped.split("\n"))
            parts.append(f"{struck} {_REASON}[{item.reason}]{_RESET}")
        else:
            parts.append(f"[-{dropped}-]{{{item.reason}}}")
        position = item.end
    parts.append(text[position:])
    return "".join(parts)


def show_boilerplate(items: Iterable[Read], out: TextIO, color: bool) -> int:
    """Write every input with its dropped ranges marked; the exit code (1 if an input failed)."""
    failed = False
    for item in items:
        if isinstance(item, InputError | InputWarning):
            is_error = isinstance(item, InputError)
            report("error" if is_error else "warning", item.source, item.message)
            failed = failed or is_error
            continue
        name = item.source or item.id or "<stdin>"
        out.write(f"==> {name} <==\n{marked_text(item.text, color)}\n")
    return 1 if failed else 0
