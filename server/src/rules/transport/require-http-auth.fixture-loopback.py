import uvicorn
from mcp.server.fastmcp import FastMCP

# ok: require-http-auth
mcp = FastMCP("tickets", host="127.0.0.1", port=8000)

if __name__ == "__main__":
    # ok: require-http-auth
    uvicorn.run(mcp.streamable_http_app(), host="localhost", port=8000)
