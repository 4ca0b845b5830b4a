import secrets
import time

from pydantic import AnyHttpUrl
from pydantic_settings import BaseSettings

from mcp.server.auth.provider import AuthorizationParams, OAuthAuthorizationServerProvider
from mcp.server.auth.settings import AuthSettings, ClientRegistrationOptions
from mcp.server.fastmcp import FastMCP
from mcp.shared.auth import OAuthClientInformationFull


class Settings(BaseSettings):
    github_client_id: str = ""
    github_client_secret: str = ""
    github_callback_path: str = "http://localhost:8000/github/callback"


class GitHubOAuthProvider(OAuthAuthorizationServerProvider):
    def __init__(self, settings: Settings):
        self.settings = settings
        self.clients: dict[str, OAuthClientInformationFull] = {}
        self.state_mapping: dict[str, dict[str, str]] = {}

    async def get_client(self, client_id: str) -> OAuthClientInformationFull | None:
        return self.clients.get(client_id)

    async def register_client(self, client_info: OAuthClientInformationFull) -> None:
        # ok: require-dcr-consent
        self.clients[client_info.client_id] = client_info

    async def authorize(self, client: OAuthClientInformationFull, params: AuthorizationParams) -> str:
        state = params.state or secrets.token_hex(16)
        self.state_mapping[state] = {
            "redirect_uri": str(params.redirect_uri),
            # ok: require-dcr-consent
            "client_id": client.client_id,
            "created_at": str(time.time()),
        }
        return (
            "https://github.com/login/oauth/authorize"
            # ruleid: require-dcr-consent
            f"?client_id={self.settings.github_client_id}"
            f"&redirect_uri={self.settings.github_callback_path}"
            f"&scope=user&state={state}"
        )

    async def exchange_github_code(self, http, code: str) -> dict:
        response = await http.post(
            "https://github.com/login/oauth/access_token",
            data={
                # ok: require-dcr-consent
                "client_id": self.settings.github_client_id,
                "client_secret": self.settings.github_client_secret,
                "code": code,
            },
        )
        return response.json()


settings = Settings()
mcp = FastMCP(
    "GitHub proxy",
    auth_server_provider=GitHubOAuthProvider(settings),
    auth=AuthSettings(
        issuer_url=AnyHttpUrl("http://localhost:8000"),
        resource_server_url=AnyHttpUrl("http://localhost:8000"),
        client_registration_options=ClientRegistrationOptions(enabled=True, valid_scopes=["user"]),
    ),
)
