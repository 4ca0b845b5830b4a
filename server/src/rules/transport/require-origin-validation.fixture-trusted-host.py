from mcp.server.fastmcp import FastMCP
from starlette.middleware.trustedhost import TrustedHostMiddleware

# Starlette's TrustedHostMiddleware validates Host headers in front of the MCP app.
# ok: require-origin-validation
mcp = FastMCP("inventory", host="0.0.0.0", port=8000)
app = mcp.streamable_http_app()
app.add_middleware(TrustedHostMiddleware, allowed_hosts=["mcp.example.com"])
