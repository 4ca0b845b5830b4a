import fnmatch
import re

from mcp.server.auth.provider import OAuthAuthorizationServerProvider
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse

ALLOWED_REDIRECT_URIS = {"https://app.example.com/callback", "http://127.0.0.1:8976/callback"}
REGISTERED_PREFIX = "https://app.example.com/"


async def authorize(request: Request):
    client = await load_client(request.query_params["client_id"])
    redirect_uri = request.query_params.get("redirect_uri", "")

    # ruleid: require-exact-redirect-uri
    if not redirect_uri.startswith(client.redirect_uri):
        return JSONResponse({"error": "invalid_request"}, status_code=400)

    # ruleid: require-exact-redirect-uri
    if redirect_uri.startswith(REGISTERED_PREFIX):
        pass

    # ruleid: require-exact-redirect-uri
    if "example.com" in redirect_uri:
        pass

    # ruleid: require-exact-redirect-uri
    if redirect_uri.endswith(".example.com/callback"):
        pass

    # ruleid: require-exact-redirect-uri
    if re.match(r"https://.*\.example\.com/.*", redirect_uri):
        pass

    # ruleid: require-exact-redirect-uri
    if fnmatch.fnmatch(redirect_uri, "https://*.example.com/*"):
        pass

    # ruleid: require-exact-redirect-uri
    if request.query_params.get("redirect_uri").find("example.com") != -1:
        pass

    return RedirectResponse(f"{redirect_uri}?code=abc")


async def authorize_exact(request: Request):
    client = await load_client(request.query_params["client_id"])
    redirect_uri = request.query_params.get("redirect_uri", "")
    # ok: require-exact-redirect-uri
    if redirect_uri not in client.redirect_uris:
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    # ok: require-exact-redirect-uri
    if redirect_uri not in ALLOWED_REDIRECT_URIS:
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    # ok: require-exact-redirect-uri
    if redirect_uri != client.redirect_uri:
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    # ok: require-exact-redirect-uri
    if not (redirect_uri.startswith("https://") or redirect_uri.startswith("http://localhost")):
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    # ok: require-exact-redirect-uri
    if "#" in redirect_uri:
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    # ok: require-exact-redirect-uri
    if not re.fullmatch(r"^https://app\.example\.com/callback$", redirect_uri):
        return JSONResponse({"error": "invalid_request"}, status_code=400)
    return RedirectResponse(f"{redirect_uri}?code=abc")


def route_for(path: str) -> bool:
    # ok: require-exact-redirect-uri
    return path.startswith("/callback")


async def load_client(client_id: str):
    raise NotImplementedError(client_id)


__all__ = ["OAuthAuthorizationServerProvider"]
