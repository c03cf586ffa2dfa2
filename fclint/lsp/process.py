"""Whether the editor that started the server still runs.

An editor that crashes or is killed never sends `exit`, and a server reading stdin in a worker
thread may not notice either: the LSP's answer is the client's `processId` (in `initialize`, or
`--clientProcessId`), which the server checks every few seconds, exiting once it is gone.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable

CHECK_SECONDS = 2.0


def alive(pid: int) -> bool:
    """True while process `pid` exists (a zombie counts as existing until it is reaped)."""
    if pid <= 0:
        return True  # not a process we can ask about: never exit on its account
    if sys.platform == "win32":
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    except OSError:
        return True
    return True


def _alive_windows(pid: int) -> bool:
    import ctypes

    synchronize, wait_timeout = 0x00100000, 0x00000102
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(synchronize, False, pid)
    if not handle:
        return False
    try:
        return kernel32.WaitForSingleObject(handle, 0) == wait_timeout
    finally:
        kernel32.CloseHandle(handle)


def watch(pid: int, gone: Callable[[], None], interval: float = CHECK_SECONDS) -> None:
    """Call `gone()` from the running event loop once `pid` no longer exists."""
    loop = asyncio.get_running_loop()

    def check() -> None:
        if alive(pid):
            loop.call_later(interval, check)
        else:
            gone()

    loop.call_later(interval, check)
