import pandas as pd
from django.db.models.expressions import RawSQL
from mcp.server.fastmcp import FastMCP
from psycopg2 import sql
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from .models import Note, Tag

mcp = FastMCP("orm")
engine = create_engine("sqlite:///notes.db")


@mcp.tool()
def rename_tag(old: str, new: str, min_count: int) -> str:
    """Rename a tag."""
    with Session(engine) as session:
        # ruleid: no-sql-injection
        session.execute(text(f"UPDATE tags SET name = '{new}' WHERE name = '{old}'"))
        # ok: no-sql-injection
        session.execute(text("UPDATE tags SET name = :new WHERE name = :old"), {"new": new, "old": old})
        # ok: no-sql-injection
        session.execute(select(Tag).where(Tag.name == old))
        # ok: no-sql-injection
        session.execute(text(f"DELETE FROM tags WHERE uses < {min_count}"))
    return "ok"


@mcp.tool()
def report(author: str, since: str) -> str:
    """Notes of one author as CSV."""
    # ruleid: no-sql-injection
    frame = pd.read_sql(f"SELECT * FROM notes WHERE author = '{author}'", engine)
    # ok: no-sql-injection
    frame2 = pd.read_sql(text("SELECT * FROM notes WHERE author = :author"), engine, params={"author": author})
    # ruleid: no-sql-injection
    notes = Note.objects.raw("SELECT * FROM notes_note WHERE created > '%s'" % since)
    # ruleid: no-sql-injection
    annotated = Note.objects.annotate(rank=RawSQL("SELECT count(*) FROM tags WHERE name = " + author, []))
    # ok: no-sql-injection
    safe = Note.objects.raw("SELECT * FROM notes_note WHERE created > %s", [since])
    # ok: no-sql-injection
    ok_annotated = Note.objects.annotate(rank=RawSQL("SELECT count(*) FROM tags WHERE name = %s", [author]))
    # ok: no-sql-injection
    composed = sql.SQL("SELECT * FROM {} WHERE author = %s").format(sql.Identifier(author))
    return frame.to_csv() + frame2.to_csv() + str(list(notes)) + str(annotated) + str(list(safe)) + str(ok_annotated) + str(composed)
