"""Measure the assistant against plain retrieval and against Rasa's starter bot, in one run.

    python -m bench.run_bench          (make bench)

Writes bench/results/latest.json and latest.md and the table in README.md:
answer accuracy (assistant and BM25 over the article's paragraphs, same
questions), REST latency p50/p95/p99 at 1 and 20 users and throughput at 20,
for the assistant and for `rasa init --no-prompt`'s bot (and the same for
`bench/floor_bot`, Rasa's own cost per turn with one fixed custom action),
training time (from scratch and with nothing changed), start to first answer,
model size and peak memory of each server, the held-out understanding sets and
the scale-out stack. Everything runs on loopback, on this machine.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

import requests
import yaml
from rank_bm25 import BM25Okapi

from actions.knowledge import load_knowledge
from bench import long_conversation
from bench.understanding import (
    DECLINES,
    WORD,
    answered,
    ask,
    has_facts,
    new_reader_prefix,
    refuse_training_phrasings,
    run_sets,
)
from serving.runtime import (
    BIN,
    ROOT,
    action_server_args,
    free_port,
    rasa_run_args,
    scale_out_stack,
    stop_process,
    write_endpoints,
)

BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
README = ROOT / "README.md"
README_START, README_END = "<!-- bench:start -->", "<!-- bench:end -->"
STARTER_MESSAGES = [
    "hi",
    "I am sad",
    "yes",
    "great",
    "bye",
    "are you a bot?",
    "good morning",
    "not very good",
    "I am happy",
    "goodbye",
]
USERS = 20
MESSAGES_PER_USER = 30
# A reader's conversation: 10 messages, then a new reader (as in `make load`).
# Both bots are measured this way; one endless conversation would measure how
# Rasa replays an ever longer tracker, not what readers do.
CONVERSATION_LENGTH = 10
# Scale-out runs: (readers at once, messages each), with 1 and 2 Rasa processes.
SCALE_OUT_READERS = ((20, 30), (100, 10))
SCALE_OUT_PROCESSES = (1, 2)
SINGLE_USER_MESSAGES = 132
WARM_UP = 10


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


# ---- question set and the two ways of answering ----------------------------


def load_questions() -> dict:
    data = yaml.safe_load((BENCH / "questions.yml").read_text())
    asked = [q["q"] for q in data["questions"]] + data["off_topic"]
    refuse_training_phrasings(asked, "bench/questions.yml")
    return data


class Bm25Baseline:
    """What a reader gets from plain search: the article paragraph that best matches."""

    def __init__(self) -> None:
        article = load_knowledge().article_path.read_text(encoding="utf-8")
        self.paragraphs = [p.strip() for p in article.split("\n\n") if p.strip()]
        self.index = BM25Okapi([self.tokens(p) for p in self.paragraphs])

    @staticmethod
    def tokens(text: str) -> List[str]:
        return WORD.findall(text.lower())

    def answer(self, question: str) -> Optional[str]:
        """The best paragraph, or None when no word of the question occurs in the article."""
        scores = self.index.get_scores(self.tokens(question))
        best = max(range(len(scores)), key=scores.__getitem__)
        return self.paragraphs[best] if scores[best] > 0 else None


def accuracy(webhook: str, questions: dict) -> dict:
    bm25 = Bm25Baseline()
    rows = []
    prefix = new_reader_prefix()
    for i, item in enumerate(questions["questions"]):
        reply = ask(webhook, f"{prefix}-accuracy-{i}", item["q"])
        paragraph = bm25.answer(item["q"]) or ""
        rows.append(
            {
                "question": item["q"],
                "facts": item["facts"],
                "assistant": answered(reply, item["facts"]),
                "bm25": has_facts(paragraph, item["facts"]),
            }
        )
    off = []
    for i, question in enumerate(questions["off_topic"]):
        reply = ask(webhook, f"{prefix}-off-topic-{i}", question)
        declined = any(d in reply for d in DECLINES) and "From the article:" not in reply
        off.append(
            {"question": question, "assistant": declined, "bm25": bm25.answer(question) is None}
        )

    def share(items: List[dict], who: str) -> float:
        return round(100 * sum(r[who] for r in items) / len(items), 1)

    return {
        "questions": len(rows),
        "off_topic_questions": len(off),
        "assistant_correct_pct": share(rows, "assistant"),
        "bm25_correct_pct": share(rows, "bm25"),
        "assistant_declined_off_topic_pct": share(off, "assistant"),
        "bm25_declined_off_topic_pct": share(off, "bm25"),
        "assistant_missed": [r["question"] for r in rows if not r["assistant"]],
        "assistant_answered_off_topic": [r["question"] for r in off if not r["assistant"]],
        "bm25_missed": [r["question"] for r in rows if not r["bm25"]],
    }


# ---- servers ----------------------------------------------------------------


@dataclass
class Server:
    proc: subprocess.Popen
    log: Path

    def peak_rss_mb(self) -> float:
        """Peak resident memory of the process and its children (VmHWM), in MB."""
        pids = [self.proc.pid]
        children = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children")
        if children.exists():
            pids += [int(p) for p in children.read_text().split()]
        peak = 0
        for pid in pids:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
        return round(peak / 1024, 1)

    def stop(self) -> None:
        stop_process(self.proc, grace=30)


def start(args: List[str], log: Path, env: Dict[str, str], cwd: Path) -> Server:
    with open(log, "w") as out:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    return Server(proc, log)


@contextmanager
def served(
    work: Path,
    prefix: str,
    model: Path,
    cwd: Path,
    tracker_db: Path,
    actions_module: Optional[str] = None,
) -> Iterator[Tuple[str, Server, Server]]:
    """An action server and `rasa run` with the project's channels and endpoints, on free
    loopback ports; yields the REST webhook and both servers, and stops them after.

    With `actions_module`, the action server runs that module from `cwd` instead of
    the project's actions, while Rasa still finds the project's `serving` package.
    """
    action_port, rasa_port = free_port(), free_port()
    env = {**os.environ, "SANIC_HOST": "127.0.0.1", "TRACKER_DB": str(tracker_db)}
    action_args, action_env, rasa_env = action_server_args(action_port), env, env
    if actions_module:
        action_args += ["--actions", actions_module]
        action_env = {k: v for k, v in env.items() if k != "PYTHONPATH"}
        rasa_env = {**env, "PYTHONPATH": str(ROOT)}
    actions = start(action_args, work / f"{prefix}action-server.log", action_env, cwd)
    endpoints_dir = work / f"{prefix}endpoints"
    endpoints_dir.mkdir(exist_ok=True)
    endpoints = write_endpoints(endpoints_dir, action_port)
    rasa_args = rasa_run_args(model, rasa_port, endpoints)
    rasa = start(rasa_args, work / f"{prefix}rasa-server.log", rasa_env, cwd)
    try:
        yield f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook", rasa, actions
    finally:
        rasa.stop()
        actions.stop()


def wait_for_answer(webhook: str, server: Server, message: str, timeout: float = 300) -> float:
    """Seconds until the server answers `message` with a non-empty reply."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if server.proc.poll() is not None:
            raise SystemExit(f"server exited:\n{server.log.read_text()[-3000:]}")
        try:
            if ask(webhook, "bench-first-answer", message).strip():
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.1)
    raise SystemExit(f"no answer after {timeout}s:\n{server.log.read_text()[-3000:]}")


