import os
from urllib.request import Request, urlopen

import aiohttp
import httpx
import jwt
import requests
from fastapi import FastAPI, Header
from mcp.client.streamable_http import streamablehttp_client
from mcp.server.auth.middleware.auth_context import get_access_token
from mcp.server.fastmcp import Context, FastMCP
from starlette.requests import Request as StarletteRequest
from starlette.responses import JSONResponse

mcp = FastMCP("github-bridge")
api = FastAPI()
GITHUB_API = "https://api.github.com"
AUTH_SERVER = "https://auth.example.com"
TOKEN_ENDPOINT = f"{AUTH_SERVER}/oauth2/token"
INTROSPECTION_ENDPOINT = f"{AUTH_SERVER}/oauth2/introspect"
CLIENT_ID = os.environ["CLIENT_ID"]
CLIENT_SECRET = os.environ["CLIENT_SECRET"]


class BearerAuth(httpx.Auth):
    def __init__(self, token: str) -> None:
        self.token = token

    def auth_flow(self, request):
        request.headers["Authorization"] = f"Bearer {self.token}"
        yield request


async def exchange_token(subject_token: str, audience: str) -> str:
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(
            TOKEN_ENDPOINT,
            # ok: no-token-passthrough
            data={"grant_type": "urn:ietf:params:oauth:grant-type:token-exchange", "subject_token": subject_token, "audience": audience},
            auth=(CLIENT_ID, CLIENT_SECRET),
        )
        return response.json()["access_token"]


@mcp.tool()
async def list_repos() -> str:
    """Lists the caller's GitHub repositories."""
    access = get_access_token()
    async with httpx.AsyncClient(timeout=10) as client:
        # ruleid: no-token-passthrough
        response = await client.get(f"{GITHUB_API}/user/repos", headers={"Authorization": f"Bearer {access.token}"})
        return response.text


@mcp.tool()
async def ask_downstream(question: str, ctx: Context) -> str:
    """Forwards a question to the downstream MCP server."""
    auth = ctx.request_context.request.headers.get("authorization")
    # ruleid: no-token-passthrough
    async with streamablehttp_client("https://downstream.example.com/mcp", headers={"Authorization": auth}) as (read, write, _):
        return f"asked {question}"


async def search_code(request: StarletteRequest) -> JSONResponse:
    auth = request.headers.get("authorization", "")
    # ruleid: no-token-passthrough
    result = requests.get(f"{GITHUB_API}/search/code", params={"q": request.query_params["q"]}, headers={"Authorization": auth}, timeout=10)
    return JSONResponse(result.json())


async def create_gist(request: StarletteRequest) -> JSONResponse:
    token = request.headers["Authorization"].removeprefix("Bearer ")
    headers = {"Accept": "application/vnd.github+json", "Authorization": "Bearer " + token}
    # ruleid: no-token-passthrough
    created = httpx.post(f"{GITHUB_API}/gists", json=await request.json(), headers=headers, timeout=10)
    return JSONResponse(created.json(), status_code=201)


async def reverse_proxy(request: StarletteRequest) -> JSONResponse:
    async with httpx.AsyncClient(base_url="https://internal.example.com", timeout=10) as client:
        # ruleid: no-token-passthrough
        upstream = await client.request(request.method, request.url.path, headers=dict(request.headers), content=await request.body())
        return JSONResponse(upstream.json(), status_code=upstream.status_code)


async def notifications(request: StarletteRequest) -> JSONResponse:
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    session = requests.Session()
    # ruleid: no-token-passthrough
    session.headers.update({"Authorization": f"Bearer {credentials}", "Accept": "application/json"})
    return JSONResponse(session.get(f"{GITHUB_API}/notifications", timeout=10).json())


async def orgs(request: StarletteRequest) -> JSONResponse:
    session = requests.Session()
    # ruleid: no-token-passthrough
    session.headers["Authorization"] = request.headers["authorization"]
    return JSONResponse(session.get(f"{GITHUB_API}/user/orgs", timeout=10).json())


async def status(request: StarletteRequest) -> JSONResponse:
    upstream = Request("https://status.example.com/v1/summary")
    # ruleid: no-token-passthrough
    upstream.add_header("Authorization", request.headers["authorization"])
    with urlopen(upstream, timeout=10) as response:
        return JSONResponse({"status": response.status})


