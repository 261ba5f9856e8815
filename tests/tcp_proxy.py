"""A loopback TCP proxy the tests can cut and restore, to play a lost connection."""

from __future__ import annotations

import socket
import threading
from typing import List


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target port; `cut()` drops everything, `restore()` reopens."""

    def __init__(self, listen_port: int, target_port: int):
        self.listen_port = listen_port
        self.target_port = target_port
        self._listener: socket.socket | None = None
        self._open: List[socket.socket] = []
        self._lock = threading.Lock()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.listen_port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Stop listening and close every forwarded connection, as if the server went away."""
        if self._listener:
            # shutdown() wakes the thread blocked in accept(); close() alone leaves it listening.
            _shutdown(self._listener)
            self._listener.close()
            self._listener = None
        with self._lock:
            for s in self._open:
                _shutdown(s)
                s.close()
            self._open.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                _shutdown(s)


def _shutdown(sock: socket.socket) -> None:
    """Shut both directions down; a socket the other side already closed is fine."""
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
