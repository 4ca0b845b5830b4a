"""Weather and issues MCP server."""
from os import getenv

import httpx
from anthropic import Anthropic
from mcp.server.fastmcp import FastMCP

# ruleid: no-hardcoded-secret
OPENWEATHER_API_KEY = "f3a9c2e7b1d84f6a9e0c5b2d7a1f4e8c"
# ruleid: no-hardcoded-secret
GITHUB_TOKEN = getenv("GITHUB_TOKEN", "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio")
# ruleid: no-hardcoded-secret
SLACK_TOKEN = getenv("SLACK_TOKEN") or "xoxb-2048-7319-Q2wE4rT6yU8iO0pA"
# ruleid: no-hardcoded-secret
AWS_ACCESS_KEY = "AKIA\x51\x33EGRV7XKZ2MPLNW"
# ok: no-hardcoded-secret
OPENAI_API_KEY = getenv("OPENAI_API_KEY", "your-api-key")
# ok: no-hardcoded-secret
ANTHROPIC_API_KEY = getenv("ANTHROPIC_API_KEY", "")
# ok: no-hardcoded-secret
DEFAULT_TOKEN = "<token>"
# ok: no-hardcoded-secret
ADMIN_PASSWORD = getenv("ADMIN_PASSWORD") or "changeme"
# ok: no-hardcoded-secret
TOKEN_URL = "https://auth.example.com/oauth/token"
# ok: no-hardcoded-secret
TOKEN_PATTERN = "^ghp_[A-Za-z0-9]{36}$"
# ok: no-hardcoded-secret
DUMMY_SECRET_KEY = "Zx8vQ2mN5kL9pR3tW7yB1cF4"
# ok: no-hardcoded-secret
DEV_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/dev"
# ok: no-hardcoded-secret
token_type = "Bearer"
# ok: no-hardcoded-secret
AUTH_HELP = "Basic authentication"
# ok: no-hardcoded-secret
PASSWORD_HASH = "$2b$12$Q9xv1cR7mK2pL8wT4zN6yeB3dF5gH7jK9lM1nP3qR5sT7uV9wX1y"
# ok: no-hardcoded-secret
max_tokens = 4096

mcp = FastMCP("weather")
# ruleid: no-hardcoded-secret
claude = Anthropic(api_key="sk-ant-api03-Vb7Qm2Lx9Kp4Zt6Rw1Nc8Hd3Fj5Gs0Ya")
# ok: no-hardcoded-secret
fallback = Anthropic(api_key=ANTHROPIC_API_KEY, base_url="https://api.anthropic.com")


class Settings:
    # ruleid: no-hardcoded-secret
    secret_key = "hvs.CAESIJ3kq9Zx8vQ2mN5kL9pR3tW7"
    # ok: no-hardcoded-secret
    secret_key_env = "APP_SECRET_KEY"

    def __init__(self, client_id: str = "a8f2c91d7e3b4f60"):
        # ruleid: no-hardcoded-secret
        self.token = "N7skR2qLm4Vx9TbWc3Jd"
        self.client_id = client_id


# ruleid: no-hardcoded-secret
def connect(host: str, password: str = "Tr0ub4dor-3xQ9mZ7k"):
    # ruleid: no-hardcoded-secret
    return f"postgresql://app:Tr0ub4dor-3@{host}/app?password_hint={password[:0]}"


def oauth_body(code: str) -> dict:
    # ruleid: no-hardcoded-secret
    return {"grant_type": "authorization_code", "code": code, "client_secret": "Zx8vQ2mN5kL9pR3tW7yB1cF4"}


@mcp.tool()
async def forecast(city: str, admin_token: str = "") -> str:
    """Forecast for a city. Pass the admin token to bypass the cache."""
    # ruleid: no-hardcoded-secret
    if admin_token == "c9d2f7a1e4b83f6d0a5c":
        return "cache bypassed"
    # ok: no-hardcoded-secret
    headers = {"Authorization": f"Bearer {OPENWEATHER_API_KEY}", "User-Agent": "weather-mcp/1.0"}
    async with httpx.AsyncClient(headers=headers) as client:
        response = await client.get("https://api.openweathermap.org/data/2.5/weather", params={"q": city})
        return response.text
