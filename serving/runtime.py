"""Start the action server, Rasa server and demo page on loopback, for tests, bench and make."""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Sequence

import requests
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MODEL = ROOT / "models" / "assistant.tar.gz"

# Rasa's telemetry is on by default once `rasa` has run: it sends usage events and, on an
# exception, a crash report to sentry.io. Nothing may leave loopback at run time, so every
# Rasa process started from here (the Makefile exports the same) runs with it off.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


# Ports for the servers this module starts, below Linux's default ephemeral range
# (32768-60999): a port the kernel handed out could be taken as the source port
# of a client connection before the server binds it (nginx failed so under load).
_SERVER_PORTS = range(20000, 32000)


def free_port() -> int:
    """A loopback port nothing listens on, outside the range outgoing connections use."""
    for _ in range(100):
        port = random.choice(_SERVER_PORTS)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {_SERVER_PORTS}")


def _wait_until_up(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout}s:\n{log.read_text()[-3000:]}")


@contextmanager
def _process(args, log: Path, url: str, env: Dict[str, str], timeout: float):
    with open(log, "a") as out:
        proc = subprocess.Popen(args, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        _wait_until_up(url, proc, log, timeout)
        yield proc
    finally:
        stop_process(proc)


def stop_process(proc: subprocess.Popen, grace: float = 20) -> None:
    """Ask a server to stop; kill it if it has not after `grace` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _env(**extra: Optional[str]) -> Dict[str, str]:
    env = dict(os.environ)
    env.update({k: v for k, v in extra.items() if v is not None})
    return env


def action_server_args(port: int) -> List[str]:
    """The command line `make chat` and `make web` use for the action server."""
    return [str(BIN / "rasa"), "run", "actions", "--port", str(port)]


def rasa_run_args(
    model: Path,
    port: int,
    endpoints: Optional[Path] = None,
    credentials: Optional[Path] = ROOT / "credentials.yml",
    extra_args: Sequence[str] = (),
) -> List[str]:
    """`rasa run` on 127.0.0.1:<port>, with the project's channels unless told otherwise."""
    args = [str(BIN / "rasa"), "run", "--model", str(model)]
    if endpoints:
        args += ["--endpoints", str(endpoints)]
    if credentials:
        args += ["--credentials", str(credentials)]
    return [*args, "--interface", "127.0.0.1", "--port", str(port), *extra_args]


def rest_replies(
    webhook: str,
    sender: str,
    message: str,
    session: requests.Session = requests,
    timeout: float = 120,
) -> List[dict]:
    """Send one message over the REST channel; the bot's replies (raises on an error status)."""
    response = session.post(webhook, json={"sender": sender, "message": message}, timeout=timeout)
    response.raise_for_status()
    return response.json()


@contextmanager
def action_server(
    workdir: Path, port: int, knowledge_file: Optional[Path] = None
) -> Iterator[subprocess.Popen]:
    """The action server on 127.0.0.1:<port> (SANIC_HOST keeps it off other interfaces)."""
    env = _env(
        SANIC_HOST="127.0.0.1",
        KNOWLEDGE_FILE=str(knowledge_file) if knowledge_file else None,
    )
    with _process(
        action_server_args(port),
        workdir / "action-server.log",
        f"http://127.0.0.1:{port}/health",
        env,
        timeout=120,
    ) as proc:
        yield proc


def write_endpoints(workdir: Path, action_port: int) -> Path:
    """The project's endpoints.yml (tracker store included), pointed at this action server."""
    config = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    config["action_endpoint"]["url"] = f"http://127.0.0.1:{action_port}/webhook"
    endpoints = workdir / "endpoints.yml"
    endpoints.write_text(yaml.safe_dump(config))
    return endpoints


@contextmanager
def rasa_server(
    workdir: Path,
    action_port: int,
    tracker_db: Path,
    allowed_origin: Optional[str] = None,
    action_timeout: Optional[float] = None,
    extra_args: Sequence[str] = (),
) -> Iterator[str]:
    """`rasa run` on a free loopback port with the project's channels; yields its base URL."""
    assert MODEL.exists(), f"{MODEL} is missing: run `make train` first"
    port = free_port()
    endpoints = write_endpoints(workdir, action_port)
    env = _env(
        TRACKER_DB=str(tracker_db),
        CHAT_ALLOWED_ORIGINS=allowed_origin,
        ACTION_TIMEOUT_SECONDS=str(action_timeout) if action_timeout else None,
    )
    cors = ["--cors", allowed_origin] if allowed_origin else []
    args = rasa_run_args(MODEL, port, endpoints, extra_args=[*cors, *extra_args])
    with _process(args, workdir / "rasa-server.log", f"http://127.0.0.1:{port}/", env, 240):
        yield f"http://127.0.0.1:{port}"


@dataclass
class Assistant:
    """A running assistant: where to talk to it and where it keeps conversations."""

    rasa_url: str
    tracker_db: Path
    action_url: str

    @property
    def webhook(self) -> str:
        return f"{self.rasa_url}/webhooks/rest/webhook"


@contextmanager
def running_assistant(
    workdir: Path,
    knowledge_file: Optional[Path] = None,
    allowed_origin: Optional[str] = None,
) -> Iterator[Assistant]:
    """A Rasa server backed by a fresh action server and its own SQLite tracker store.

    `allowed_origin` is the one web page origin let in (CORS and socket.io), as `make web` does.
    """
    action_port = free_port()
    tracker_db = workdir / "conversations.sqlite"
    with (
        action_server(workdir, action_port, knowledge_file),
        rasa_server(workdir, action_port, tracker_db, allowed_origin) as rasa_url,
    ):
        yield Assistant(rasa_url, tracker_db, f"http://127.0.0.1:{action_port}")


@contextmanager
def running_demo_page(workdir: Path, port: int, rasa_url: str) -> Iterator[str]:
    """Yield the URL of the demo page, served by web/serve.py as `make web` does."""
    args = [sys.executable, "-m", "web.serve", "--port", str(port), "--rasa-url", rasa_url]
    url = f"http://127.0.0.1:{port}/"
    with _process(args, workdir / "web-server.log", url, dict(os.environ), timeout=30):
        yield url


# ---- the scale-out stack: PostgreSQL, Redis, nginx, N Rasa processes, M action servers ----

SCALE_OUT_ENDPOINTS = ROOT / "endpoints.scale-out.yml"


def missing_services() -> List[str]:
    """Debian packages the scale-out stack needs that are not installed."""
    missing = [] if _postgres_bin_dir() else ["postgresql"]
    # The redis-server and nginx packages install commands of the same names.
    for command in ("redis-server", "nginx"):
        if not (shutil.which(command) or Path("/usr/sbin", command).exists()):
            missing.append(command)
    return missing


def _postgres_bin_dir() -> Optional[Path]:
    """Debian's PostgreSQL server programs (initdb, pg_ctl), newest version first."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), reverse=True)
    return found[0].parent if found else None


def _as_postgres_user(args: List[str]) -> List[str]:
    """PostgreSQL refuses to run as root: run its programs as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


def _run_quietly(args: List[str], log: Path) -> None:
    with open(log, "a") as out:
        done = subprocess.run(args, stdout=out, stderr=subprocess.STDOUT, cwd="/")
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{log.read_text()[-3000:]}")


@dataclass
class Postgres:
    """A PostgreSQL server on loopback with one database for the conversations."""

    data_dir: Path
    port: int
    password: str
    user: str = "assistant"
    database: str = "conversations"
    host: str = "127.0.0.1"

    @property
    def log(self) -> Path:
        """The server's own log (written by the postgres user)."""
        return self.data_dir / "server.log"

    @property
    def control_log(self) -> Path:
        """What initdb, pg_ctl and createdb print."""
        return self.data_dir.parent / f"{self.data_dir.name}-control.log"

    def env(self) -> Dict[str, str]:
        """What endpoints.scale-out.yml reads."""
        return {
            "POSTGRES_HOST": self.host,
            "POSTGRES_PORT": str(self.port),
            "POSTGRES_DB": self.database,
            "POSTGRES_USER": self.user,
            "POSTGRES_PASSWORD": self.password,
        }

    def _pg_ctl(self, *args: str) -> None:
        pg_ctl = str(_postgres_bin_dir() / "pg_ctl")
        args = _as_postgres_user([pg_ctl, "-D", str(self.data_dir), *args])
        _run_quietly(args, self.control_log)

    def start(self) -> None:
        options = f"-p {self.port} -h {self.host} -k {self.data_dir}"
        self._pg_ctl("-o", options, "-l", str(self.log), "-w", "-t", "60", "start")

    def stop(self) -> None:
        self._pg_ctl("-m", "fast", "-w", "stop")

    def connect(self):
        """A psycopg2 connection to the conversations database."""
        import psycopg2

        return psycopg2.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            password=self.password,
            dbname=self.database,
        )


