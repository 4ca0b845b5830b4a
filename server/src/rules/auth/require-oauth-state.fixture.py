import secrets
from urllib.parse import urlencode

import httpx
from fastapi import FastAPI, HTTPException
from mcp.client.session import ClientSession
from starlette.requests import Request

app = FastAPI()
CLIENT_ID = "mcp-web-client"
REDIRECT_URI = "https://client.example.com/oauth/callback"
STATE = "mcp-login"
PENDING: dict[str, str] = {}


def without_state(endpoint: str, challenge: str) -> str:
    query = urlencode(
        {
            # ruleid: require-oauth-state
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )
    return f"{endpoint}?{query}"


def constant_state(endpoint: str, challenge: str) -> str:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        # ruleid: require-oauth-state
        "state": "xyz",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return endpoint + "?" + urlencode(params)


def named_constant(endpoint: str, challenge: str) -> str:
    # ruleid: require-oauth-state
    params = dict(response_type="code", client_id=CLIENT_ID, state=STATE, code_challenge=challenge, code_challenge_method="S256")
    return endpoint + "?" + urlencode(params)


@app.get("/oauth/callback")
async def callback(request: Request):
    code = request.query_params.get("code")
    # ruleid: require-oauth-state
    state = request.query_params.get("state")
    async with httpx.AsyncClient() as http:
        token = await http.post("https://auth.example.com/token", data={"grant_type": "authorization_code", "code": code, "code_verifier": PENDING.get("v")})
    return token.json()


@app.get("/oauth/callback-params")
# ruleid: require-oauth-state
async def callback_params(code: str, state: str):
    async with httpx.AsyncClient() as http:
        token = await http.post("https://auth.example.com/token", data={"grant_type": "authorization_code", "code": code, "code_verifier": "v"})
    return token.json()


def good_request(endpoint: str, challenge: str) -> str:
    state = secrets.token_urlsafe(32)
    PENDING[state] = challenge
    params = {
        # ok: require-oauth-state
        "response_type": "code",
        "client_id": CLIENT_ID,
        # ok: require-oauth-state
        "state": state,
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    return endpoint + "?" + urlencode(params)


def good_fstring(endpoint: str, state: str, challenge: str) -> str:
    # ok: require-oauth-state
    return f"{endpoint}?response_type=code&client_id={CLIENT_ID}&state={state}&code_challenge={challenge}&code_challenge_method=S256"


@app.get("/oauth/good-callback")
# ok: require-oauth-state
async def good_callback(code: str, state: str):
    expected = PENDING.pop(state, None)
    if expected is None:
        raise HTTPException(400, "invalid state")
    async with httpx.AsyncClient() as http:
        token = await http.post("https://auth.example.com/token", data={"grant_type": "authorization_code", "code": code, "code_verifier": expected})
    return token.json()


@app.get("/oauth/good-callback-query")
async def good_callback_query(request: Request):
    code = request.query_params["code"]
    # ok: require-oauth-state
    state = request.query_params.get("state")
    if not secrets.compare_digest(state or "", request.session.get("oauth_state", "")):
        raise HTTPException(400, "invalid state")
    async with httpx.AsyncClient() as http:
        token = await http.post("https://auth.example.com/token", data={"grant_type": "authorization_code", "code": code, "code_verifier": "v"})
    return token.json()


@app.get("/stores")
# ok: require-oauth-state
async def stores(state: str):
    return {"stores": []}


# ok: require-oauth-state
machine = {"grant_type": "client_credentials", "client_id": CLIENT_ID}

# ok: require-oauth-state
workflow = {"state": "pending", "code": 3}

__all__ = ["ClientSession"]
