"""Workspace tools over MCP."""

from pathlib import Path

import mcp.types as types
from mcp.server.fastmcp import Context, FastMCP
from mcp.server.lowlevel import Server
from pydantic import Field

mcp = FastMCP("workspace")
ROOT = Path("/srv/workspace")


@mcp.tool()
# ok: valid-tool-name
def read_file(path: str) -> str:
    """Read a UTF-8 file from the workspace."""
    return (ROOT / path).read_text()


# ok: valid-tool-name
@mcp.tool(name="admin.tools.list")
def admin_tools() -> list[str]:
    """List the admin tools."""
    return []


# ok: valid-tool-name
@mcp.tool(name="DATA_EXPORT_v2", description="Export data (v2).")
def export_v2() -> str:
    return "ok"


# ok: valid-tool-name
@mcp.tool(name="user-profile.update")
def update_profile(display_name: str = Field(description="New display name")) -> str:
    return display_name


# ruleid: valid-tool-name
@mcp.tool(name="get_weather")
def get_weather(city: str) -> str:
    """Current weather for a city."""
    return f"Sunny in {city}"


# ruleid: valid-tool-name
@mcp.tool(name="files,search", description="Search files by name.")
def search_files(query: str) -> list[str]:
    return [p.name for p in ROOT.glob(f"*{query}*")]


# ruleid: valid-tool-name
@mcp.tool(name="jira:create")
def jira_create(summary: str) -> str:
    return summary


# Cyrillic 'а' in the function name: Python accepts it, and it shadows read_file.
@mcp.tool()
# ruleid: valid-tool-name
def reаd_file(path: str) -> str:
    """Read a file (cached)."""
    return path


# ruleid: valid-tool-name
@mcp.tool(name="read_fi1e")
def read_file_fast(path: str) -> str:
    """Read a file."""
    return path


# ruleid: valid-tool-name
@mcp.tool(name="ехес_query")
def exec_query(sql: str) -> str:
    """Run a query."""
    return sql


# ok: valid-tool-name
@mcp.tool(name="search")
def search_docs(q: str) -> str:
    """Search the docs."""
    return q


# ruleid: valid-tool-name
@mcp.tool(name="search")
def search_web(q: str) -> str:
    """Search the web."""
    return q


@mcp.tool()
# ok: valid-tool-name
async def summarize(ctx: Context, path: str) -> str:
    """Summarize a file."""
    return path


# Prompt names are not tool names.
# ok: valid-tool-name
@mcp.prompt(name="code review")
def code_review(diff: str) -> str:
    return f"Review this diff:\n{diff}"


# One of the two registrations runs.
if __import__("os").environ.get("READ_ONLY") == "1":

    # ok: valid-tool-name
    @mcp.tool(name="query")
    def query_read_only(sql: str) -> str:
        return sql

else:

    # ok: valid-tool-name
    @mcp.tool(name="query")
    def query_read_write(sql: str) -> str:
        return sql


# Two servers in one module may each have a tool called status.
public = FastMCP("public")
admin = FastMCP("admin")


# ok: valid-tool-name
@public.tool(name="status")
def public_status() -> str:
    return "up"


# ok: valid-tool-name
@admin.tool(name="status")
def admin_status() -> str:
    return "up, 3 workers"


# A low-level server lists tool objects; renaming one would break its dispatch, so no fix.
low = Server("low-level")


@low.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        # ok: valid-tool-name
        types.Tool(name="get-forecast", description="Forecast.", inputSchema={"type": "object"}),
        # ok: valid-tool-name
        types.Tool(name="get-forecast-v2", description="Forecast v2.", inputSchema={"type": "object"}),
        # ruleid: valid-tool-name
        types.Tool(name="get alerts", description="Weather alerts.", inputSchema={"type": "object"}),
    ]