def _postgres_owned_dir(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")
    path.chmod(0o700)


@contextmanager
def postgres_server(data_dir: Path, port: int, password: str) -> Iterator[Postgres]:
    """PostgreSQL on 127.0.0.1:<port>, data in `data_dir` (made on first use); stopped after."""
    bin_dir = _postgres_bin_dir()
    if bin_dir is None:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    server = Postgres(data_dir, port, password)
    if not (data_dir / "PG_VERSION").exists():
        _postgres_owned_dir(data_dir)
        # initdb wants an empty directory and a file it can read as postgres.
        with tempfile.NamedTemporaryFile("w", prefix="pg-password-") as pwfile:
            pwfile.write(password)
            pwfile.flush()
            if os.geteuid() == 0:
                shutil.chown(pwfile.name, "postgres", "postgres")
            initdb = [str(bin_dir / "initdb"), "-D", str(data_dir), "-U", server.user]
            initdb += ["--pwfile", pwfile.name, "--auth-host=scram-sha-256", "--auth-local=peer"]
            _run_quietly(_as_postgres_user(initdb), server.control_log)
        server.start()
        createdb = [str(bin_dir / "createdb"), "-h", server.host, "-p", str(port)]
        env = {**os.environ, "PGPASSWORD": password}
        with open(server.control_log, "a") as out:
            subprocess.run(
                [*createdb, "-U", server.user, server.database],
                env=env,
                check=True,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
    else:
        server.start()
    try:
        yield server
    finally:
        try:
            server.stop()
        except RuntimeError:
            pass  # already stopped (a test stopped it)


@dataclass
class Redis:
    """A Redis server on loopback, used by Rasa's RedisLockStore."""

    work_dir: Path
    port: int
    password: str
    process: Optional[subprocess.Popen] = None
    host: str = "127.0.0.1"

    def env(self) -> Dict[str, str]:
        return {
            "REDIS_HOST": self.host,
            "REDIS_PORT": str(self.port),
            "REDIS_PASSWORD": self.password,
        }

    def start(self) -> None:
        config = self.work_dir / "redis.conf"
        config.write_text(
            "\n".join(
                [
                    f"bind {self.host}",
                    f"port {self.port}",
                    f"requirepass {self.password}",
                    f"dir {self.work_dir}",
                    'save ""',
                    "appendonly no",
                    "daemonize no",
                    f"logfile {self.work_dir / 'redis.log'}",
                ]
            )
            + "\n"
        )
        self.process = subprocess.Popen(["redis-server", str(config)], cwd=self.work_dir)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((self.host, self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"Redis did not start:\n{(self.work_dir / 'redis.log').read_text()}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
            self.process = None


@contextmanager
def redis_server(work_dir: Path, port: int, password: str) -> Iterator[Redis]:
    """Redis on 127.0.0.1:<port>, nothing saved to disk (locks live seconds); stopped after."""
    work_dir.mkdir(parents=True, exist_ok=True)
    server = Redis(work_dir, port, password)
    server.start()
    try:
        yield server
    finally:
        server.stop()


NGINX_CONFIG = """\
# Written by serving/runtime.py; the stack's one public address.
worker_processes {workers};
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
{user}
events {{ worker_connections 4096; }}

http {{
    access_log off;
    client_body_temp_path {work}/client-body;
    proxy_temp_path {work}/proxy;
    fastcgi_temp_path {work}/fastcgi;
    uwsgi_temp_path {work}/uwsgi;
    scgi_temp_path {work}/scgi;
    # The channels refuse bodies above 2 MB themselves, with a clear message.
    client_max_body_size 4m;

    # REST: each request to the least busy process; the conversation lives in
    # PostgreSQL and the Redis lock orders one reader's messages across them.
    upstream rasa_rest {{
        least_conn;
{rasa_servers}
        keepalive 64;
    }}
    # socket.io: a client's long-polling requests must reach the process that
    # holds its socket.io session, so each client address stays on one process.
    upstream rasa_socketio {{
        ip_hash;
{rasa_servers}
    }}
    upstream action_servers {{
        least_conn;
{action_servers}
        keepalive 64;
    }}

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    server {{
        listen {host}:{port};

        location /webhooks/ {{
            proxy_pass http://rasa_rest;
            # Which process answered: for the tests and for debugging a deployment.
            add_header X-Served-By $upstream_addr always;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;
        }}
        location /socket.io/ {{
            proxy_pass http://rasa_socketio;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 1h;
        }}
        location / {{
{root}
        }}
    }}

    # The action servers, for the Rasa processes only (loopback).
    server {{
        listen 127.0.0.1:{action_port};
        location / {{
            proxy_pass http://action_servers;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
        }}
    }}
}}
"""


def nginx_config(
    work: Path,
    port: int,
    rasa_ports: Sequence[int],
    action_ports: Sequence[int],
    action_port: int,
    page_port: Optional[int] = None,
    host: str = "127.0.0.1",
) -> str:
    """nginx in front of the Rasa processes (public) and the action servers (loopback)."""

    def servers(ports: Sequence[int]) -> str:
        return "\n".join(
            f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports
        )

    if page_port:
        root = f"            proxy_pass http://127.0.0.1:{page_port};"
    else:
        root = '            return 404 "The chat is at /webhooks/rest/webhook and /socket.io/\\n";'
    return NGINX_CONFIG.format(
        workers=2,
        work=work,
        user="user root root;" if os.geteuid() == 0 else "",
        rasa_servers=servers(rasa_ports),
        action_servers=servers(action_ports),
        host=host,
        port=port,
        action_port=action_port,
        root=root,
    )


def _nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


@contextmanager
def nginx_proxy(work: Path, config: str, url: str) -> Iterator[subprocess.Popen]:
    """nginx in the foreground with `config`; stopped after."""
    work.mkdir(parents=True, exist_ok=True)
    conf = work / "nginx.conf"
    conf.write_text(config)
    log = work / "nginx-error.log"
    _run_quietly([_nginx_binary(), "-t", "-q", "-p", str(work), "-c", str(conf)], log)
    args = [_nginx_binary(), "-p", str(work), "-c", str(conf), "-g", "daemon off;"]
    with _process(args, log, url, dict(os.environ), timeout=30) as proc:
        yield proc


@dataclass
class Stack:
    """The scale-out stack: where readers connect, and its parts (for tests to break)."""

    url: str
    postgres: Postgres
    redis: Redis
    rasa: List[subprocess.Popen]
    rasa_urls: List[str]

    @property
    def webhook(self) -> str:
        return f"{self.url}/webhooks/rest/webhook"


def _secret() -> str:
    return uuid.uuid4().hex


@contextmanager
def scale_out_stack(
    work: Path,
    rasa_processes: int = 2,
    action_servers: int = 2,
    port: Optional[int] = None,
    page: bool = False,
    allowed_origin: Optional[str] = None,
    postgres_dir: Optional[Path] = None,
    redis_dir: Optional[Path] = None,
) -> Iterator[Stack]:
    """PostgreSQL, Redis, M action servers, N `rasa run` and nginx on loopback; stopped after.

    `postgres_dir` keeps the database between runs (make serve: var/postgres);
    by default it lives in `work`. Passwords are made up per run and kept only
    in the environment of the processes started here.
    """
    assert MODEL.exists(), f"{MODEL} is missing: run `make train` first"
    missing = missing_services()
    if missing:
        raise RuntimeError(f"missing Debian packages: apt-get install {' '.join(missing)}")
    work.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    url = f"http://127.0.0.1:{port}"
    rasa_ports = [free_port() for _ in range(rasa_processes)]
    action_ports = [free_port() for _ in range(action_servers)]
    action_port, page_port = free_port(), free_port() if page else None
    with ExitStack() as stack:
        if postgres_dir is None:
            # Not under `work`: pytest's folders are private to root, and PostgreSQL
            # runs as the postgres user when started by root.
            postgres_dir = Path(tempfile.mkdtemp(prefix="astana-postgres-")) / "data"
            postgres_dir.parent.chmod(0o755)
            stack.callback(shutil.rmtree, postgres_dir.parent, True)
        password_file = postgres_dir.parent / f"{postgres_dir.name}.password"
        if not password_file.exists():
            password_file.write_text(_secret())
            password_file.chmod(0o600)
        pg = stack.enter_context(
            postgres_server(postgres_dir, free_port(), password_file.read_text().strip())
        )
        redis = stack.enter_context(
            redis_server(redis_dir or work / "redis", free_port(), _secret())
        )
        for i, action in enumerate(action_ports):
            stack.enter_context(
                _process(
                    action_server_args(action),
                    work / f"action-server-{i + 1}.log",
                    f"http://127.0.0.1:{action}/health",
                    _env(SANIC_HOST="127.0.0.1"),
                    timeout=120,
                )
            )
        env = _env(
            **pg.env(),
            **redis.env(),
            ACTION_SERVER_URL=f"http://127.0.0.1:{action_port}/webhook",
            CHAT_ALLOWED_ORIGINS=allowed_origin or url,
        )
        cors = ["--cors", allowed_origin or url]
        logs = [
            stack.enter_context(open(work / f"rasa-{i + 1}.log", "a"))
            for i in range(rasa_processes)
        ]
        rasa = [
            subprocess.Popen(
                rasa_run_args(MODEL, p, SCALE_OUT_ENDPOINTS, extra_args=cors),
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            for log, p in zip(logs, rasa_ports)
        ]
        for proc in rasa:
            stack.callback(stop_process, proc)
        # Started together, they load their models on every core at once.
        for i, (proc, p) in enumerate(zip(rasa, rasa_ports)):
            _wait_until_up(f"http://127.0.0.1:{p}/", proc, work / f"rasa-{i + 1}.log", 300)
        if page_port:
            stack.enter_context(running_demo_page(work, page_port, url))
        config = nginx_config(
            work / "nginx", port, rasa_ports, action_ports, action_port, page_port
        )
        stack.enter_context(nginx_proxy(work / "nginx", config, f"{url}/webhooks/rest/"))
        yield Stack(
            url=url,
            postgres=pg,
            redis=redis,
            rasa=rasa,
            rasa_urls=[f"http://127.0.0.1:{p}" for p in rasa_ports],
        )


def serve(argv: Optional[Sequence[str]] = None) -> int:
    """`make serve`: the scale-out stack on this machine until Ctrl-C, data under var/."""
    import argparse
    import signal

    parser = argparse.ArgumentParser(prog="make serve", description=serve.__doc__)
    parser.add_argument("--port", type=int, default=8080, help="nginx's address (default 8080)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 1, help="rasa run")
    parser.add_argument("--action-servers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    var, logs = ROOT / "var", ROOT / "build" / "serve"
    for folder in (var, logs):
        folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        # PostgreSQL runs as the postgres user, who must reach var/postgres.
        var.chmod(0o755)
    print(
        f"Starting PostgreSQL, Redis, {args.action_servers} action server(s), "
        f"{args.processes} Rasa process(es) and nginx (logs: {logs}) ...",
        flush=True,
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        with scale_out_stack(
            logs,
            rasa_processes=args.processes,
            action_servers=args.action_servers,
            port=args.port,
            page=True,
            postgres_dir=var / "postgres",
            redis_dir=var / "redis",
        ) as stack:
            print(f"\nThe demo page and the chat: {stack.url}/", flush=True)
            print(f"REST: POST {stack.webhook}   socket.io: {stack.url}/socket.io/", flush=True)
            print("Press Ctrl-C to stop everything started here.", flush=True)
            while all(proc.poll() is None for proc in stack.rasa):
                time.sleep(1)
            print("error: a Rasa process stopped; see its log in build/serve/", file=sys.stderr)
            return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(serve())
