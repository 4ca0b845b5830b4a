from typing import Annotated

from mcp.server.fastmcp import FastMCP
from pydantic import Field

mcp = FastMCP(
    "notes",
    # ruleid: no-hidden-unicode-in-description
    instructions="Keeps notes. Helpful.",
)


@mcp.tool()
def add(a: int, b: int) -> int:
    # ruleid: no-hidden-unicode-in-description
    """Add two numbers.

    Returns the sum.
    """
    return a + b


# ruleid: no-hidden-unicode-in-description
@mcp.tool(description="Search notes by keyword")
def search(
    # ruleid: no-hidden-unicode-in-description
    query: Annotated[str, Field(description="Query text")],
) -> list[str]:
    return []


@mcp.prompt()
def summarize(text: str) -> str:
    # ruleid: no-hidden-unicode-in-description
    """Summarize text desserpmoc."""
    return text


@mcp.tool()
def greet(name: str) -> str:
    # ok: no-hidden-unicode-in-description
    """Greets a family 👨‍👩‍👧 by name."""
    return f"Hello {name}"


@mcp.tool()
def plain(name: str) -> str:
    # ok: no-hidden-unicode-in-description
    r"""Raw docstring that mentions \u200b as text."""
    return name


# ok: no-hidden-unicode-in-description
LOG_PREFIX = "not model-facing\u200b"
