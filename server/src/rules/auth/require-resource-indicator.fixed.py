from urllib.parse import urlencode

import httpx
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client

MCP_SERVER = "https://mcp.example.com"
CLIENT_ID = "mcp-desktop"
REDIRECT_URI = "http://127.0.0.1:8976/callback"


def authorization_url(endpoint: str, state: str, challenge: str) -> str:
    query = urlencode(
        {
            # ruleid: require-resource-indicator
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "resource": "<canonical MCP server URL>",
        }
    )
    return f"{endpoint}?{query}"


async def exchange(token_endpoint: str, code: str, verifier: str) -> dict:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            token_endpoint,
            # ruleid: require-resource-indicator
            data=dict(grant_type="authorization_code", code=code, code_verifier=verifier, client_id=CLIENT_ID, resource="<canonical MCP server URL>"),
        )
        return response.json()


async def refresh(token_endpoint: str, refresh_token: str) -> dict:
    async with httpx.AsyncClient() as http:
        # ruleid: require-resource-indicator
        response = await http.post(token_endpoint, data={"grant_type": "refresh_token", "refresh_token": refresh_token, "resource": "<canonical MCP server URL>"})
        return response.json()


def fstring_url(endpoint: str, state: str, challenge: str) -> str:
    # ruleid: require-resource-indicator
    return f"{endpoint}?response_type=code&client_id={CLIENT_ID}&state={state}&code_challenge={challenge}&code_challenge_method=S256"


def good_authorization_url(endpoint: str, state: str, challenge: str) -> str:
    query = urlencode(
        {
            # ok: require-resource-indicator
            "response_type": "code",
            "client_id": CLIENT_ID,
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
            "resource": MCP_SERVER,
        }
    )
    return f"{endpoint}?{query}"


async def good_refresh(token_endpoint: str, refresh_token: str) -> dict:
    # ok: require-resource-indicator
    data = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    data["resource"] = MCP_SERVER
    async with httpx.AsyncClient() as http:
        return (await http.post(token_endpoint, data=data)).json()


def good_fstring(endpoint: str, state: str, challenge: str) -> str:
    # ok: require-resource-indicator
    return f"{endpoint}?response_type=code&client_id={CLIENT_ID}&state={state}&code_challenge={challenge}&code_challenge_method=S256&resource={MCP_SERVER}"


def merged(extra: dict) -> dict:
    # ok: require-resource-indicator
    return {"grant_type": "refresh_token", **extra}


# ok: require-resource-indicator
machine = {"grant_type": "client_credentials", "client_id": CLIENT_ID}

__all__ = ["ClientSession", "streamablehttp_client"]
