from pydantic import AnyHttpUrl

from mcp.server.auth.provider import AuthorizationParams, OAuthAuthorizationServerProvider
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.fastmcp import FastMCP
from mcp.shared.auth import OAuthClientInformationFull


class GitHubOAuthProvider(OAuthAuthorizationServerProvider):
    def __init__(self, github_client_id: str):
        self.github_client_id = github_client_id

    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        # Registration is switched off below: only pre-registered clients reach this point.
        # ok: require-dcr-consent
        return f"https://github.com/login/oauth/authorize?client_id={self.github_client_id}&state={params.state}"


mcp = FastMCP(
    "GitHub proxy",
    auth_server_provider=GitHubOAuthProvider("Iv1.0000000000000000"),
    auth=AuthSettings(
        issuer_url=AnyHttpUrl("https://mcp.example.com"),
        resource_server_url=AnyHttpUrl("https://mcp.example.com"),
        client_registration_options=ClientRegistrationOptions(enabled=False),
    ),
)
