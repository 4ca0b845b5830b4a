"""Account tools that ask the user for input."""

from typing import Literal, Optional

from mcp.server.fastmcp import Context, FastMCP
from pydantic import BaseModel, Field, SecretStr

mcp = FastMCP("accounts")


class Login(BaseModel):
    # ok: no-secret-elicitation
    username: str = Field(description="Your username")
    # ruleid: no-secret-elicitation
    password: str = Field(description="Your password")
    # ok: no-secret-elicitation
    remember_me: bool = Field(default=False, title="Remember me")


class ApiCredentials(BaseModel):
    # ruleid: no-secret-elicitation
    api_key: str
    # ruleid: no-secret-elicitation
    value: SecretStr
    # ruleid: no-secret-elicitation
    webhook: str = Field(title="Webhook signing secret")
    # ok: no-secret-elicitation
    region: Literal["us", "eu"] = "us"


class Payment(BaseModel):
    # ruleid: no-secret-elicitation
    credit_card: str
    # ruleid: no-secret-elicitation
    ssn: Optional[str] = None
    # ok: no-secret-elicitation
    billing_zip: str
    # ok: no-secret-elicitation
    card_type: Literal["visa", "mastercard"]


class Preferences(BaseModel):
    # ok: no-secret-elicitation
    max_tokens: int = Field(default=1024, description="Token limit for replies")
    # ok: no-secret-elicitation
    password_hint: str = Field(default="", description="A hint, never the password itself")
    # ok: no-secret-elicitation
    email: str = Field(description="Where to send the password reset link")
    # ok: no-secret-elicitation
    page_token: Optional[str] = None


# Declared but only used with URL mode below: not reported.
class NeverElicited(BaseModel):
    # ok: no-secret-elicitation
    password: str


@mcp.tool()
async def sign_in(ctx: Context) -> str:
    """Sign in to the legacy portal."""
    result = await ctx.elicit(message="Sign in", schema=Login)
    return result.action


@mcp.tool()
async def connect(ctx: Context) -> str:
    """Connect the billing API."""
    result = await ctx.elicit("Connect the billing API", ApiCredentials)
    return result.action


@mcp.tool()
async def pay(ctx: Context) -> str:
    """Pay an invoice."""
    result = await ctx.elicit(message="Payment details", schema=Payment)
    return result.action


@mcp.tool()
async def preferences(ctx: Context) -> str:
    """Update preferences."""
    result = await ctx.elicit(message="Preferences", schema=Preferences)
    return result.action


@mcp.tool()
async def connect_securely(ctx: Context) -> str:
    """Connect the billing API through the secure page."""
    result = await ctx.elicit_url(
        message="Enter your API key on the secure page",
        url="https://accounts.example.com/connect",
        elicitation_id="connect-1",
    )
    return result.action


@mcp.tool()
async def low_level(ctx: Context) -> str:
    """Ask through the session directly."""
    result = await ctx.session.elicit_form(
        message="Database access",
        requestedSchema={
            "type": "object",
            "properties": {
                # ok: no-secret-elicitation
                "host": {"type": "string", "title": "Host"},
                # ruleid: no-secret-elicitation
                "db_password": {"type": "string", "title": "Password"},
            },
        },
    )
    return result.action
