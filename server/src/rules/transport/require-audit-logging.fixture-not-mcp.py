from pydantic import AnyHttpUrl

from myapp.auth import AuthSettings

# AuthSettings of some other framework, in a file that is not an MCP server.
# ok: require-audit-logging
settings = AuthSettings(issuer_url=AnyHttpUrl("https://auth.example.com"))
