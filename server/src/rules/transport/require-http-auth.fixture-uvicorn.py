import uvicorn
from mcp.server.fastmcp import FastMCP

# ok: require-http-auth
mcp = FastMCP("tickets")

if __name__ == "__main__":
    # ruleid: require-http-auth
    uvicorn.run(mcp.streamable_http_app(), host="0.0.0.0", port=8000)
