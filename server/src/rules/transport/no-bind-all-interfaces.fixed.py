import os

import uvicorn
from mcp.server.fastmcp import FastMCP

HOST = "127.0.0.1"
LOOPBACK = "127.0.0.1"

# ruleid: no-bind-all-interfaces
mcp = FastMCP("notes", host="127.0.0.1", port=8000)

# ok: no-bind-all-interfaces
local = FastMCP("notes-local", host="127.0.0.1", port=8001)

# ok: no-bind-all-interfaces
default_host = FastMCP("notes-default")

# ok: no-bind-all-interfaces
from_env = FastMCP("notes-env", host=os.environ.get("MCP_HOST", "0.0.0.0"))


@mcp.tool()
def add_note(text: str) -> str:
    """Store a note."""
    return text


def serve_uvicorn() -> None:
    # ruleid: no-bind-all-interfaces
    uvicorn.run(mcp.streamable_http_app(), host="127.0.0.1", port=8000)


def serve_uvicorn_local() -> None:
    # ok: no-bind-all-interfaces
    uvicorn.run(mcp.streamable_http_app(), host="127.0.0.1", port=8000)


def serve_constant() -> None:
    # ruleid: no-bind-all-interfaces
    uvicorn.run(mcp.sse_app(), host=HOST, port=8000)


def serve_constant_local() -> None:
    # ok: no-bind-all-interfaces
    uvicorn.run(mcp.sse_app(), host=LOOPBACK, port=8000)


def serve_env() -> None:
    # ok: no-bind-all-interfaces
    uvicorn.run(mcp.streamable_http_app(), host=os.getenv("HOST", "0.0.0.0"), port=int(os.getenv("PORT", "8000")))


def serve_v2() -> None:
    # ruleid: no-bind-all-interfaces
    mcp.run(transport="streamable-http", host="127.0.0.1", port=8000)


def serve_v2_local() -> None:
    # ok: no-bind-all-interfaces
    mcp.run(transport="streamable-http", host="localhost", port=8000)


if __name__ == "__main__":
    # ruleid: no-bind-all-interfaces
    mcp.settings.host = "127.0.0.1"
    # ok: no-bind-all-interfaces
    mcp.settings.port = 8000
    # ok: no-bind-all-interfaces
    print("bind 0.0.0.0 only in containers")
    mcp.run(transport="streamable-http")
