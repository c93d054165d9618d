"""Percentiles, memory and CPU time of the running process."""

from __future__ import annotations

import math
import resource
from collections.abc import Sequence
from pathlib import Path

_STATUS = Path("/proc/self/status")


def percentile(values: Sequence[float], fraction: float) -> float:
    """Return the nearest-rank percentile, such as fraction=0.99 for p99."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return ordered[rank - 1]


def rss_mib() -> float:
    """Return the resident set size now, in MiB (Linux only)."""
    return _status_kib("VmRSS") / 1024


def peak_rss_mib() -> float:
    """Return the highest resident set size of this process so far, in MiB (Linux only)."""
    return _status_kib("VmHWM") / 1024


def children_peak_rss_mib() -> float:
    """Return the highest resident set size of any child process that has ended, in MiB.

    It covers worker processes, such as a process pool's, once they have
    been waited for. Linux reports ru_maxrss in KiB.
    """
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """Return the user plus system CPU time this process has used, in seconds."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _status_kib(field: str) -> int:
    for line in _STATUS.read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{_STATUS} has no {field} line, so memory cannot be read: it needs Linux")
