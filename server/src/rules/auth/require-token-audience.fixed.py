import httpx
import jwt
from jose import jwt as jose_jwt
from mcp.server.auth.provider import AccessToken, TokenVerifier
from mcp.server.auth.settings import AuthSettings
from mcp.server.fastmcp import FastMCP
from mcp.shared.auth_utils import check_resource_allowed

ISSUER = "https://auth.example.com"
SERVER_URL = "https://mcp.example.com/mcp"
JWKS = jwt.PyJWKClient(f"{ISSUER}/.well-known/jwks.json")


class JwtVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        key = JWKS.get_signing_key_from_jwt(token).key
        try:
            # ruleid: require-token-audience
            claims = jwt.decode(token, key, algorithms=["RS256"], issuer=ISSUER, audience="<this server's canonical URL>")
        except jwt.InvalidTokenError:
            return None
        return AccessToken(token=token, client_id=claims["client_id"], scopes=claims["scope"].split())


def decode_without_audience_check(token: str, key: str):
    return jwt.decode(
        token,
        key,
        algorithms=["RS256"],
        # ruleid: require-token-audience
        audience="<this server's canonical URL>",
    )


def decode_with_jose(token: str, key: str):
    # ruleid: require-token-audience
    return jose_jwt.decode(token, key, algorithms=["RS256"], audience="<this server's canonical URL>")


LENIENT = {"require": ["exp"]}


def decode_lenient(token: str, key: str):
    # ruleid: require-token-audience
    return jwt.decode(token, key, algorithms=["RS256"], audience=SERVER_URL, options=LENIENT)


class IntrospectionVerifier(TokenVerifier):
    # ruleid: require-token-audience
    async def verify_token(self, token: str) -> AccessToken | None:
        async with httpx.AsyncClient() as client:
            response = await client.post(f"{ISSUER}/introspect", data={"token": token})
        data = response.json()
        if not data.get("active"):
            return None
        return AccessToken(token=token, client_id=data["client_id"], scopes=data.get("scope", "").split(), resource=data.get("aud"))


mcp = FastMCP(
    "files",
    token_verifier=IntrospectionVerifier(),
    auth=AuthSettings(issuer_url=ISSUER, resource_server_url=SERVER_URL, required_scopes=["read"]),
)

# ---- Near misses: all silent ----


class StrictVerifier(TokenVerifier):
    async def verify_token(self, token: str) -> AccessToken | None:
        key = JWKS.get_signing_key_from_jwt(token).key
        # ok: require-token-audience
        claims = jwt.decode(token, key, algorithms=["RS256"], audience=SERVER_URL, issuer=ISSUER)
        return AccessToken(token=token, client_id=claims["client_id"], scopes=claims["scope"].split())


class CheckedIntrospectionVerifier(TokenVerifier):
    # ok: require-token-audience
    async def verify_token(self, token: str) -> AccessToken | None:
        async with httpx.AsyncClient() as client:
            data = (await client.post(f"{ISSUER}/introspect", data={"token": token})).json()
        if not check_resource_allowed(requested_resource=data.get("aud", ""), configured_resource=SERVER_URL):
            return None
        return AccessToken(token=token, client_id=data["client_id"], scopes=data.get("scope", "").split())


def manual_audience(token: str, key: str):
    # ok: require-token-audience
    claims = jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": True}, audience=[SERVER_URL])
    return claims


def audience_compared_by_hand(token: str, key: str):
    # ok: require-token-audience
    claims = jose_jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": True})
    if SERVER_URL not in claims.get("aud", []):
        raise PermissionError("token not issued for this server")
    return claims


def decode_with_settings(token: str, key: str, **settings):
    # ok: require-token-audience
    return jwt.decode(token, key, algorithms=["RS256"], **settings)


def read_unverified(token: str):
    # Unverified decoding is no-unverified-jwt's concern.
    # ok: require-token-audience
    return jwt.decode(token, options={"verify_signature": False})


def look_alike(blob: bytes):
    # ok: require-token-audience
    return blob.decode("utf-8")
