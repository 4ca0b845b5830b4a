from mcp.server.fastmcp import FastMCP

# No authentication at all: require-http-auth's case, not this rule's.
# ok: require-audit-logging
mcp = FastMCP("Weather Service", host="127.0.0.1")


@mcp.tool()
def forecast(city: str) -> str:
    """Forecast for a city."""
    return f"Sunny in {city}"


if __name__ == "__main__":
    mcp.run(transport="streamable-http")
