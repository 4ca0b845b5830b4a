import sqlite3
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")
conn = sqlite3.connect("notes.db")
COLUMNS = {"title", "created"}


def run_query(sql: str) -> list:
    cursor = conn.cursor()
    # ruleid: no-sql-injection
    cursor.execute(sql)
    return cursor.fetchall()


def folder_query(folder: str) -> str:
    return f"SELECT id, title FROM notes WHERE folder = '{folder}'"


@mcp.tool()
def search_notes(term: str, limit: int, order: Literal["title", "created"]) -> list:
    """Search notes by title."""
    cursor = conn.cursor()
    # ruleid: no-sql-injection
    cursor.execute("SELECT id, title FROM notes WHERE title = ? LIMIT ?", (term, limit))
    # ruleid: no-sql-injection
    cursor.execute("SELECT * FROM notes WHERE title LIKE '%" + term + "%'")
    # ruleid: no-sql-injection
    cursor.execute("SELECT * FROM notes WHERE author = '{}'".format(term))
    # ruleid: no-sql-injection
    cursor.execute(folder_query(term))
    # ok: no-sql-injection
    cursor.execute(folder_query("inbox"))
    # ok: no-sql-injection
    cursor.execute("SELECT * FROM notes WHERE title = ?", (term,))
    # ok: no-sql-injection
    cursor.execute(f"SELECT * FROM notes ORDER BY {order} LIMIT {limit}")
    # ok: no-sql-injection
    cursor.execute("SELECT * FROM notes WHERE title LIKE ?", (f"%{term}%",))
    query = "DELETE FROM drafts WHERE title = '%s'" % term
    # ruleid: no-sql-injection
    conn.execute(query)
    # ok: no-sql-injection
    conn.execute("SELECT count(*) FROM notes")
    return run_query("SELECT * FROM tags WHERE name = '" + term + "'")


@mcp.tool()
def reindex(column: str, job: str) -> str:
    """Rebuild the index of one column."""
    # ok: no-sql-injection
    scheduler.execute(f"reindex {job} now")
    if column not in COLUMNS:
        raise ValueError("unknown column")
    cursor = conn.cursor()
    # ok: no-sql-injection
    cursor.execute(f"SELECT {column} FROM notes")
    # ok: no-sql-injection
    cursor.executescript("CREATE TABLE IF NOT EXISTS tags (name TEXT)")
    return "ok"


def migrate(version: str) -> None:
    # ok: no-sql-injection
    conn.execute(f"PRAGMA user_version = {version}")
