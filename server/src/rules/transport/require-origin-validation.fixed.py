import os

from mcp.server.fastmcp import FastMCP
from mcp.server.transport_security import TransportSecuritySettings

# ruleid: require-origin-validation
public = FastMCP("inventory", host="0.0.0.0", port=8000)

# ok: require-origin-validation
local = FastMCP("inventory-local", host="127.0.0.1", port=8001)

# ok: require-origin-validation
default_host = FastMCP("inventory-default")

# ok: require-origin-validation
from_env = FastMCP("inventory-env", host=os.environ.get("MCP_HOST", "127.0.0.1"))

# ok: require-origin-validation
guarded = FastMCP(
    "inventory-guarded",
    host="0.0.0.0",
    transport_security=TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=["mcp.example.com:*"],
        allowed_origins=["https://app.example.com"],
    ),
)

# ruleid: require-origin-validation
insecure_settings = TransportSecuritySettings(enable_dns_rebinding_protection=False, allowed_hosts=["*"])

# ruleid: require-origin-validation
switched_off = TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=["localhost:*"])

# ok: require-origin-validation
secure_settings = TransportSecuritySettings(enable_dns_rebinding_protection=True, allowed_hosts=["localhost:*"])


@public.tool()
def count_items(sku: str) -> int:
    """Count items in stock."""
    return len(sku)


if __name__ == "__main__":
    # ok: require-origin-validation
    public.run(transport="streamable-http")