# ---- latency and throughput --------------------------------------------------


def percentile(values: List[float], p: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary_ms(latencies: List[float]) -> dict:
    ms = [1000 * x for x in latencies]
    return {
        "requests": len(ms),
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "mean_ms": round(statistics.mean(ms), 1),
    }


def one_user(webhook: str, messages: Callable[[int], str], count: int) -> dict:
    session = requests.Session()
    for i in range(WARM_UP):
        ask(webhook, "bench-warm-up", messages(i), session)
    latencies = []
    for i in range(count):
        started = time.perf_counter()
        ask(webhook, f"bench-one-user-{i // CONVERSATION_LENGTH}", messages(i), session)
        latencies.append(time.perf_counter() - started)
    return summary_ms(latencies)


def many_users(webhook: str, messages: Callable[[int], str], users: int, each: int) -> dict:
    latencies: List[float] = []
    lock = threading.Lock()

    def user(u: int) -> None:
        session = requests.Session()
        mine = []
        for i in range(each):
            started = time.perf_counter()
            sender = f"bench-user-{u}-{i // CONVERSATION_LENGTH}"
            ask(webhook, sender, messages(u * 7 + i), session)
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=users) as pool:
        list(pool.map(user, range(users)))
    wall = time.perf_counter() - started
    result = summary_ms(latencies)
    result["users"] = users
    result["throughput_msg_per_s"] = round(len(latencies) / wall, 1)
    return result


