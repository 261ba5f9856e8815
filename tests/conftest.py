"""Shared fixtures: the real knowledge file and helpers to build broken copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from actions.knowledge import DEFAULT_KNOWLEDGE_FILE, Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(DEFAULT_KNOWLEDGE_FILE)


@pytest.fixture
def knowledge_copy(tmp_path):
    """Return (data, write): the real file as a dict, and a writer to a temp copy."""
    shutil.copy(DEFAULT_KNOWLEDGE_FILE.parent / "article.txt", tmp_path / "article.txt")
    data = yaml.safe_load(DEFAULT_KNOWLEDGE_FILE.read_text(encoding="utf-8"))
    target = tmp_path / "knowledge.yml"

    def write(changed: dict) -> Path:
        target.write_text(yaml.safe_dump(changed, sort_keys=False), encoding="utf-8")
        return target

    return data, write
