import base64
import hashlib
import secrets
from urllib.parse import urlencode

import httpx
from authlib.integrations.httpx_client import AsyncOAuth2Client
from mcp import ClientSession

CLIENT_ID = "mcp-desktop"
REDIRECT_URI = "http://127.0.0.1:8976/callback"


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization_url_without_pkce(endpoint: str, state: str) -> str:
    query = urlencode(
        {
            # ruleid: require-pkce-s256
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "state": state,
        }
    )
    return f"{endpoint}?{query}"


def fstring_without_pkce(endpoint: str, state: str) -> str:
    # ruleid: require-pkce-s256
    return f"{endpoint}?response_type=code&client_id={CLIENT_ID}&state={state}"


def plain_challenge(endpoint: str, state: str) -> str:
    verifier = secrets.token_urlsafe(32)
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "state": state,
        "code_challenge": verifier,
        # ruleid: require-pkce-s256
        "code_challenge_method": "plain",
    }
    return endpoint + "?" + urlencode(params)


def mislabelled(endpoint: str, state: str, verifier: str) -> str:
    challenge = s256(verifier)
    params = dict(
        response_type="code",
        client_id=CLIENT_ID,
        state=state,
        code_challenge=challenge,
        # ruleid: require-pkce-s256
        code_challenge_method="S256",
    )
    return endpoint + "?" + urlencode(params)


def method_omitted(endpoint: str, state: str, verifier: str) -> str:
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "state": state,
        # ruleid: require-pkce-s256
        "code_challenge": s256(verifier),
        "code_challenge_method": "S256",
    }
    return endpoint + "?" + urlencode(params)


async def exchange_without_verifier(token_endpoint: str, code: str) -> dict:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            token_endpoint,
            # ruleid: require-pkce-s256
            data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT_URI, "client_id": CLIENT_ID},
        )
        return response.json()


# ruleid: require-pkce-s256
oauth = AsyncOAuth2Client(CLIENT_ID, redirect_uri=REDIRECT_URI, code_challenge_method="plain")


def supported_methods(metadata: dict) -> list[str]:
    # ruleid: require-pkce-s256
    return metadata.get("code_challenge_methods_supported", ["S256"])


def good_authorization_url(endpoint: str, state: str, verifier: str) -> str:
    query = urlencode(
        {
            # ok: require-pkce-s256
            "response_type": "code",
            "client_id": CLIENT_ID,
            "redirect_uri": REDIRECT_URI,
            "state": state,
            "code_challenge": s256(verifier),
            # ok: require-pkce-s256
            "code_challenge_method": "S256",
        }
    )
    return f"{endpoint}?{query}"


def good_fstring(endpoint: str, state: str, challenge: str) -> str:
    # ok: require-pkce-s256
    return f"{endpoint}?response_type=code&client_id={CLIENT_ID}&state={state}&code_challenge={challenge}&code_challenge_method=S256"


async def good_exchange(token_endpoint: str, code: str, verifier: str) -> dict:
    async with httpx.AsyncClient() as http:
        response = await http.post(
            token_endpoint,
            # ok: require-pkce-s256
            data={"grant_type": "authorization_code", "code": code, "code_verifier": verifier, "client_id": CLIENT_ID},
        )
        return response.json()


async def refresh(token_endpoint: str, refresh_token: str) -> dict:
    async with httpx.AsyncClient() as http:
        # ok: require-pkce-s256
        response = await http.post(token_endpoint, data={"grant_type": "refresh_token", "refresh_token": refresh_token})
        return response.json()


def added_later(endpoint: str, challenge: str) -> str:
    # ok: require-pkce-s256
    params = {"response_type": "code", "client_id": CLIENT_ID}
    params["code_challenge"] = challenge
    params["code_challenge_method"] = "S256"
    return endpoint + "?" + urlencode(params)


def merged(endpoint: str, extra: dict) -> str:
    # ok: require-pkce-s256
    params = {"response_type": "code", "client_id": CLIENT_ID, **extra}
    return endpoint + "?" + urlencode(params)


# ok: require-pkce-s256
good_oauth = AsyncOAuth2Client(CLIENT_ID, redirect_uri=REDIRECT_URI, code_challenge_method="S256")


def require_s256(metadata: dict) -> None:
    # ok: require-pkce-s256
    if "S256" not in metadata.get("code_challenge_methods_supported", []):
        raise RuntimeError("authorization server does not support PKCE S256")


# ok: require-pkce-s256
HELP = "Use code_challenge_method=S256; plain is refused."

__all__ = ["ClientSession"]
