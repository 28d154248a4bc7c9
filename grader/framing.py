"""The one framing of the grader's channels (zygote, checker, learner, worker): a 4-byte
big-endian length, then a JSON body of at most MAX_MESSAGE_BYTES. No torch here: the Celery worker
frames messages too and must not pay for importing it."""

import json
import os
import select
import struct
import time

MAX_MESSAGE_BYTES = 256 * 1024 * 1024


def frame(message: dict) -> bytes:
    """The one framing of the grader's channels: a 4-byte big-endian length, then JSON."""
    body = json.dumps(message).encode()
    return struct.pack(">I", len(body)) + body


def take_frame(buffer: bytearray) -> dict | None:
    """The first whole message in `buffer`, removed from it; None while it is incomplete."""
    if len(buffer) < 4:
        return None
    size = _checked_size(bytes(buffer[:4]))
    if len(buffer) < 4 + size:
        return None
    body = bytes(buffer[4 : 4 + size])
    del buffer[: 4 + size]
    return json.loads(body)


def send(fd: int, message: dict) -> None:
    _write_all(fd, frame(message))


def recv(fd: int, deadline: float | None = None) -> dict:
    """Read one framed message; EOFError if the other side has gone, TimeoutError if the whole
    message has not come by `deadline` (time.monotonic()): a sender that stops half-way holds no one."""
    size = _checked_size(_read_exact(fd, 4, deadline))
    return json.loads(_read_exact(fd, size, deadline))


def _checked_size(header: bytes) -> int:
    (size,) = struct.unpack(">I", header)
    if size > MAX_MESSAGE_BYTES:
        raise ValueError(f"message of {size} bytes is over the {MAX_MESSAGE_BYTES} limit")
    return size


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read_exact(fd: int, n: int, deadline: float | None = None) -> bytes:
    chunks = []
    while n:
        if deadline is not None and not select.select([fd], [], [], max(deadline - time.monotonic(), 0))[0]:
            raise TimeoutError
        chunk = os.read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError("pipe closed")
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)
