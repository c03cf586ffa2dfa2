"""Reading LSP messages from stdio or a TCP client, whatever the client sends: pygls 2.1 read
any `Content-Length` (99999999999 ended the server in a MemoryError), went deaf after one it
could not parse, and answered nothing to a request whose params did not fit the method. Here a
frame that cannot be read is dropped with one line on stderr and reading picks up at the next
`Content-Length` header; a request that cannot be understood gets a JSON-RPC error."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import JsonRPCProtocol

MAX_LINE = 65536  # a header line longer than this is not a header
CHUNK = 65536
AHEAD = 64  # messages read before the event loop has taken them
# Larger than any document fclint checks (max-file-size, 5 MB by default) with every character
# escaped; a client's larger message is dropped unread rather than held in memory.
MAX_BODY = 64 * 1024 * 1024
INVALID_REQUEST = -32600
HEADER = b"content-length:"


class FrameReader:
    """Frames from a byte stream: `read()` gives a body, the reason a frame was dropped (a
    str), or None at the end of the stream. It reads the stream's file descriptor itself: a
    thread blocked in a buffered file's read holds the file's lock, and the interpreter's exit
    then aborts on it."""

    def __init__(self, stream: Any) -> None:
        try:
            fd = stream.fileno()
            self.raw: Callable[[int], bytes] = lambda size: os.read(fd, size)
        except (AttributeError, OSError, ValueError):  # not a file: a socket, a test's BytesIO
            self.raw = stream.read
        self.buffer = bytearray()
        self.ended = False
        self.pending = b""  # a header found inside a line while looking for one
        self.lost = False  # after a bad frame: skip to the next Content-Length header

    def _fill(self, size: int = CHUNK) -> None:
        data = self.raw(max(size, CHUNK)) if not self.ended else b""
        if data:
            self.buffer += data
        else:
            self.ended = True

    def _readline(self, limit: int) -> bytes:
        """A line, its break kept; at most `limit` bytes (then without a break)."""
        while True:
            end = self.buffer.find(b"\n", 0, limit)
            if end >= 0 or len(self.buffer) >= limit or self.ended:
                size = end + 1 if end >= 0 else min(limit, len(self.buffer))
                line = bytes(self.buffer[:size])
                del self.buffer[:size]
                return line
            self._fill()

    def _read(self, size: int) -> bytes:
        while len(self.buffer) < size and not self.ended:
            self._fill(size - len(self.buffer))
        data = bytes(self.buffer[:size])
        del self.buffer[:size]
        return data

    def _line(self) -> bytes:
        if self.pending:
            line, self.pending = self.pending, b""
            return line
        return self._readline(MAX_LINE)

    def read(self) -> bytes | str | None:
        if self.lost and not self._resync():
            return None
        length: int | None = None
        while True:
            line = self._line()
            if not line:
                return None
            if not line.strip():
                if length is None:
                    return self._drop("a header block without Content-Length")
                body = self._read(length)
                return body if len(body) == length else None
            if not line.endswith(b"\n"):
                return self._drop(f"a header line longer than {MAX_LINE} bytes")
            name, colon, value = line.partition(b":")
            if not colon:
                return self._drop(f"{_shown(line)} is not a header")
            if name.strip().lower() == HEADER[:-1]:
                text = value.strip()
                if not text.isdigit():
                    return self._drop(f"Content-Length {_shown(text)} is not a number")
                if len(text) > 12 or int(text) > MAX_BODY:
                    return self._drop(f"Content-Length {_shown(text)} is above the limit of "
                                      f"{MAX_BODY} bytes")
                length = int(text)

    def _drop(self, reason: str) -> str:
        self.lost = True
        return reason

    def _resync(self) -> bool:
        while True:
            line = self._line()
            if not line:
                return False
            at = line.lower().find(HEADER)
            if at >= 0:
                self.pending, self.lost = line[at:], False
                return True


class Received:
    """A connected socket as the byte stream FrameReader reads: `recv`, which works on every
    platform (os.read does not take a socket on Windows)."""

    def __init__(self, connection: socket.socket) -> None:
        self.read = connection.recv


def accept_one(host: str, port: int) -> socket.socket:
    """Listen on `host`:`port`, take the first client and stop listening: `fclint lsp --tcp`
    serves one client, as over stdio. Raises OSError when the address cannot be listened on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.create_server((host, port), family=family) as listener:
        say(f"listening on {address(host, port)}")
        connection, _ = listener.accept()
    return connection


def address(host: str, port: int) -> str:
    """`host`:`port` as written on the command line: an IPv6 host in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def reason(error: OSError) -> str:
    """The OS's words for `error`, without the address socket.create_server adds to them."""
    if error.errno and not isinstance(error, socket.gaierror):
        return os.strerror(error.errno)
    return error.strerror or str(error)


def _shown(data: bytes) -> str:
    text = data.strip().decode("utf-8", "replace")
    return repr(text if len(text) <= 60 else text[:60] + "...")


def say(message: str) -> None:
    print(f"fclint lsp: {message}", file=sys.stderr, flush=True)


async def serve(protocol: JsonRPCProtocol, incoming: Any, stop: threading.Event) -> None:
    """Handle the messages on `incoming` (stdin, or a `Received` socket) until it ends or
    `stop` is set. A daemon thread reads, up to AHEAD messages ahead, so a blocked read never
    holds up the exit, and a burst of edits crosses to the event loop without a thread switch
    each (while a lint holds the GIL, each switch waits for the interpreter's switch
    interval)."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes | str | None] = asyncio.Queue()
    room = threading.Semaphore(AHEAD)
    reader = FrameReader(incoming)

    def pump() -> None:
        try:
            while True:
                room.acquire()
                item = reader.read()
                loop.call_soon_threadsafe(queue.put_nowait, item)
                if item is None:
                    return
        except Exception:  # noqa: BLE001 - the loop has closed, or stdin broke: stop reading
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(queue.put_nowait, None)

    threading.Thread(target=pump, name="fclint-reader", daemon=True).start()
    while not stop.is_set():
        item = await queue.get()
        room.release()
        if item is None:
            return
        if isinstance(item, str):
            say(f"dropped a message: {item}")
            continue
        handle(protocol, item)


def handle(protocol: JsonRPCProtocol, body: bytes) -> None:
    """One message's body: handled by pygls, or answered with an error, or dropped."""
    try:
        data = json.loads(body)
    except ValueError as error:
        say(f"dropped a message that is not JSON ({error})")
        return
    request_id = data.get("id") if isinstance(data, dict) and "method" in data else None
    if not isinstance(data, dict) or data.get("jsonrpc") != JsonRPCProtocol.VERSION:
        _refuse(protocol, request_id, INVALID_REQUEST, "not a JSON-RPC 2.0 message")
        return
    try:
        message = protocol.structure_message(data)
    except JsonRpcException as error:
        why = (f"the params do not fit {data.get('method')!r}"
               if isinstance(error, JsonRpcInvalidParams) else "the message cannot be read")
        _refuse(protocol, request_id, error.code, why)
        return
    try:
        protocol.handle_message(message)
    except Exception as error:  # noqa: BLE001 - pygls's own failure: say so, serve the next
        say(f"failed to handle a message: {error!r}")


def _refuse(protocol: JsonRPCProtocol, request_id: Any, code: int, why: str) -> None:
    if isinstance(request_id, (int, str)) and not isinstance(request_id, bool):
        protocol._send_response(request_id, error=lsp.ResponseError(code=code, message=why))
    else:
        say(f"dropped a message: {why}")