def latency(bot: str, webhook: str, messages: Callable[[int], str]) -> dict:
    """The same latency and throughput runs for either bot."""
    log(f"{bot}: latency, 1 user ...")
    one = one_user(webhook, messages, SINGLE_USER_MESSAGES)
    log(f"{bot}: latency, {USERS} users ...")
    return {"one_user": one, "many_users": many_users(webhook, messages, USERS, MESSAGES_PER_USER)}


# ---- the two bots --------------------------------------------------------------


def timed(args: List[str], cwd: Path, env: Dict[str, str], log: Path) -> float:
    started = time.monotonic()
    with open(log, "w") as out:
        done = subprocess.run(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{log.read_text()[-3000:]}")
    return round(time.monotonic() - started, 1)


def bench_assistant(work: Path, questions: dict) -> dict:
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(work / "cache")}
    models = work / "models"
    train = [str(BIN / "rasa"), "train", "--fixed-model-name", "bench", "--out", str(models)]
    log("assistant: training from scratch ...")
    scratch = timed(train, ROOT, env, work / "train-scratch.log")
    log(f"assistant: trained from scratch in {scratch} s; training again, nothing changed ...")
    unchanged = timed(train, ROOT, env, work / "train-unchanged.log")
    model = models / "bench.tar.gz"

    log("assistant: starting the action server and the Rasa server ...")
    with served(work, "", model, ROOT, work / "conversations.sqlite") as (webhook, rasa, actions):
        first = wait_for_answer(webhook, rasa, "who sponsors the talks?")
        log(f"assistant: first answer {first:.1f} s after start; accuracy ...")
        result = {"accuracy": accuracy(webhook, questions)}
        log("assistant: held-out conversations and fresh questions ...")
        result["understanding"] = run_sets(webhook, Bm25Baseline().answer)
        asked = [q["q"] for q in questions["questions"]]

        def messages(i: int) -> str:
            return asked[i % len(asked)]

        result.update(latency("assistant", webhook, messages))
        log(f"assistant: one conversation of {long_conversation.TURNS} turns ...")
        result["long_conversation"] = long_conversation.run(webhook).summary()
        result.update(
            {
                "training_from_scratch_s": scratch,
                "training_nothing_changed_s": unchanged,
                "start_to_first_answer_s": round(first, 1),
                "model_size_mb": round(model.stat().st_size / 1e6, 1),
                "rasa_server_peak_rss_mb": rasa.peak_rss_mb(),
                "action_server_peak_rss_mb": actions.peak_rss_mb(),
            }
        )
        return result


def bench_starter(work: Path) -> dict:
    starter = work / "starter"
    starter.mkdir()
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(work / "starter-cache")}
    log("starter bot: rasa init --no-prompt (trains it) ...")
    init = timed(
        [str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(starter)],
        work,
        env,
        work / "starter-init.log",
    )
    model = next((starter / "models").glob("*.tar.gz"))
    port = free_port()
    # The starter bot as `rasa init` made it: its own (default) channels and stores.
    args = rasa_run_args(model, port, credentials=None)
    log("starter bot: starting its Rasa server ...")
    rasa = start(args, work / "starter-server.log", env, starter)
    webhook = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        first = wait_for_answer(webhook, rasa, "hello")

        def messages(i: int) -> str:
            return STARTER_MESSAGES[i % len(STARTER_MESSAGES)]

        measured = latency("starter bot", webhook, messages)
        log(f"starter bot: one conversation of {long_conversation.TURNS} turns ...")
        conversation = long_conversation.run(webhook, messages=messages).summary()
        return {
            "init_and_training_s": init,
            "start_to_first_answer_s": round(first, 1),
            **measured,
            "long_conversation": conversation,
            "model_size_mb": round(model.stat().st_size / 1e6, 1),
            "rasa_server_peak_rss_mb": rasa.peak_rss_mb(),
        }
    finally:
        rasa.stop()


