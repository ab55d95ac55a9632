"""Readers small enough to hold in your head: size limits checked over the AST of extract/."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "extract"
MAX_MODULE_LINES = 450
MAX_FUNCTION_LINES = 50
MAX_CLASS_LINES = 200
# Gazetteer data and generated files would be exempt, but they live in patterns/, not here.
MODULES = sorted(PACKAGE.rglob("*.py"))


def oversize(path: Path) -> list[str]:
    """Every definition in the module longer than its limit, as 'name: N lines'."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            limit = MAX_FUNCTION_LINES
        elif isinstance(node, ast.ClassDef):
            limit = MAX_CLASS_LINES
        else:
            continue
        length = (node.end_lineno or node.lineno) - node.lineno + 1
        if length > limit:
            found.append(f"{node.name}: {length} lines")
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.relative_to(PACKAGE).as_posix())
def test_module_and_its_definitions_are_small(path: Path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines"
    assert oversize(path) == []


def test_the_limits_do_catch_a_long_function(tmp_path: Path):
    module = tmp_path / "long.py"
    module.write_text("def long():\n" + "    x = 1\n" * MAX_FUNCTION_LINES, encoding="utf-8")
    assert oversize(module) == [f"long: {MAX_FUNCTION_LINES + 1} lines"]
