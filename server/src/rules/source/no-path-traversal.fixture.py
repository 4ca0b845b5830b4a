import os
import shutil
from pathlib import Path
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("files")
ROOT = Path(os.environ.get("FILES_ROOT", "./files")).resolve()
ROOT_DIR = os.path.realpath("./files")
ALLOWED_REPORTS = {"daily.txt", "weekly.txt"}


def load(relative: str) -> str:
    # ruleid: no-path-traversal
    with open(os.path.join(ROOT_DIR, relative)) as handle:
        return handle.read()


def contained(relative: str) -> Path:
    full = (ROOT / relative).resolve()
    if not full.is_relative_to(ROOT):
        raise ValueError("path escapes the root directory")
    return full


@mcp.tool()
def read_file(path: str) -> str:
    """Read a file under the root directory."""
    # ruleid: no-path-traversal
    text = (ROOT / path).read_text()
    # ok: no-path-traversal
    safe = (ROOT / Path(path).name).read_text()
    # ok: no-path-traversal
    checked = contained(path).read_text()
    # ok: no-path-traversal
    cleaned = path.replace("\\", "/")
    return text + safe + checked + cleaned + load(path)


@mcp.tool()
def write_file(name: str, content: str, kind: Literal["txt", "md"]) -> str:
    """Write a file under the root directory."""
    joined = os.path.join(ROOT_DIR, name)
    if not joined.startswith(ROOT_DIR):
        raise ValueError("outside the root directory")
    # ruleid: no-path-traversal
    with open(joined, "w") as handle:
        handle.write(content)
    full = os.path.realpath(os.path.join(ROOT_DIR, name))
    if os.path.commonpath([full, ROOT_DIR]) != ROOT_DIR:
        raise ValueError("outside the root directory")
    # ok: no-path-traversal
    with open(full, "w") as handle:
        handle.write(content)
    # ok: no-path-traversal
    Path(ROOT_DIR, f"notes.{kind}").write_text(content)
    # ok: no-path-traversal
    Path(ROOT_DIR, "inbox.txt").write_text(name)
    return "saved"


@mcp.tool()
def remove(target: str, report: str) -> str:
    """Delete a file or a report."""
    # ruleid: no-path-traversal
    os.remove(os.path.join(ROOT_DIR, target))
    # ok: no-path-traversal
    os.remove(os.path.join(ROOT_DIR, os.path.basename(target)))
    if report not in ALLOWED_REPORTS:
        raise ValueError("unknown report")
    # ok: no-path-traversal
    os.remove(os.path.join(ROOT_DIR, "reports", report))
    return "removed"


@mcp.tool()
def archive(source: str, folder: str) -> list[str]:
    """Archive a folder and list what is left."""
    # ruleid: no-path-traversal
    shutil.copytree(source, ROOT / "archive")
    # ruleid: no-path-traversal
    names = [entry.name for entry in (ROOT / folder).iterdir()]
    resolved = (ROOT / folder).resolve()
    if resolved.is_relative_to(ROOT):
        # ok: no-path-traversal
        names += [entry.name for entry in resolved.iterdir()]
    # ok: no-path-traversal
    shutil.rmtree(ROOT / "archive" / "tmp")
    return names


@mcp.tool()
def find(pattern: str, limit: int) -> list[str]:
    """Find files by name pattern."""
    # ruleid: no-path-traversal
    matches = [str(match) for match in ROOT.glob(pattern)]
    # ok: no-path-traversal
    recent = sorted(os.listdir(ROOT_DIR))[:limit]
    return matches + recent


# ok: no-path-traversal
with open("config.toml") as config:
    SETTINGS = config.read()
