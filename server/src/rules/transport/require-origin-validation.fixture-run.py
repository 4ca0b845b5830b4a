from mcp.server.mcpserver import MCPServer

server = MCPServer("inventory")

if __name__ == "__main__":
    # ruleid: require-origin-validation
    server.run(transport="streamable-http", host="0.0.0.0", port=8000)
    # ok: require-origin-validation
    server.run(transport="streamable-http", host="127.0.0.1", port=8000)
    # ok: require-origin-validation
    server.settings.host = "0.0.0.0"
