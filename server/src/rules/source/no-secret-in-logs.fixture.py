import hashlib
import logging
import os
import sys

import httpx
from mcp.server.fastmcp import Context, FastMCP

logger = logging.getLogger(__name__)
mcp = FastMCP("issues")


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:8]


async def exchange_code(code: str, client_secret: str) -> str:
    async with httpx.AsyncClient() as client:
        response = await client.post("https://auth.example.com/token", data={"code": code, "client_secret": client_secret})
    body = response.json()
    access_token, refresh_token, token_type = body["access_token"], body["refresh_token"], body["token_type"]
    # ruleid: no-secret-in-logs
    logger.info("Token exchange succeeded: %s", access_token)
    # ruleid: no-secret-in-logs
    logging.debug(f"refreshing with {refresh_token!r}")
    # ruleid: no-secret-in-logs
    print("client secret:", client_secret, file=sys.stderr)
    # ruleid: no-secret-in-logs
    logger.debug("token response", extra={"access_token": body["access_token"], "token_type": token_type})
    # ok: no-secret-in-logs
    logger.info("Token exchange succeeded: %s, expires in %ss", token_type, body["expires_in"])
    # ok: no-secret-in-logs
    logger.info("token length %d, fingerprint %s", len(access_token), fingerprint(access_token))
    # ok: no-secret-in-logs
    logger.warning("invalid token")
    # ok: no-secret-in-logs
    print(f"token prefix {access_token[:4]}, has refresh token: {refresh_token is not None}")
    return access_token


def log_request(request) -> None:
    # ruleid: no-secret-in-logs
    logger.debug("headers: %s", dict(request.headers))
    # ruleid: no-secret-in-logs
    logger.debug("auth: " + request.headers.get("Authorization", ""))
    # ruleid: no-secret-in-logs
    sys.stderr.write("API key: {}\n".format(os.environ.get("GITHUB_TOKEN")))
    # ok: no-secret-in-logs
    logger.debug("user agent: %s", request.headers.get("User-Agent"))
    # ok: no-secret-in-logs
    logger.debug("GITHUB_TOKEN set: %s", "GITHUB_TOKEN" in os.environ)


# ruleid: no-secret-in-logs
print(os.environ, file=sys.stderr)
# ok: no-secret-in-logs
print(f"home is {os.environ['HOME']}", file=sys.stderr)


@mcp.tool()
async def summarize(issue: str, max_tokens: int, ctx: Context) -> str:
    """Summarize an issue within max_tokens tokens."""
    token_count = len(issue.split())
    api_key = os.environ["SUMMARIZER_API_KEY"]
    password_policy = {"min_length": 12}
    # ruleid: no-secret-in-logs
    await ctx.debug(f"calling the summarizer with key {api_key}")
    # ruleid: no-secret-in-logs
    await ctx.log("info", f"request context auth: {ctx.request_context.request.headers}")
    # ok: no-secret-in-logs
    await ctx.info(f"summarizing {token_count} tokens (limit {max_tokens})")
    # ok: no-secret-in-logs
    await ctx.info(f"progress token {ctx.request_context.meta.progressToken}, key fingerprint {fingerprint(api_key)}")
    # ok: no-secret-in-logs
    logger.info("password policy %s, has api key: %s", password_policy, bool(api_key))
    # ok: no-secret-in-logs
    print(math_log(token_count), fingerprint(api_key), file=sys.stderr)
    return issue[:max_tokens]


def math_log(value: int) -> float:
    import math

    # ok: no-secret-in-logs
    return math.log(value)

