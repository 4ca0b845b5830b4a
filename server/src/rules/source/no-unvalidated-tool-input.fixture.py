from typing import Annotated, Any, Literal, Optional, TypedDict

import mcp.types as types
from mcp.server.fastmcp import Context, FastMCP
from mcp.server.lowlevel import Server
from pydantic import BaseModel, Field

mcp = FastMCP("records")
low = Server("records-low")


class Filter(BaseModel):
    # ok: no-unvalidated-tool-input
    column: str
    # ruleid: no-unvalidated-tool-input
    value: Any


class AuditEntry(BaseModel):
    # ok: no-unvalidated-tool-input
    details: dict[str, Any]


class Paging(TypedDict):
    page: int
    size: int


@mcp.tool()
def update_record(
    # ok: no-unvalidated-tool-input
    record_id: str,
    # ruleid: no-unvalidated-tool-input
    patch: dict[str, Any],
    # ruleid: no-unvalidated-tool-input
    note=None,
    # ok: no-unvalidated-tool-input
    status: Literal["draft", "published"] = "draft",
    # ok: no-unvalidated-tool-input
    ctx: Context = None,
) -> str:
    """Update a record."""
    return f"{record_id} {patch} {note} {status}"


@mcp.tool(name="query")
async def query_records(
    # ok: no-unvalidated-tool-input
    filter: Filter,
    # ok: no-unvalidated-tool-input
    paging: Paging,
    # ruleid: no-unvalidated-tool-input
    options: Optional[dict] = None,
    # ruleid: no-unvalidated-tool-input
    hint: Annotated[Any, Field(description="a planner hint")] = None,
    # ok: no-unvalidated-tool-input
    limit: Annotated[int, Field(ge=1, le=100)] = 10,
    # ok: no-unvalidated-tool-input
    labels: dict[str, str] | None = None,
    # ruleid: no-unvalidated-tool-input
    **kwargs,
) -> list[str]:
    """Query records."""
    return [filter.column, str(paging), str(options), str(hint), str(limit), str(labels), str(kwargs)]


@mcp.tool
def tag(
    # ruleid: no-unvalidated-tool-input
    *tags: object,
) -> str:
    """Tag records."""
    return ",".join(map(str, tags))


# ok: no-unvalidated-tool-input
def merge(base: dict, **overrides: Any) -> dict:
    return {**base, **overrides}


@low.list_tools()
async def list_tools() -> list[types.Tool]:
    return [
        types.Tool(
            name="import_rows",
            description="Import rows",
            inputSchema={
                "type": "object",
                "properties": {
                    # ok: no-unvalidated-tool-input
                    "source": {"type": "string", "maxLength": 200},
                    # ruleid: no-unvalidated-tool-input
                    "rows": {"description": "the rows to import"},
                },
            },
        )
    ]


@low.call_tool()
# ok: no-unvalidated-tool-input
async def call_tool(name: str, arguments: dict) -> list[types.TextContent]:
    return [types.TextContent(type="text", text=f"{name} {arguments}")]