FLOOR_BOT = BENCH / "floor_bot"
FLOOR_MESSAGE = "who sponsors the talks"


def bench_floor(work: Path) -> dict:
    """Rasa's own cost per turn under the assistant: one rule, one fixed custom action.

    Served like the assistant (its channels, windowed SQLite store and action
    guard), with a keyword classifier, so what remains is Rasa's per-turn work.
    """
    floor = work / "floor"
    shutil.copytree(FLOOR_BOT, floor)
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(work / "floor-cache")}
    log("floor bot: training ...")
    timed(
        [str(BIN / "rasa"), "train", "--fixed-model-name", "floor"],
        floor,
        env,
        work / "floor-train.log",
    )
    model = floor / "models" / "floor.tar.gz"
    # The project's channels, store and guard; the floor's own actions module.
    with served(work, "floor-", model, floor, work / "floor.sqlite", "floor_actions") as (
        webhook,
        rasa,
        _,
    ):
        wait_for_answer(webhook, rasa, FLOOR_MESSAGE)
        return latency("floor bot", webhook, lambda i: FLOOR_MESSAGE)


def bench_scale_out(work: Path, questions: dict) -> dict:
    """Throughput and latency through nginx on PostgreSQL + Redis, with 1 and 2 processes."""
    asked = [q["q"] for q in questions["questions"]]

    def messages(i: int) -> str:
        return asked[i % len(asked)]

    results = {}
    for processes in SCALE_OUT_PROCESSES:
        log(f"scale-out: {processes} Rasa process(es) and action server(s) behind nginx ...")
        with scale_out_stack(work / f"scale-out-{processes}", processes, processes) as stack:
            for i in range(WARM_UP):
                ask(stack.webhook, f"bench-warm-up-{i}", messages(i))
            results[str(processes)] = {
                str(users): many_users(stack.webhook, messages, users, each)
                for users, each in SCALE_OUT_READERS
            }
    return results


# ---- report ------------------------------------------------------------------------


