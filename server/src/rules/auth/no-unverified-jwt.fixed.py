import base64
import json

import jwt
from jose import jwt as jose_jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.fastmcp import FastMCP
from starlette.requests import Request

SERVER_URL = "https://mcp.example.com/mcp"
JWKS = jwt.PyJWKClient("https://auth.example.com/.well-known/jwks.json")


class DecodingVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        # ruleid: no-unverified-jwt
        claims = jwt.decode(token, options={"verify_signature": False})
        return AccessToken(token=token, client_id=claims["client_id"], scopes=claims["scope"].split())


mcp = FastMCP("files", token_verifier=DecodingVerifier())


async def attach_user(request: Request, call_next):
    token = request.headers.get("authorization", "").removeprefix("Bearer ")
    # ruleid: no-unverified-jwt
    request.state.user = jwt.decode(token, verify=False)
    return await call_next(request)


def tenant_of(token: str) -> str:
    # ruleid: no-unverified-jwt
    return jose_jwt.get_unverified_claims(token)["tid"]


UNVERIFIED = {"verify_signature": False}


def scopes_of(token: str) -> list[str]:
    # ruleid: no-unverified-jwt
    payload = jwt.decode(token, options=UNVERIFIED)
    return payload.get("scope", "").split()


def decode_lenient(token: str, key: str):
    return jwt.decode(
        token,
        key,
        algorithms=["RS256"],
        audience=SERVER_URL,
        # ruleid: no-unverified-jwt
        options={"require": ["sub"]},
    )


def decode_forever(token: str, key: str):
    # ruleid: no-unverified-jwt
    return jwt.decode(token, key, algorithms=["ES256"], audience=SERVER_URL)


def decode_any(token: str):
    # ruleid: no-unverified-jwt
    return jwt.decode(token, None, algorithms=["none"], audience=SERVER_URL)


def decode_mixed(token: str, key: str):
    # ruleid: no-unverified-jwt
    return jwt.decode(token, key, algorithms=["HS256"], audience=SERVER_URL)


# ---- Near misses: all silent ----


def verify_multi_tenant(token: str):
    # The issuer is read to choose the key set, then the token is verified.
    # ok: no-unverified-jwt
    unverified = jwt.decode(token, options={"verify_signature": False})
    signing_key = JWKS.get_signing_key_from_jwt(token)
    return jwt.decode(token, signing_key.key, algorithms=["RS256"], audience=SERVER_URL, issuer=unverified["iss"])


def verify_with_header(token: str):
    # ok: no-unverified-jwt
    header = jwt.get_unverified_header(token)
    key = JWKS.get_signing_key(header["kid"]).key
    return jwt.decode(token, key, algorithms=[header["alg"]], audience=SERVER_URL)


def mint_and_describe(key: str):
    token = jwt.encode({"sub": "svc", "scope": "read"}, key, algorithm="HS256")
    # ok: no-unverified-jwt
    claims = jwt.decode(token, options={"verify_signature": False})
    return token, claims["scope"]


def expiry_for_refresh(access_token: str) -> int:
    # A client checking when to refresh its own token.
    # ok: no-unverified-jwt
    claims = jwt.decode(access_token, options={"verify_signature": False})
    return claims["exp"]


def display_name(id_token: str) -> str:
    # ok: no-unverified-jwt
    claims = jwt.decode(id_token, options={"verify_signature": False})
    return f'{claims.get("name")} <{claims.get("email")}>'


def strict_decode(token: str, key: str):
    # ok: no-unverified-jwt
    return jwt.decode(token, key, algorithms=["RS256"], audience=SERVER_URL, options={"verify_exp": True, "require": ["exp"]})


def look_alikes(blob: str):
    # ok: no-unverified-jwt
    raw = base64.urlsafe_b64decode(blob + "==").decode()
    # ok: no-unverified-jwt
    return json.loads(raw)
