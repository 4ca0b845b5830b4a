import os

from mcp.server.fastmcp import FastMCP

# ruleid: require-http-auth
mcp = FastMCP("tickets", host="0.0.0.0", port=8000)


@mcp.tool()
def close_ticket(ticket_id: int) -> str:
    """Close a support ticket."""
    return f"closed {ticket_id}"


if __name__ == "__main__":
    # ok: require-http-auth
    mcp.settings.port = int(os.environ.get("PORT", "8000"))
    # ok: require-http-auth
    mcp.run(transport="streamable-http")
