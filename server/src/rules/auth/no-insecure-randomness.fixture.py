"""OAuth proxy for an MCP server."""

import hashlib
import itertools
import random
import string
import time
import uuid
from urllib.parse import urlencode

from mcp.server.fastmcp import FastMCP
from starlette.requests import Request
from starlette.responses import RedirectResponse

mcp = FastMCP("proxy")
ALPHABET = string.ascii_letters + string.digits
_session_counter = itertools.count()


def authorize(request: Request) -> RedirectResponse:
    # ruleid: no-insecure-randomness
    state = "".join(random.choice(ALPHABET) for _ in range(32))
    # ruleid: no-insecure-randomness
    code_verifier = "".join(random.choices(ALPHABET, k=64))
    params = {
        "client_id": "mcp-proxy",
        "state": state,
        # ruleid: no-insecure-randomness
        "nonce": str(random.random()),
    }
    return RedirectResponse("https://auth.example.com/authorize?" + urlencode(params))


class SessionStore:
    def __init__(self) -> None:
        self.counter = 0
        self.sessions: dict[str, dict] = {}

    def new_session_id(self) -> str:
        self.counter += 1
        # ruleid: no-insecure-randomness
        return f"session-{self.counter}"

    def create(self, user_id: str) -> str:
        # ruleid: no-insecure-randomness
        session_id = str(uuid.uuid1())
        self.sessions[session_id] = {"user": user_id, "created_at": time.time()}
        return session_id


def generate_api_key() -> str:
    # ruleid: no-insecure-randomness
    return hashlib.sha256(str(time.time()).encode()).hexdigest()


def make_otp() -> int:
    # ruleid: no-insecure-randomness
    return random.randint(100000, 999999)


def login(response) -> None:
    # ruleid: no-insecure-randomness
    response.set_cookie("session_id", random.randbytes(16).hex(), secure=True, httponly=True)


# Near misses: randomness and time that are not secrets.
# ok: no-insecure-randomness
retry_delay = random.uniform(0.5, 1.5)
# ok: no-insecure-randomness
sampled = random.random() < 0.05
# ok: no-insecure-randomness
expires_at = time.time() + 600
# ok: no-insecure-randomness
request_id = uuid.uuid1()
# ok: no-insecure-randomness
session = {"created_at": time.time(), "ttl": 3600}
# ok: no-insecure-randomness
token_count = random.randint(1, 10)
# ok: no-insecure-randomness
next_page_token = str(time.time())
# ok: no-insecure-randomness
is_token_valid = random.random() > 2


def generate_session_id() -> str:
    # ok: no-insecure-randomness
    return uuid.uuid4().hex


def generate_token(user_id: str) -> str:
    # ok: no-insecure-randomness
    time.sleep(random.uniform(0, 0.1))
    return jwt_encode({"sub": user_id, "iat": int(time.time())})


def jwt_encode(payload: dict) -> str:
    return str(payload)


@mcp.tool()
def pick_quote(topic: str) -> str:
    """Returns a random quote about the topic."""
    # ok: no-insecure-randomness
    return random.choice(["a", "b", "c"])
