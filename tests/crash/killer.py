"""`python -m tests.crash.killer ARGS...`: the rashomon CLI, SIGKILLed at its Nth SQL statement.

RASHOMON_TEST_KILL_AT_STATEMENT=N makes the process kill itself with SIGKILL just before the
Nth statement any engine runs, so a test can stop `rashomon up` inside its migrations at a
chosen point instead of at a lucky moment. Without the variable it is the plain CLI.
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from sqlalchemy import Engine, event


def _install(limit: int) -> None:
    count = 0

    @event.listens_for(Engine, "before_cursor_execute")
    def _count(*_args: Any) -> None:
        nonlocal count
        count += 1
        if count >= limit:
            os.kill(os.getpid(), signal.SIGKILL)


if __name__ == "__main__":
    if os.environ.get("RASHOMON_TEST_KILL_AT_STATEMENT"):
        _install(int(os.environ["RASHOMON_TEST_KILL_AT_STATEMENT"]))
    from rashomon.cli import app

    sys.argv[0] = "rashomon"
    app()
