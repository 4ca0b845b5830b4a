import logging
from datetime import datetime, timezone

from pydantic import AnyHttpUrl

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

from .verifier import JwtVerifier

logger = logging.getLogger(__name__)

mcp = FastMCP(
    "Notes",
    # ok: require-audit-logging
    token_verifier=JwtVerifier(),
    auth=AuthSettings(issuer_url=AnyHttpUrl("https://auth.example.com"), resource_server_url=AnyHttpUrl("https://notes.example.com")),
)


def record(tool: str, outcome: str) -> None:
    token = get_access_token()
    # ok: require-audit-logging
    logger.info("tool=%s client=%s outcome=%s at=%s", tool, token.client_id if token else None, outcome, datetime.now(timezone.utc).isoformat())


@mcp.tool()
def delete_note(note_id: int) -> str:
    """Delete a note."""
    record("delete_note", "allowed")
    return "deleted"
