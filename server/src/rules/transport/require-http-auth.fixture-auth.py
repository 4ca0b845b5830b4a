from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from pydantic import AnyHttpUrl

from .verifier import IntrospectionTokenVerifier

# ok: require-http-auth
mcp = FastMCP(
    "tickets",
    host="0.0.0.0",
    port=8000,
    token_verifier=IntrospectionTokenVerifier("https://auth.example.com/introspect"),
    auth=AuthSettings(
        issuer_url=AnyHttpUrl("https://auth.example.com"),
        resource_server_url=AnyHttpUrl("https://mcp.example.com/mcp"),
        required_scopes=["tickets"],
    ),
)