@api.get("/user")
def github_user(authorization: str = Header(None)) -> dict:
    # ruleid: no-token-passthrough
    return requests.get(f"{GITHUB_API}/user", headers={"Authorization": authorization}, timeout=10).json()


async def teams(request: StarletteRequest) -> JSONResponse:
    # ruleid: no-token-passthrough
    async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {request.user.access_token.token}"}) as session:
        async with session.get(f"{GITHUB_API}/user/teams") as response:
            return JSONResponse(await response.json())


@mcp.tool()
async def list_gists() -> str:
    """Lists the caller's gists."""
    token = get_access_token().token
    # ruleid: no-token-passthrough
    return httpx.get(f"{GITHUB_API}/gists", auth=BearerAuth(token), timeout=10).text


# ---- near misses -------------------------------------------------------------------------------


@mcp.tool()
async def list_stars() -> str:
    """Lists starred repositories with this server's own GitHub credential."""
    async with httpx.AsyncClient(timeout=10) as client:
        # ok: no-token-passthrough
        response = await client.get(f"{GITHUB_API}/user/starred", headers={"Authorization": f"Bearer {os.environ['GITHUB_TOKEN']}"})
        return response.text


@mcp.tool()
async def list_pulls(repo: str) -> str:
    """Lists pull requests with a token obtained by token exchange."""
    access = get_access_token()
    upstream_token = await exchange_token(access.token, GITHUB_API)
    async with httpx.AsyncClient(timeout=10) as client:
        # ok: no-token-passthrough
        response = await client.get(f"{GITHUB_API}/repos/{repo}/pulls", headers={"Authorization": f"Bearer {upstream_token}"})
        return response.text


@mcp.tool()
async def list_commits(repo: str) -> str:
    """The same, reusing the variable."""
    token = get_access_token().token
    token = await exchange_token(token, GITHUB_API)
    # ok: no-token-passthrough
    return requests.get(f"{GITHUB_API}/repos/{repo}/commits", headers={"Authorization": f"Bearer {token}"}, timeout=10).text


async def introspect(request: StarletteRequest) -> JSONResponse:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    async with httpx.AsyncClient(timeout=10) as client:
        # ok: no-token-passthrough
        checked = await client.post(INTROSPECTION_ENDPOINT, data={"token": token}, auth=(CLIENT_ID, CLIENT_SECRET))
        # RFC 7662 introspection: the token goes back to the authorization server that issued it.
        # ok: no-token-passthrough
        again = await client.post(f"{AUTH_SERVER}/oauth2/introspect", headers={"Authorization": f"Bearer {token}"})
    return JSONResponse({"active": checked.json()["active"] and again.json()["active"]})


async def verify(request: StarletteRequest) -> JSONResponse:
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    # ok: no-token-passthrough
    claims = jwt.decode(token, os.environ["JWT_PUBLIC_KEY"], algorithms=["RS256"], audience="https://mcp.example.com/mcp")
    return JSONResponse({"sub": claims["sub"]})


async def rate_limit(request: StarletteRequest) -> JSONResponse:
    if not request.headers.get("authorization", "").startswith("Bearer "):
        return JSONResponse({"error": "unauthorized"}, status_code=401)
    # ok: no-token-passthrough
    upstream = requests.get(f"{GITHUB_API}/rate_limit", headers={"X-Request-ID": request.headers.get("x-request-id", "")}, timeout=10)
    return JSONResponse(upstream.json())


async def proxy(request: StarletteRequest) -> JSONResponse:
    forwarded = {name: value for name, value in request.headers.items() if name.lower() not in {"authorization", "host"}}
    copied = dict(request.headers)
    copied.pop("authorization", None)
    async with httpx.AsyncClient(base_url="https://internal.example.com", timeout=10) as client:
        # ok: no-token-passthrough
        first = await client.get(request.url.path, headers=forwarded)
        # ok: no-token-passthrough
        second = await client.get(request.url.path, headers=copied)
    return JSONResponse({"first": first.status_code, "second": second.status_code})


async def echo(request: StarletteRequest) -> JSONResponse:
    # ok: no-token-passthrough
    response = JSONResponse({"ok": True}, headers={"X-Seen-Auth": request.headers.get("authorization", "")})
    # ok: no-token-passthrough
    response.headers["X-Upstream"] = request.headers.get("authorization", "")
    return response
