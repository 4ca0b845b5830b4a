import time

from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.auth.middleware.bearer_auth import RequireAuthMiddleware
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import Context, FastMCP
from mcp.server.streamable_http import StreamableHTTPServerTransport
from pydantic import AnyHttpUrl
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from .auth import IntrospectionTokenVerifier

mcp = FastMCP(
    "notes",
    token_verifier=IntrospectionTokenVerifier("https://auth.example.com/introspect"),
    auth=AuthSettings(issuer_url=AnyHttpUrl("https://auth.example.com"), resource_server_url=AnyHttpUrl("https://mcp.example.com/mcp")),
)
SESSIONS: dict[str, dict] = {}
STARTED: dict[str, float] = {}
NOTES: dict[str, list[str]] = {}
transports: dict[str, StreamableHTTPServerTransport] = {}


def session_id_of(ctx: Context) -> str:
    return ctx.request_context.request.headers.get("mcp-session-id", "")


@mcp.tool()
async def remember_me(ctx: Context) -> str:
    """Remembers the caller for this session."""
    session_id = session_id_of(ctx)
    # ok: no-session-as-auth
    STARTED[session_id] = time.time()
    # ruleid: no-session-as-auth
    SESSIONS[session_id] = {"user_id": get_access_token().client_id, "notes": []}
    return "ok"


@mcp.tool()
async def my_notes(ctx: Context) -> str:
    """Lists the caller's notes."""
    session_id = session_id_of(ctx)
    # ruleid: no-session-as-auth
    user = SESSIONS[session_id]["user_id"]
    return "\n".join(NOTES.get(user, []))


@mcp.tool()
async def add_note(text: str, ctx: Context) -> str:
    """Adds a note after checking the session belongs to the caller."""
    session_id = session_id_of(ctx)
    # ok: no-session-as-auth
    session = SESSIONS.get(session_id)
    if session is None or session["user_id"] != get_access_token().client_id:
        raise PermissionError("session belongs to another user")
    NOTES.setdefault(session["user_id"], []).append(text)
    return "added"


@mcp.tool()
async def bound_notes(ctx: Context) -> str:
    """Keys state by the verified user and the session."""
    user_id = get_access_token().client_id
    # ok: no-session-as-auth
    SESSIONS[f"{user_id}:{session_id_of(ctx)}"] = {"user_id": user_id}
    # ok: no-session-as-auth
    started = STARTED.get(session_id_of(ctx))
    return f"{user_id} since {started}"


async def handle_mcp(request: Request) -> Response:
    session_id = request.headers.get("mcp-session-id")
    # ruleid: no-session-as-auth
    transport = transports.get(session_id)
    if transport is None:
        return Response("unknown session", status_code=404)
    await transport.handle_request(request.scope, request.receive, request._send)
    return Response()


async def handle_mcp_protected(request: Request) -> Response:
    session_id = request.headers.get("mcp-session-id")
    # ok: no-session-as-auth
    transport = transports.get(session_id)
    if transport is None:
        return Response("unknown session", status_code=404)
    await transport.handle_request(request.scope, request.receive, request._send)
    return Response()


app = Starlette(
    routes=[
        Route("/mcp-stream", endpoint=handle_mcp, methods=["GET", "DELETE"]),
        Route("/mcp", endpoint=RequireAuthMiddleware(handle_mcp_protected, ["notes:read"]), methods=["POST"]),
    ]
)
