"""Find names in a question that the article, the knowledge file and the training data never use.

"How many Syrians fled to Lebanon?" reads like "how many have fled Syria", so
the classifier picks the war-toll entry, whose answer is true but is not about
Lebanon. Nothing the assistant was built from mentions Lebanon, so the honest
reply is that the article doesn't say. A name here is a capitalised word
inside a sentence (not its first word); a close spelling of a known word
("Astna") counts as known.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Iterable, List

from actions.knowledge import Knowledge, swapped_spellings

DEFAULT_NLU_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"
_WORD = re.compile(r"[^\W\d_]+")
# How close a misspelling must be to a known word (difflib ratio) to count as it:
# above 0.8, so that a short word inside a longer name ("face" in "France") is not it.
_CLOSE_ENOUGH = 0.82
_SHORTEST_NAME = 3
# A close-spelling lookup costs about a millisecond; a 2,000-character paste of
# capitalised words would cost a quarter of a second of the action server's
# time. Questions name a few things, so only the first runs are looked at.
_RUNS_LOOKED_AT = 12
_NAMES_REPORTED = 3


class KnownWords:
    """Every word the assistant was built from, to tell which names it has never seen."""

    def __init__(self, texts: Iterable[str]) -> None:
        written = [w for text in texts for w in _WORD.findall(text)]
        self.words = frozenset(w.casefold() for w in written)
        # A misspelt name is close to a name ("Astna"), not to any word: "Mars" is no
        # "marks", and a question about Mars is none about the article.
        self.names = frozenset(w.casefold() for w in written if w[0].isupper())

    @classmethod
    def of(cls, knowledge: Knowledge, nlu_dir: Path = DEFAULT_NLU_DIR) -> "KnownWords":
        """The words of the article, the knowledge file and the NLU training files."""
        files = [knowledge.article_path, knowledge.path, *sorted(nlu_dir.glob("*.yml"))]
        return cls(path.read_text(encoding="utf-8") for path in files)

    @classmethod
    def of_article(cls, knowledge: Knowledge) -> "KnownWords":
        """The words of the article and the knowledge file only: what the article can speak of.

        The training files name Germany or Putin to teach what the article
        doesn't cover; a name only they use is still one the article never does.
        """
        files = [knowledge.article_path, knowledge.path]
        return cls(path.read_text(encoding="utf-8") for path in files)

    def knows(self, word: str) -> bool:
        folded = word.casefold()
        if folded in self.words:
            return True
        if any(s in self.words for s in swapped_spellings(folded)):
            # "Irna" is Iran typed in a hurry, not a name the article never uses.
            return True
        return bool(difflib.get_close_matches(folded, self.names, n=1, cutoff=_CLOSE_ENOUGH))

    def unknown_names(self, text: str) -> List[str]:
        """Names in `text` with a word never used in what the assistant knows.

        A name is a run of capitalised words ("Vladimir Putin"), reported whole.
        """
        names: List[str] = []
        for run in self._capitalised_runs(text)[:_RUNS_LOOKED_AT]:
            if any(len(w) >= _SHORTEST_NAME and not self.knows(w) for w in run):
                name = " ".join(run)
                if name not in names:
                    names.append(name)
            if len(names) == _NAMES_REPORTED:
                break
        return names

    @staticmethod
    def _capitalised_runs(text: str) -> List[List[str]]:
        """Runs of capitalised words, leaving out each sentence's first word."""
        runs: List[List[str]] = []
        in_run = False
        previous_end = 0
        for match in _WORD.finditer(text):
            word = match.group(0)
            # What separates this word from the previous one (or the text's start).
            gap = text[previous_end : match.start()].strip()
            starts_sentence = gap[-1] in ".!?:" if gap else previous_end == 0
            capitalised = word[0].isupper() and not starts_sentence
            if capitalised and in_run and not gap:
                runs[-1].append(word)
            elif capitalised:
                runs.append([word])
            in_run = capitalised
            previous_end = match.end()
        return runs
