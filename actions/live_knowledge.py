"""The knowledge file as the action server serves it: reloaded after an edit, if the edit is valid.

A maintainer edits data/knowledge/knowledge.yml while readers chat. Each action
call checks whether the file (or the article it quotes) changed since it was
loaded (one `stat` of each); if so it loads and validates it again. A valid
file is served from that call on. A broken one is logged, every problem with
file, entry and reason, once per broken version, and the previous knowledge
keeps serving, so a typo never takes the assistant down.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Optional, Tuple

from actions.knowledge import Knowledge, KnowledgeError, load_knowledge

logger = logging.getLogger(__name__)

Stamp = Tuple[Tuple[int, int], ...]


def _stamp(*paths: Path) -> Stamp:
    """What changes when a file is edited: modification time and size, per file."""
    stamps = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            stamps.append((-1, -1))
        else:
            stamps.append((info.st_mtime_ns, info.st_size))
    return tuple(stamps)


class LiveKnowledge:
    """The current valid knowledge, reloaded when its files change."""

    def __init__(self, knowledge: Knowledge) -> None:
        self._knowledge = knowledge
        self._stamp = self._files_stamp(knowledge)
        self._rejected: Optional[Stamp] = None

    @staticmethod
    def _files_stamp(knowledge: Knowledge) -> Stamp:
        return _stamp(knowledge.path, knowledge.article_path)

    def current(self) -> Knowledge:
        """The knowledge to answer from now: reloaded first if its files changed and validate."""
        stamp = self._files_stamp(self._knowledge)
        if stamp == self._stamp or stamp == self._rejected:
            return self._knowledge
        try:
            knowledge = load_knowledge(self._knowledge.path)
        except KnowledgeError as err:
            self._rejected = stamp
            logger.error(
                "The edited knowledge file is broken; still serving the previous version. "
                "Problems:\n%s",
                "\n".join(f"  - {problem}" for problem in err.problems),
            )
            return self._knowledge
        self._knowledge, self._stamp, self._rejected = knowledge, stamp, None
        logger.info("Reloaded %d knowledge entries from %s", len(knowledge.entries), knowledge.path)
        return knowledge
