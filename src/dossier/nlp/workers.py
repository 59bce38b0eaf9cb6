"""Worker processes of ``nlp.pipe(n_process=N)`` end when the process that started them does.

spaCy's workers block on a queue from their parent. When the parent is killed (``kill -9``,
the OOM killer) nobody sends them the sentinel, and each lives on holding its model
(~0.7 GB). A daemon thread in each worker watches for the parent's end and exits.
"""

from __future__ import annotations

import os
import threading

#: How often a worker looks for its parent: the longest an orphan outlives it.
PARENT_POLL_S = 0.5
#: The exit status of a worker whose parent is gone.
ORPHAN_EXIT_STATUS = 70

_watching: int | None = None  # the pid of the process whose watcher is running
_lock = threading.Lock()


def exit_with_parent(parent_pid: int) -> None:
    """In a process started by ``parent_pid``, exit as soon as that process is gone.

    Does nothing in ``parent_pid`` itself, and starts one watcher per process.
    """
    global _watching
    pid = os.getpid()
    if pid == parent_pid or _watching == pid:
        return
    with _lock:
        if _watching == pid:
            return
        _watching = pid
        threading.Thread(target=_watch, args=(parent_pid,), name="dossier-parent-watch", daemon=True).start()


def _watch(parent_pid: int) -> None:
    stopped = threading.Event()
    while not stopped.wait(PARENT_POLL_S):
        # An orphan is adopted: its parent is then init or a subreaper, never the starter.
        if os.getppid() != parent_pid:
            os._exit(ORPHAN_EXIT_STATUS)
