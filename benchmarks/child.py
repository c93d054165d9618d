"""Run one measurement in a fresh Python process, so that its peak memory is its own.

`run_in_child("benchmarks.answer_scenario:run_scenario", target="bot", ...)`
starts `python -m benchmarks.child`, which imports the function, calls it
with the keyword arguments (awaiting it if it is a coroutine function) and
writes the returned dict, plus the process's memory figures, as JSON.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.measure import children_peak_rss_mib, peak_rss_mib, rss_mib

# A measurement that runs longer than this, in seconds, is stopped and reported as failed.
CHILD_TIMEOUT = 600


class ChildFailed(RuntimeError):
    """A measurement process that exited with an error or timed out."""


def run_in_child(function: str, **kwargs: Any) -> dict[str, Any]:
    """Call `module:function` with `kwargs` in a new process and return its figures."""
    with tempfile.TemporaryDirectory(prefix="bench-child-") as directory:
        output = Path(directory) / "result.json"
        command = [sys.executable, "-m", "benchmarks.child", function, json.dumps(kwargs), output]
        try:
            completed = subprocess.run(
                [str(part) for part in command],
                capture_output=True,
                text=True,
                timeout=CHILD_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ChildFailed(f"{function} timed out after {CHILD_TIMEOUT} s") from error
        if completed.returncode != 0:
            tail = "\n".join(completed.stderr.strip().splitlines()[-15:])
            raise ChildFailed(f"{function} exited with {completed.returncode}:\n{tail}")
        return json.loads(output.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    function_path, kwargs_json, output = argv
    module_name, _, function_name = function_path.partition(":")
    function = getattr(importlib.import_module(module_name), function_name)
    kwargs = json.loads(kwargs_json)

    rss_at_start = rss_mib()
    if inspect.iscoroutinefunction(function):
        result = asyncio.run(function(**kwargs))
    else:
        result = function(**kwargs)
    result["rss_at_start_mib"] = rss_at_start
    result["peak_rss_mib"] = peak_rss_mib()
    result["children_peak_rss_mib"] = children_peak_rss_mib()

    Path(output).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
