import logging

from pydantic import AnyHttpUrl

from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP

from .introspection import introspect

audit = logging.getLogger("weather.audit")


class IntrospectionVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        claims = await introspect(token)
        if not claims.get("active"):
            # ok: require-audit-logging
            audit.warning("token rejected: client=%s reason=inactive", claims.get("client_id"))
            return None
        return AccessToken(token=token, client_id=claims["client_id"], scopes=claims["scope"].split())


mcp = FastMCP(
    "Weather Service",
    # ok: require-audit-logging
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(issuer_url=AnyHttpUrl("https://auth.example.com"), resource_server_url=AnyHttpUrl("https://weather.example.com")),
)


@mcp.tool()
def forecast(city: str) -> str:
    """Forecast for a city."""
    return f"Sunny in {city}"
