import contextlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.routing import Mount

from mcp.server.auth.middleware.bearer_auth import BearerAuthBackend, RequireAuthMiddleware
from mcp.server.fastmcp import FastMCP

from .verifier import JwtVerifier

mcp = FastMCP("Inventory", stateless_http=True)


@mcp.tool()
def restock(sku: str, quantity: int) -> str:
    """Restock an item."""
    return f"restocked {quantity} x {sku}"


@contextlib.asynccontextmanager
async def lifespan(app):
    async with mcp.session_manager.run():
        yield


app = Starlette(
    # ruleid: require-audit-logging
    routes=[Mount("/mcp", app=RequireAuthMiddleware(mcp.streamable_http_app(), required_scopes=["inventory"]))],
    # ok: require-audit-logging
    middleware=[Middleware(AuthenticationMiddleware, backend=BearerAuthBackend(JwtVerifier()))],
    lifespan=lifespan,
)