def targets(a: dict, s: dict, scale_out: dict) -> List[dict]:
    acc, long_ = a["accuracy"], a["long_conversation"]
    starter_throughput = s["many_users"]["throughput_msg_per_s"]
    best = max(
        (run[str(USERS)]["throughput_msg_per_s"], processes) for processes, run in scale_out.items()
    )
    best = max(best, (a["many_users"]["throughput_msg_per_s"], "1 (SQLite)"))
    checks = [
        (
            "median latency at 1 user <= 0.25 of the starter's",
            a["one_user"]["p50_ms"] <= s["one_user"]["p50_ms"] / 4,
            f"{a['one_user']['p50_ms']} ms vs {s['one_user']['p50_ms']} ms "
            f"({a['one_user']['p50_ms'] / s['one_user']['p50_ms']:.2f})",
        ),
        (
            f"throughput at {USERS} readers >= 4 times the starter's",
            best[0] >= 4 * starter_throughput,
            f"{best[0]} msg/s ({best[1]} process(es)) vs {starter_throughput} msg/s "
            f"({best[0] / starter_throughput:.1f}x)",
        ),
        (
            f"turns {long_['turns'] - 24}-{long_['turns']} cost <= 1.5x turns 1-25",
            long_["ratio"] <= 1.5,
            f"{long_['last_block_p50_ms']} ms vs {long_['first_block_p50_ms']} ms "
            f"({long_['ratio']}x); starter bot {s['long_conversation']['ratio']}x",
        ),
        (
            "start to first answer < 20 s",
            a["start_to_first_answer_s"] < 20,
            f"{a['start_to_first_answer_s']} s",
        ),
        (
            "training from scratch < 60 s",
            a["training_from_scratch_s"] < 60,
            f"{a['training_from_scratch_s']} s",
        ),
        (
            "Rasa server RSS < 800 MB",
            a["rasa_server_peak_rss_mb"] < 800,
            f"{a['rasa_server_peak_rss_mb']} MB",
        ),
        (
            "accuracy >= 95% and no off-topic question answered",
            acc["assistant_correct_pct"] >= 95 and acc["assistant_declined_off_topic_pct"] == 100,
            f"{acc['assistant_correct_pct']}%, {acc['assistant_declined_off_topic_pct']}% declined",
        ),
        (
            "clearly better than BM25",
            acc["assistant_correct_pct"] >= acc["bm25_correct_pct"] + 10,
            f"{acc['assistant_correct_pct']}% vs {acc['bm25_correct_pct']}%",
        ),
    ]
    for name, u in a.get("understanding", {}).items():
        c, f = u["conversations"], u["fresh"]
        checks += [
            (
                f"{name} held-out conversations: >= 90% of turns, >= 85% of conversations",
                c["turns_right_pct"] >= 90 and c["conversations_right_pct"] >= 85,
                f"{c['turns_right_pct']}% / {c['conversations_right_pct']}%",
            ),
            (
                f"{name} held-out questions: >= 95% right, no off-topic one answered",
                f["right_pct"] >= 95 and f["off_topic_declined_pct"] == 100,
                f"{f['right_pct']}%, {f['off_topic_declined_pct']}% declined",
            ),
            (
                f"{name} partial-answer questions: >= 90% say what the article doesn't",
                f["partial_honest_pct"] >= 90,
                f"{f['partial_honest_pct']}%",
            ),
        ]
    return [{"target": t, "met": bool(ok), "measured": m} for t, ok, m in checks]


