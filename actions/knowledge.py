"""Load and validate the knowledge file, so actions only ever see checked facts.

Run ``python -m actions.knowledge [FILE]`` to check a file by hand; it prints
every problem (file, entry, what is wrong) and the article's coverage, and
exits non-zero when the file is broken or a factual sentence is not quoted.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import itertools
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Mapping, Optional, Sequence, Tuple

import yaml

from understanding.intent_model import stems
from understanding.questions import QUESTION_KINDS, kinds_answered, kinds_of_question

DEFAULT_KNOWLEDGE_FILE = (
    Path(__file__).resolve().parent.parent / "data" / "knowledge" / "knowledge.yml"
)
KNOWLEDGE_FILE_ENV = "KNOWLEDGE_FILE"

# Question entries are reached through the intent "ask_<id>"; who's-who entries
# (those with a topic) through this intent and the "topic" entity.
QUESTION_INTENT_PREFIX = "ask_"
TOPIC_INTENT = "ask_about_entity"

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
# A sentence ends at . ! or ? (optionally followed by a closing quote) before
# white space; the article has no abbreviations that would fool this.
_SENTENCE_END = re.compile(r'(?<=[.!?])\s+|(?<=[.!?]")\s+')

_ENTRY_FIELDS = {
    "id",
    "question",
    "answer",
    "sources",
    "related",
    "detail",
    "why",
    "topic",
    "answers",
    "not_said",
}
_REQUIRED_ENTRY_FIELDS = ("id", "question", "answer", "sources", "related")
_SUB_ANSWER_FIELDS = {"answer", "sources"}
_SUBJECT_FIELDS = {"id", "kind", "names", "entry", "opposes"}
SUBJECT_KINDS = ("person", "group", "place", "event", "country", "organisation")


class KnowledgeError(Exception):
    """The knowledge file cannot be used; ``problems`` lists every reason."""

    def __init__(self, problems: List[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Answer:
    """A short answer and the verbatim article sentences it rests on."""

    text: str
    sources: Tuple[str, ...]


@dataclass(frozen=True)
class NotSaid:
    """Something a reader may ask that the article does not say, and what to show instead."""

    text: str
    instead: Optional[str] = None


@dataclass(frozen=True)
class Entry:
    """One thing a reader can ask about, with its follow-ups."""

    id: str
    question: str
    main: Answer
    related: Tuple[str, ...]
    detail: Optional[Answer] = None
    why: Optional[Answer] = None
    topic: Optional[str] = None
    # Kinds of question (QUESTION_KINDS) the answer settles: declared, plus
    # when / date / count found in the answer's own words.
    answers: FrozenSet[str] = frozenset()
    not_said: Mapping[str, NotSaid] = field(default_factory=dict)
    # Subjects named in the question or answer, in order of first mention.
    about: Tuple[str, ...] = ()

    @property
    def intent(self) -> str:
        """The intent that asks for this entry (who's-who entries share one)."""
        return TOPIC_INTENT if self.topic else QUESTION_INTENT_PREFIX + self.id


# Kinds of subject that can stand for each other: "and the regime?" after a question
# about the rebels, or an entry about Russia for a question about Turkey.
_FAMILY = {
    "person": "agent",
    "group": "agent",
    "country": "agent",
    "organisation": "agent",
    "place": "place",
    "event": "event",
}


@dataclass(frozen=True)
class Subject:
    """A person, group, place or event the article names, and every way of naming it."""

    id: str
    kind: str
    names: Tuple[str, ...]
    entry: str
    # The subject on the other side of the conflict: "the other side" after this one.
    opposes: Optional[str] = None

    @property
    def name(self) -> str:
        return self.names[0]

    def named_after(self, person: "Subject") -> bool:
        """Whether a group is named after a person ("the Assad regime"): the one at its head."""
        words = {w.casefold() for name in self.names for w in re.findall(r"[\w-]+", name)}
        return self.kind == "group" and any(name.casefold() in words for name in person.names)

    def is_kin(self, other: "Subject") -> bool:
        """Whether the two are of one family (people, groups, countries; places; events)."""
        return _FAMILY[self.kind] == _FAMILY[other.kind]


@dataclass(frozen=True)
class Mention:
    """Where a subject is named in a text."""

    subject: str
    start: int
    end: int


class SubjectFinder:
    """Finds subjects by name, longest name first, so "Assad regime" is the regime."""

    def __init__(self, subjects: Iterable[Subject]) -> None:
        subjects = list(subjects)
        names = sorted(
            ((name, s.id) for s in subjects for name in s.names), key=lambda n: -len(n[0])
        )
        self._by_key: Dict[str, str] = {}
        self._kind = {s.id: s.kind for s in subjects}
        self.people_adjectives = _people_adjectives(subjects)
        # Names that are ordinary words ("talks", "government"), not proper names.
        self._common = {_name_key(name) for name, _ in names if name.islower()}
        parts = []
        for name, subject_id in names:
            self._by_key.setdefault(_name_key(name), subject_id)
            body = re.escape(name).replace(r"\ ", r"[\s-]+")
            # Short capitals (US, UN) only match in capitals: "tell us" is not the US.
            exact = len(name) <= 3 and name.isupper()
            parts.append(body if exact else f"(?i:{body})")
        # "UN-mediated", "Russia-backed" name the UN and Russia; "Jaysh Al" is no name of its own.
        self._pattern = re.compile(
            r"(?<![\w-])(?:" + "|".join(parts) + r")(?:'s|’s)?(?!\w)(?!-[^a-z])"
        )
        # One-word names ("Alloush", "Astana") also match a close misspelling.
        self._single_words = {
            _name_key(name): subject_id
            for name, subject_id in names
            if " " not in name and "-" not in name and len(name) >= _SHORTEST_FUZZY_NAME
        }
        # Two letters typed the wrong way round ("Irna", "tlaks"), also in a four-letter name.
        self._swapped = {
            swapped: subject_id
            for name, subject_id in names
            if " " not in name and "-" not in name and len(name) >= _SHORTEST_SWAPPED_NAME
            for swapped in swapped_spellings(_name_key(name))
        }
        # The knowledge file's own sentences are looked up again on every turn.
        self.find = functools.lru_cache(maxsize=_CACHED_TEXTS)(self._find)

    def _find(self, text: str) -> List[Mention]:
        found, taken = [], []
        for m in self._pattern.finditer(text):
            mention = Mention(self._by_key[_name_key(m.group(0))], m.start(), m.end())
            taken.append((m.start(), m.end()))
            if _name_key(m.group(0)) in self._common and self._names_another(text, found, mention):
                continue
            found.append(mention)
        for word in itertools.islice(_NAME_WORD.finditer(text), _WORDS_SPELL_CHECKED):
            if len(word.group(0)) < _SHORTEST_SWAPPED_NAME or any(
                s < word.end() and word.start() < e for s, e in taken
            ):
                continue
            said = word.group(0).casefold()
            if said in self._swapped:
                found.append(Mention(self._swapped[said], word.start(), word.end()))
                continue
            if len(said) < _SHORTEST_FUZZY_NAME:
                continue
            close = difflib.get_close_matches(said, self._single_words, n=1, cutoff=_CLOSE_SPELLING)
            # A misspelling keeps the first letter: "position" is no "opposition". The
            # plural of an ordinary word is not its one subject: "governments" are others.
            plural = bool(close) and close[0] in self._common and said == close[0] + "s"
            # A people's name in the singular is mostly its adjective: "the Syrian talks"
            # are not about the Syrians ("Russian" stays Russia's: its subject is the country).
            demonym = said in self.people_adjectives
            if close and close[0][0] == said[0] and not plural and not demonym:
                found.append(Mention(self._single_words[close[0]], word.start(), word.end()))
        return sorted(found, key=lambda m: m.start)

    def _names_another(self, text: str, before: List[Mention], mention: Mention) -> bool:
        """ "more talks", "his government" (Trump's): an ordinary word naming a subject
        names another one of its kind after "more", "other", "future" and the like, or
        after a person's or country's possessive."""
        ahead = text[: mention.start].rstrip()
        if _OTHER_ONES.search(ahead):
            return True
        owner = before[-1] if before else None
        if owner is None or self._kind[owner.subject] not in ("person", "country"):
            return False
        between = text[owner.end : mention.start].strip()
        # The name may take in its "'s" ("Trump's") or leave it out ("President Donald Trump").
        return between in ("'s", "’s") or (
            not between and text[owner.start : owner.end].endswith(("'s", "’s"))
        )


def _people_adjectives(subjects: Sequence[Subject]) -> FrozenSet[str]:
    """ "syrian": a group's proper one-word plural name in the singular, when other names use
    it as their adjective ("Syrian regime"); it names no one ("the Syrian talks")."""
    words_of_names = {w.casefold() for s in subjects for n in s.names for w in n.split()}
    return frozenset(
        name[:-1].casefold()
        for s in subjects
        if s.kind == "group"
        for name in s.names
        if " " not in name
        and not name.islower()
        and name.endswith("s")
        and name[:-1].casefold() in words_of_names
    )


# Words before an ordinary name that make it another thing of its kind: "more talks".
_OTHER_ONES = re.compile(
    r"\b(?:more|other|another|further|future|next|upcoming|subsequent)"
    r"(?:\s+rounds?\s+of)?$",
    re.IGNORECASE,
)
# "alush" is Allush, "Astna" is Astana; shorter words are too easily another word.
_SHORTEST_FUZZY_NAME = 5
_SHORTEST_SWAPPED_NAME = 4
# A word in this share of the article's sentences or more says nothing of where it is.
_COMMON_SHARE = 0.1


def swapped_spellings(name: str) -> List[str]:
    """A word with two neighbouring letters after the first swapped ("irna" for "iran")."""
    return [
        name[:i] + name[i + 1] + name[i] + name[i + 2 :]
        for i in range(1, len(name) - 1)
        if name[i] != name[i + 1]
    ]


# A close-spelling lookup costs about 0.05 ms a word: a question has a few dozen
# words; a 2,000-character paste would cost 20 ms, so only its start is checked.
_WORDS_SPELL_CHECKED = 60
_CACHED_TEXTS = 4096
_CLOSE_SPELLING = 0.85
_NAME_WORD = re.compile(r"[^\W\d_]+")


def _name_key(name: str) -> str:
    """A name as looked up: any case, spaces or hyphens between words, no "'s"."""
    return re.sub(r"[\s-]+", " ", re.sub(r"(?:'s|’s)$", "", name).casefold())


@dataclass(frozen=True)
class Knowledge:
    """The validated knowledge file, indexed for the lookups actions make."""

    path: Path
    article_path: Path
    title: str
    publisher: str
    published: str
    credit: str
    author: Optional[str]
    entries: Dict[str, Entry]
    subjects: Dict[str, Subject]
    suggestions: Tuple[str, ...]
    article_sentences: Tuple[str, ...]
    uncovered: Tuple[str, ...]
    _by_intent: Dict[str, Entry] = field(repr=False, default_factory=dict)
    _by_topic: Dict[str, Entry] = field(repr=False, default_factory=dict)
    finder: Optional[SubjectFinder] = field(repr=False, default=None)

    def mentions(self, text: str) -> List[Mention]:
        """The subjects named in a text, in order."""
        # A copy: the finder keeps its answers for the next lookup of the same text.
        return list(self.finder.find(text)) if self.finder else []

    @functools.cached_property
    def people_adjective_stems(self) -> FrozenSet[str]:
        """The stems of the finder's people's adjectives: being in most names ("Syrian
        regime"), they tell no more than a name would."""
        adjectives = self.finder.people_adjectives if self.finder else frozenset()
        return frozenset(stems(word) for word in adjectives)

    @functools.cached_property
    def stems_telling_nothing(self) -> FrozenSet[str]:
        """Stems that are near anything in the article: the words of names, and those of a
        tenth of its sentences or more ("Syria"). Worked out once per knowledge file read."""
        named = {w for s in self.subjects.values() for n in s.names for w in stems(n).split()}
        counts: Dict[str, int] = {}
        for sentence in self.article_sentences:
            for w in set(stems(sentence).split()):
                counts[w] = counts.get(w, 0) + 1
        least = _COMMON_SHARE * len(self.article_sentences)
        return frozenset(named | {w for w, n in counts.items() if n >= least})

    def words_apart(
        self,
        sentence: str,
        words: FrozenSet[str],
        subjects: Sequence[str],
        named_first: bool = False,
    ) -> int:
        """Fewest words between one of `words` (stems) and a name of one of the subjects
        in a sentence (only a name coming before the word, if `named_first`); `sys.maxsize`
        if either is missing."""
        names = [m for m in self.mentions(sentence) if m.subject in subjects]
        if not names:
            return sys.maxsize
        found = _stemmed_words(sentence)
        apart = [
            len([s for s, _, _ in found if min(m.end, end) <= s < max(m.start, start)])
            for start, end, stem in found
            if stem in words
            for m in names
            if not named_first or m.end <= start
        ]
        return min(apart, default=sys.maxsize)

    def subject_of_entry(self, entry: Entry) -> Optional[Subject]:
        """The subject an entry is mainly about: the one it is "what about X" for, or its first."""
        for subject in self.subjects.values():
            if subject.entry == entry.id:
                return subject
        return self.subjects.get(entry.about[0]) if entry.about else None

    def own_entry(self, subject_id: str) -> Optional[Entry]:
        """A subject's own "what about X?" entry."""
        return self.entries.get(self.subjects[subject_id].entry)

    def for_intent(self, intent: Optional[str]) -> Optional[Entry]:
        return self._by_intent.get(intent or "")

    def for_topic(self, topic: Optional[str]) -> Optional[Entry]:
        """The entry for a topic, also when NLU extracted a name with no synonym.

        "Mistura" or "Alloush's" still find their entry when exactly one
        topic shares a name word with them; an ambiguous word finds none.
        """
        exact = self._by_topic.get(_fold(topic or ""))
        if exact or not topic:
            return exact
        words = _name_words(topic)
        matches = [e for key, e in self._by_topic.items() if words & _name_words(key)]
        return matches[0] if len(matches) == 1 else None

    @property
    def covered_count(self) -> int:
        return len(self.article_sentences) - len(self.uncovered)


@functools.lru_cache(maxsize=_CACHED_TEXTS)
def _stemmed_words(sentence: str) -> Tuple[Tuple[int, int, str], ...]:
    """Where each word of a sentence is and its stem: the article's are asked about often."""
    return tuple((w.start(), w.end(), stems(w.group(0))) for w in re.finditer(r"[\w']+", sentence))


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _name_words(text: str) -> set:
    """Distinctive words of a name: "al", "the" and the like say nothing."""
    words = set(re.findall(r"[a-z0-9]+", text.casefold()))
    return {w for w in words if len(w) > 2 and w not in {"the", "syrian"}}


def _squash(text: str) -> str:
    """Collapse white space so line breaks in YAML never break a verbatim match."""
    return " ".join(text.split())


def split_sentences(paragraph: str) -> List[str]:
    return [s for s in _SENTENCE_END.split(paragraph.strip()) if s]


def factual_sentences(article: str, not_quoted: Iterable[str]) -> List[str]:
    """The article's sentences minus headings, credits and repeats.

    A ``not_quoted`` text may be a whole line (a heading, a credit) or one
    sentence inside a line (a rhetorical question).
    """
    skip = {_squash(line) for line in not_quoted}
    seen: List[str] = []
    for line in article.splitlines():
        line = _squash(line)
        if not line or line in skip:
            continue
        for sentence in split_sentences(line):
            if sentence not in seen and sentence not in skip:
                seen.append(sentence)
    return seen


class _Checker:
    """Collects every problem in one pass, so a maintainer fixes them all at once."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: List[str] = []

    def problem(self, where: str, what: str) -> None:
        self.problems.append(f"{self.path}: {where}: {what}")

    def text(self, where: str, value: Any, name: str) -> Optional[str]:
        if not isinstance(value, str) or not value.strip():
            self.problem(where, f"'{name}' must be a non-empty string, got {value!r}")
            return None
        return _squash(value)

    def text_list(self, where: str, value: Any, name: str) -> Optional[List[str]]:
        if not isinstance(value, list) or not value:
            self.problem(where, f"'{name}' must be a non-empty list, got {value!r}")
            return None
        items = [self.text(where, item, f"{name}[{i}]") for i, item in enumerate(value)]
        return None if None in items else items  # type: ignore[return-value]


def _check_sources(check: _Checker, where: str, sources: List[str], article: str) -> None:
    for quote in sources:
        if quote not in article:
            check.problem(where, f"source is not verbatim in the article: {quote!r}")


def _read_answer(
    check: _Checker, where: str, raw: Any, name: str, article: str
) -> Optional[Answer]:
    """Read an answer with its sources; ``name`` prefixes field names in messages."""
    if not isinstance(raw, dict):
        check.problem(where, f"'{name}' must be a mapping with answer and sources")
        return None
    prefix = f"{name}." if name else ""
    for key in sorted(set(raw) - _SUB_ANSWER_FIELDS):
        check.problem(where, f"unknown field '{prefix}{key}'")
    text = check.text(where, raw.get("answer"), f"{prefix}answer")
    sources = check.text_list(where, raw.get("sources"), f"{prefix}sources")
    if sources:
        _check_sources(check, where, sources, article)
    if text is None or sources is None:
        return None
    return Answer(text, tuple(sources))


def _read_entry(check: _Checker, index: int, raw: Any, article: str) -> Optional[Entry]:
    if not isinstance(raw, dict):
        check.problem(f"entry #{index + 1}", "must be a mapping")
        return None
    entry_id = raw.get("id")
    where = f"entry '{entry_id}'" if isinstance(entry_id, str) else f"entry #{index + 1}"
    for key in sorted(set(raw) - _ENTRY_FIELDS):
        check.problem(where, f"unknown field '{key}'")
    for key in _REQUIRED_ENTRY_FIELDS:
        if key not in raw:
            check.problem(where, f"missing field '{key}'")
    if not isinstance(entry_id, str) or not _ID_PATTERN.match(entry_id):
        check.problem(where, f"'id' must be lower_snake_case text, got {entry_id!r}")
        return None
    question = check.text(where, raw.get("question"), "question")
    answer = _read_answer(
        check,
        where,
        {"answer": raw.get("answer"), "sources": raw.get("sources")},
        "",
        article,
    )
    related = raw.get("related")
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        check.problem(where, f"'related' must be a list of entry ids, got {related!r}")
        related = None
    detail = why = topic = None
    if "detail" in raw:
        detail = _read_answer(check, where, raw["detail"], "detail", article)
    if "why" in raw:
        why = _read_answer(check, where, raw["why"], "why", article)
    if "topic" in raw:
        topic = check.text(where, raw["topic"], "topic")
    declared = _read_kinds(check, where, raw.get("answers", []))
    not_said = _read_not_said(check, where, raw.get("not_said", {}))
    if question is None or answer is None or related is None:
        return None
    answers = frozenset(declared) | kinds_answered(answer.text) | kinds_of_question(question)
    if why is not None:
        answers |= {"reason"}
    return Entry(entry_id, question, answer, tuple(related), detail, why, topic, answers, not_said)


def _read_kinds(check: _Checker, where: str, raw: Any) -> List[str]:
    if not isinstance(raw, list) or not all(k in QUESTION_KINDS for k in raw):
        check.problem(
            where, f"'answers' must be a list of {', '.join(QUESTION_KINDS)}; got {raw!r}"
        )
        return []
    return raw


def _read_not_said(check: _Checker, where: str, raw: Any) -> Dict[str, NotSaid]:
    """`not_said: {kind: text}` or `{kind: {text: ..., instead: entry id}}`."""
    if not isinstance(raw, dict):
        check.problem(where, f"'not_said' must map a kind of question to a text, got {raw!r}")
        return {}
    result = {}
    for kind, value in raw.items():
        if kind not in QUESTION_KINDS:
            check.problem(
                where, f"not_said: unknown kind '{kind}' (use {', '.join(QUESTION_KINDS)})"
            )
            continue
        if isinstance(value, dict):
            for key in sorted(set(value) - {"text", "instead"}):
                check.problem(where, f"unknown field 'not_said.{kind}.{key}'")
            text = check.text(where, value.get("text"), f"not_said.{kind}.text")
            instead = value.get("instead")
            if instead is not None and not isinstance(instead, str):
                check.problem(where, f"'not_said.{kind}.instead' must be an entry id")
                instead = None
        else:
            text, instead = check.text(where, value, f"not_said.{kind}"), None
        if text is not None:
            result[kind] = NotSaid(text, instead)
    return result


def _read_subjects(check: _Checker, raw: Any, entries: Dict[str, Entry]) -> Dict[str, Subject]:
    if raw is None:
        return {}
    if not isinstance(raw, list):
        check.problem("subjects", "must be a list")
        return {}
    subjects: Dict[str, Subject] = {}
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            check.problem(f"subject #{index + 1}", "must be a mapping")
            continue
        sid = item.get("id")
        where = f"subject '{sid}'" if isinstance(sid, str) else f"subject #{index + 1}"
        for key in sorted(set(item) - _SUBJECT_FIELDS):
            check.problem(where, f"unknown field '{key}'")
        if not isinstance(sid, str) or not _ID_PATTERN.match(sid):
            check.problem(where, f"'id' must be lower_snake_case text, got {sid!r}")
            continue
        if sid in subjects:
            check.problem(where, "duplicate id")
            continue
        kind = item.get("kind")
        if kind not in SUBJECT_KINDS:
            check.problem(where, f"'kind' must be one of {', '.join(SUBJECT_KINDS)}, got {kind!r}")
        names = check.text_list(where, item.get("names"), "names")
        entry = item.get("entry")
        if entry not in entries:
            check.problem(where, f"entry '{entry}' does not exist")
        opposes = item.get("opposes")
        if kind in SUBJECT_KINDS and names and entry in entries:
            subjects[sid] = Subject(sid, kind, tuple(names), entry, opposes)
    for subject in subjects.values():
        if subject.opposes is None:
            continue
        other = subjects.get(subject.opposes)
        if other is None or other.opposes != subject.id:
            check.problem(
                f"subject '{subject.id}'",
                f"opposes '{subject.opposes}', which must be a subject opposing it back",
            )
    return subjects


def _link(check: _Checker, entries: Dict[str, Entry], suggestions: Any) -> Tuple[str, ...]:
    for entry in entries.values():
        for rel in entry.related:
            if rel == entry.id:
                check.problem(f"entry '{entry.id}'", "'related' lists the entry itself")
            elif rel not in entries:
                check.problem(f"entry '{entry.id}'", f"related id '{rel}' does not exist")
    if not isinstance(suggestions, list) or not suggestions:
        check.problem("suggestions", "must be a non-empty list of entry ids")
        return ()
    for sid in suggestions:
        if sid not in entries:
            check.problem("suggestions", f"id '{sid}' does not exist")
    return tuple(str(s) for s in suggestions)


def load_knowledge(path: Optional[os.PathLike] = None) -> Knowledge:
    """Read, validate and index a knowledge file; raise KnowledgeError if unusable."""
    path = Path(path or os.environ.get(KNOWLEDGE_FILE_ENV) or DEFAULT_KNOWLEDGE_FILE)
    check = _Checker(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise KnowledgeError([f"{path}: cannot read file: {err.strerror or err}"])
    except yaml.YAMLError as err:
        raise KnowledgeError([f"{path}: not valid YAML: {err}"])
    if not isinstance(raw, dict):
        raise KnowledgeError([f"{path}: top level must be a mapping"])

    source = raw.get("source")
    if not isinstance(source, dict):
        raise KnowledgeError([f"{path}: source: must name the article (title, file ...)"])
    title = check.text("source", source.get("title"), "title")
    credit = check.text("source", source.get("credit"), "credit")
    author = source.get("author")
    if author is not None:
        author = check.text("source", author, "author")
    publisher = check.text("source", source.get("publisher"), "publisher")
    published = check.text("source", source.get("published"), "published")
    article_name = check.text("source", source.get("file"), "file")
    if check.problems or article_name is None:
        raise KnowledgeError(check.problems)
    article_path = path.parent / article_name
    try:
        article_text = article_path.read_text(encoding="utf-8")
    except OSError as err:
        raise KnowledgeError([f"{path}: source: cannot read article {article_path}: {err}"])
    article = _squash(article_text)

    not_quoted: List[str] = []
    for i, item in enumerate(raw.get("not_quoted") or []):
        text = check.text(
            f"not_quoted #{i + 1}", item.get("text") if isinstance(item, dict) else item, "text"
        )
        if text is not None:
            if text not in article:
                check.problem(f"not_quoted #{i + 1}", f"not in the article: {text!r}")
            not_quoted.append(text)

    raw_entries = raw.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        check.problem("entries", "must be a non-empty list")
        raw_entries = []
    entries: Dict[str, Entry] = {}
    by_topic: Dict[str, Entry] = {}
    for index, item in enumerate(raw_entries):
        entry = _read_entry(check, index, item, article)
        if entry is None:
            continue
        if entry.id in entries:
            check.problem(f"entry '{entry.id}'", "duplicate id")
            continue
        entries[entry.id] = entry
        if entry.topic:
            if _fold(entry.topic) in by_topic:
                check.problem(f"entry '{entry.id}'", f"duplicate topic '{entry.topic}'")
            by_topic[_fold(entry.topic)] = entry
    suggestions = _link(check, entries, raw.get("suggestions"))
    for entry in entries.values():
        for kind, gap in entry.not_said.items():
            if gap.instead is not None and gap.instead not in entries:
                check.problem(
                    f"entry '{entry.id}'",
                    f"not_said.{kind}.instead: id '{gap.instead}' does not exist",
                )
    if credit is not None and credit not in article:
        check.problem("source", f"credit is not verbatim in the article: {credit!r}")
    subjects = _read_subjects(check, raw.get("subjects"), entries)
    if check.problems:
        raise KnowledgeError(check.problems)
    finder = SubjectFinder(subjects.values())
    entries = {
        eid: dataclasses.replace(e, about=_subjects_named(finder, f"{e.question} {e.main.text}"))
        for eid, e in entries.items()
    }
    by_topic = {key: entries[e.id] for key, e in by_topic.items()}

    sentences = factual_sentences(article_text, not_quoted)
    quoted = [
        q
        for e in entries.values()
        for a in (e.main, e.detail, e.why)
        if a is not None
        for q in a.sources
    ]
    uncovered = tuple(s for s in sentences if not any(s in q for q in quoted))
    by_intent = {e.intent: e for e in entries.values() if not e.topic}
    return Knowledge(
        path=path,
        article_path=article_path,
        title=title or "",
        publisher=publisher or "",
        published=published or "",
        credit=credit or "",
        author=author,
        entries=entries,
        subjects=subjects,
        suggestions=suggestions,
        article_sentences=tuple(sentences),
        uncovered=uncovered,
        _by_intent=by_intent,
        _by_topic=by_topic,
        finder=finder,
    )


def _subjects_named(finder: SubjectFinder, text: str) -> Tuple[str, ...]:
    return tuple(dict.fromkeys(m.subject for m in finder.find(text)))


def both_sides(knowledge: Knowledge, subjects: Sequence[str]) -> Tuple[str, ...]:
    """The two opposing sides, if a question names both."""
    for s in subjects:
        other = knowledge.subjects[s].opposes
        if other in subjects:
            return (s, other)
    return ()


def main(argv: List[str]) -> int:
    """Check a knowledge file for maintainers and CI; non-zero exit on any problem."""
    try:
        knowledge = load_knowledge(argv[0] if argv else None)
    except KnowledgeError as err:
        print("Knowledge file is broken:", file=sys.stderr)
        for line in err.problems:
            print(f"  - {line}", file=sys.stderr)
        return 1
    total = len(knowledge.article_sentences)
    print(
        f"{knowledge.path}: {len(knowledge.entries)} entries; "
        f"{knowledge.covered_count}/{total} factual article sentences quoted"
    )
    for sentence in knowledge.uncovered:
        print(f"  not quoted by any entry: {sentence!r}", file=sys.stderr)
    return 1 if knowledge.uncovered else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
