import sys

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("notes")


@mcp.tool()
def add_note(title: str) -> str:
    """Store a note."""
    # ok: no-stdout-in-stdio-server
    print(f"adding note {title}")
    # ok: no-stdout-in-stdio-server
    sys.stdout.write("saved\n")
    return "saved"


if __name__ == "__main__":
    # ok: no-stdout-in-stdio-server
    print("Serving on http://127.0.0.1:8000/mcp")
    mcp.run(transport="streamable-http")