def markdown(report: dict) -> str:
    a, s, acc = report["assistant"], report["starter"], report["assistant"]["accuracy"]
    lines = [
        f"Measured {report['measured_at']} on {report['machine']} (`make bench`).",
        "",
        "| | this assistant | Rasa starter bot | BM25 over paragraphs |",
        "| --- | --- | --- | --- |",
        f"| right answers ({acc['questions']} questions) | {acc['assistant_correct_pct']}% "
        f"| n/a | {acc['bm25_correct_pct']}% |",
        f"| off-topic declined ({acc['off_topic_questions']} questions) "
        f"| {acc['assistant_declined_off_topic_pct']}% | n/a "
        f"| {acc['bm25_declined_off_topic_pct']}% |",
    ]
    for name, u in a.get("understanding", {}).items():
        c, f = u["conversations"], u["fresh"]
        lines += [
            f"| {name} held-out conversations ({c['conversations']}, {c['turns']} turns): "
            f"turns / conversations right | {c['turns_right_pct']}% / "
            f"{c['conversations_right_pct']}% | n/a | |",
            f"| {name} held-out questions ({f['questions']}) | {f['right_pct']}% | n/a "
            f"| {f['bm25_right_pct']}% |",
            f"| {name} partial-answer questions ({f['partial_questions']}) said what the "
            f"article doesn't | {f['partial_honest_pct']}% | n/a "
            f"| {f['bm25_partial_honest_pct']}% |",
            f"| {name} held-out off-topic declined ({f['off_topic_questions']}) "
            f"| {f['off_topic_declined_pct']}% | n/a | |",
        ]
    for label, key in (("1 user", "one_user"), (f"{USERS} users", "many_users")):
        lines.append(
            f"| latency {label}, p50 / p95 / p99 | {a[key]['p50_ms']} / {a[key]['p95_ms']} / "
            f"{a[key]['p99_ms']} ms | {s[key]['p50_ms']} / {s[key]['p95_ms']} / "
            f"{s[key]['p99_ms']} ms | |"
        )
    la, ls = a["long_conversation"], s["long_conversation"]
    lines += [
        f"| throughput, {USERS} users | {a['many_users']['throughput_msg_per_s']} msg/s "
        f"| {s['many_users']['throughput_msg_per_s']} msg/s | |",
        f"| one {la['turns']}-turn conversation: p50 of turns 1-25 / turns "
        f"{la['turns'] - 24}-{la['turns']} | {la['first_block_p50_ms']} / "
        f"{la['last_block_p50_ms']} ms ({la['ratio']}x) | {ls['first_block_p50_ms']} / "
        f"{ls['last_block_p50_ms']} ms ({ls['ratio']}x) | |",
        f"| training from scratch / nothing changed | {a['training_from_scratch_s']} s / "
        f"{a['training_nothing_changed_s']} s | {s['init_and_training_s']} s (rasa init) | |",
        f"| start to first answer | {a['start_to_first_answer_s']} s "
        f"| {s['start_to_first_answer_s']} s | |",
        f"| model size | {a['model_size_mb']} MB | {s['model_size_mb']} MB | |",
        f"| peak RSS, Rasa server / action server | {a['rasa_server_peak_rss_mb']} MB / "
        f"{a['action_server_peak_rss_mb']} MB | {s['rasa_server_peak_rss_mb']} MB | |",
    ]
    floor = report.get("floor")
    if floor:
        lines += [
            "",
            "Rasa's own floor (`bench/floor_bot`: one rule, one custom action with a fixed "
            "reply, a keyword classifier; served like the assistant, with its channels, "
            f"SQLite store and action guard): p50 at 1 user {floor['one_user']['p50_ms']} ms, "
            f"{floor['many_users']['throughput_msg_per_s']} msg/s at {USERS} users.",
        ]
    lines += [
        "",
        "Through nginx on PostgreSQL + Redis (`make serve`'s stack; N Rasa processes and N "
        "action servers on this machine):",
        "",
        "| Rasa processes | readers at once | throughput | p50 / p95 |",
        "| --- | --- | --- | --- |",
        *[
            f"| {processes} | {users} | {run['throughput_msg_per_s']} msg/s "
            f"| {run['p50_ms']} / {run['p95_ms']} ms |"
            for processes, by_users in report["scale_out"].items()
            for users, run in by_users.items()
        ],
        "",
        "| target | met | measured |",
        "| --- | --- | --- |",
    ]
    lines += [
        f"| {t['target']} | {'yes' if t['met'] else '**no**'} | {t['measured']} |"
        for t in report["targets"]
    ]
    if acc["assistant_missed"] or acc["assistant_answered_off_topic"]:
        lines += ["", "Assistant misses: " + "; ".join(acc["assistant_missed"])]
        if acc["assistant_answered_off_topic"]:
            lines.append("Off-topic answered: " + "; ".join(acc["assistant_answered_off_topic"]))
    return "\n".join(lines) + "\n"


def update_readme(table: str) -> None:
    text = README.read_text()
    if README_START in text and README_END in text:
        head, rest = text.split(README_START, 1)
        _, tail = rest.split(README_END, 1)
        README.write_text(f"{head}{README_START}\n{table}{README_END}{tail}")


def main() -> int:
    questions = load_questions()
    RESULTS.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        assistant = bench_assistant(work, questions)
        starter = bench_starter(work)
        floor = bench_floor(work)
        scale_out = bench_scale_out(work, questions)
    finally:
        logs = RESULTS / "logs"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir()
        for f in work.glob("**/*.log"):
            shutil.copy(f, logs / f.name)
        shutil.rmtree(work, ignore_errors=True)
    report = {
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, "
        f"Python {platform.python_version()}",
        "assistant": assistant,
        "starter": starter,
        "floor": floor,
        "scale_out": scale_out,
    }
    report["targets"] = targets(assistant, starter, scale_out)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    table = markdown(report)
    (RESULTS / "latest.md").write_text(table)
    update_readme(table)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
