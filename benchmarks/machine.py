"""Describe the machine and software that a benchmark run measured."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
from importlib import metadata
from pathlib import Path

LIBRARIES = (
    "python-telegram-bot",
    "aiosqlite",
    "pydantic",
    "babel",
    "jinja2",
    "weasyprint",
    "matplotlib",
)


def describe_machine() -> list[tuple[str, str]]:
    """Return (name, value) pairs: CPU, cores, memory, OS, Python, SQLite, libraries, commit."""
    return [
        ("CPU", _cpu_model()),
        ("Cores", str(os.cpu_count())),
        ("Memory", f"{_meminfo_kib('MemTotal') / 1024 / 1024:.1f} GiB"),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("SQLite", sqlite3.sqlite_version),
        ("Libraries", ", ".join(_library_versions())),
        ("Commit", _commit()),
    ]


def load_average() -> str:
    """Return the 1-minute load average, which shows other work sharing the cores."""
    return f"{os.getloadavg()[0]:.2f}"


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _meminfo_kib(field: str) -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _library_versions() -> list[str]:
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return versions


def _commit() -> str:
    """Return the checked-out commit, marked when the work tree has uncommitted changes."""
    root = Path(__file__).resolve().parent.parent
    try:
        commit = _git(root, "rev-parse", "--short", "HEAD")
        dirty = _git(root, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return f"{commit} with uncommitted changes" if dirty else commit


def _git(root: Path, *args: str) -> str:
    completed = subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True, timeout=10
    )
    return completed.stdout.strip()
