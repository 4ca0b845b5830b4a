"""File and ticket tools over MCP."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import httpx
import requests
from mcp.server.fastmcp import FastMCP
from mcp.types import ToolAnnotations

mcp = FastMCP("files")
ROOT = Path("/srv/files")
API = "https://tickets.example.com/api"
db = sqlite3.connect("tickets.db")


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=False))
def read_file(path: str) -> str:
    """Read a file."""
    with open(ROOT / path, encoding="utf-8") as handle:
        text = handle.read()
    with open(ROOT / "access.log", "a") as log:
        log.write(f"read {path}\n")
    return text


# ruleid: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def write_file(path: str, text: str) -> str:
    """Write a file."""
    with open(ROOT / path, "w", encoding="utf-8") as handle:
        handle.write(text)
    return "ok"


# ruleid: require-accurate-annotations
@mcp.tool(annotations={"readOnlyHint": False, "destructiveHint": False})
def delete_folder(path: str) -> str:
    """Delete a folder and everything in it."""
    shutil.rmtree(ROOT / path)
    return "deleted"


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=True))
def delete_file(path: str) -> str:
    """Delete one file."""
    os.remove(ROOT / path)
    return "deleted"


@mcp.tool()
# ruleid: require-accurate-annotations
def remove_upload(path: str) -> str:
    """Remove an uploaded file."""
    (ROOT / path).unlink(missing_ok=True)
    return "removed"


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def git_status() -> str:
    """Show the working tree status."""
    return subprocess.run(["git", "status", "--short"], capture_output=True, text=True, cwd=ROOT).stdout


# ruleid: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def git_commit(message: str) -> str:
    """Commit staged changes."""
    return subprocess.run(["git", "commit", "-m", message], capture_output=True, text=True, cwd=ROOT).stdout


# ruleid: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=True))
def create_ticket(title: str) -> str:
    """Open a ticket."""
    return requests.post(f"{API}/tickets", json={"title": title}, timeout=10).text


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True, openWorldHint=True))
def search_tickets(query: str) -> str:
    """Search tickets."""
    return requests.post(f"{API}/tickets/search", json={"q": query}, timeout=10).text


# ruleid: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(destructiveHint=False))
async def close_ticket(ticket_id: str) -> str:
    """Delete a ticket."""
    async with httpx.AsyncClient() as client:
        response = await client.delete(f"{API}/tickets/{ticket_id}")
    return response.text


# ruleid: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=False, destructiveHint=False))
def forget_ticket(ticket_id: str) -> str:
    """Remove a ticket from the local index."""
    db.execute("DELETE FROM tickets WHERE id = ?", (ticket_id,))
    db.commit()
    return "forgotten"


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def count_tickets() -> int:
    """Count tickets."""
    return db.execute("SELECT COUNT(*) FROM tickets").fetchone()[0]


# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
async def get_ticket(ticket_id: str) -> str:
    """Fetch one ticket."""
    async with httpx.AsyncClient() as client:
        return (await client.get(f"{API}/tickets/{ticket_id}")).text


# A list's remove() and a dict's pop() change only memory.
# ok: require-accurate-annotations
@mcp.tool(annotations=ToolAnnotations(readOnlyHint=True))
def top_tags(tags: list[str]) -> list[str]:
    """The most common tags, without 'misc'."""
    unique = sorted(set(tags))
    if "misc" in unique:
        unique.remove("misc")
    return unique[:5]


# ok: require-accurate-annotations
@mcp.tool()
def list_files() -> list[str]:
    """List files."""
    return [p.name for p in ROOT.iterdir()]
