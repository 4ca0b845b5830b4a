import secrets
from random import choice, randint
from uuid import uuid1

from starlette.responses import JSONResponse


def issue_state() -> JSONResponse:
    # ruleid: no-insecure-randomness
    oauth_state = "".join(choice("abcdef0123456789") for _ in range(40))
    # ruleid: no-insecure-randomness
    session_id = uuid1().hex
    # ruleid: no-insecure-randomness
    reset_code = f"{randint(0, 999999):06d}"
    # ok: no-insecure-randomness
    csrf_token = secrets.token_urlsafe(32)
    # ok: no-insecure-randomness
    backoff = randint(1, 5)
    # ok: no-insecure-randomness
    state_label = choice(["pending", "approved"])
    return JSONResponse({"state": oauth_state, "session": session_id, "code": reset_code, "csrf": csrf_token, "backoff": backoff})
