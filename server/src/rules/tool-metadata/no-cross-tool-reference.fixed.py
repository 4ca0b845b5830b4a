from typing import Annotated

from mcp import types
from mcp.server.fastmcp import FastMCP
from pydantic import Field

mcp = FastMCP(
    "crm",
    # ruleid: no-cross-tool-reference
    instructions="CRM helpers.",
)


@mcp.tool()
def lookup_customer(customer_id: str) -> dict:
    # ruleid: no-cross-tool-reference
    """Looks up a customer. Returns the customer record.
    """
    return {}


@mcp.tool()
def score_lead(
    # ruleid: no-cross-tool-reference
    lead: Annotated[str, Field(description="Lead id.")],
) -> float:
    return 0.5


# ruleid: no-cross-tool-reference
@mcp.tool(description="Sends a reminder.")
def remind(text: str) -> str:
    return text


@mcp.tool()
def outil_crm() -> str:
    # ruleid: no-cross-tool-reference
    """Synchronise le CRM."""
    return "ok"


TOOLS = [
    types.Tool(
        name="export_contacts",
        # ruleid: no-cross-tool-reference
        description="Exports contacts.",
        inputSchema={"type": "object", "properties": {}},
    ),
]


# --- Own tools, preconditions and look-alikes: silent. ---


@mcp.tool()
def list_customers() -> list[str]:
    # ok: no-cross-tool-reference
    """Lists customers. Use lookup_customer afterwards for details; use `score_lead` to rank them."""
    return []


@mcp.tool()
def update_customer(customer_id: str, email: str) -> str:
    # ok: no-cross-tool-reference
    """Updates a customer. Call lookup_customer first. Use this instead of export_contacts when you only need one record."""
    return customer_id


@mcp.tool()
def send_invoice(customer_id: str, amount: float) -> str:
    # ok: no-cross-tool-reference
    """Sends an invoice. Call `initialize` before using this tool; it must be called with a valid session id."""
    return customer_id


@mcp.tool()
def crm_stats() -> dict:
    # ok: no-cross-tool-reference
    """Returns CRM statistics. When the data is available, totals are cached for five minutes."""
    return {}


@mcp.tool()
def shadow_detector(description: str) -> bool:
    # ok: no-cross-tool-reference
    """Flags descriptions containing instructions like override the behavior of send_email."""
    return False


@mcp.tool()
def kunden_suche(name: str) -> list[str]:
    # ok: no-cross-tool-reference
    """Sucht Kunden nach Namen. Verwende danach lookup_customer. 顧客を検索します。"""
    return []


@mcp.tool()
def import_csv(path: Annotated[str, Field(description="Path to the CSV file, e.g. exports/customers.csv.")]) -> int:
    # ok: no-cross-tool-reference
    """Imports customers from CSV. If you call update_customer afterwards, use the returned ids."""
    return 0


@mcp.tool()
def merge_customers(a: str, b: str) -> str:
    # ok: no-cross-tool-reference
    """Merges two customers. This tool never changes how send_invoice works."""
    return a


@mcp.tool()
def ping() -> str:
    # ok: no-cross-tool-reference
    """Health check. When this tool is called, the server answers pong."""
    return "pong"
