import logging

from pydantic import AnyHttpUrl

from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import Context, FastMCP

from .introspection import introspect

logger = logging.getLogger("weather")


class IntrospectionVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        claims = await introspect(token)
        if not claims.get("active"):
            return None
        return AccessToken(token=token, client_id=claims["client_id"], scopes=claims["scope"].split())


mcp = FastMCP(
    "Weather Service",
    # ruleid: require-audit-logging
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(
        issuer_url=AnyHttpUrl("https://auth.example.com"),
        resource_server_url=AnyHttpUrl("https://weather.example.com"),
        required_scopes=["weather:read"],
    ),
)


@mcp.tool()
async def forecast(city: str, ctx: Context) -> str:
    """Forecast for a city."""
    # ok: require-audit-logging
    await ctx.info(f"forecast for {city}")
    return f"Sunny in {city}"


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    # ok: require-audit-logging
    logger.info("starting weather server")
    mcp.run(transport="streamable-http")
