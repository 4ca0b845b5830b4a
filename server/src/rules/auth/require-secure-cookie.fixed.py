import secrets

from fastapi import FastAPI, Request, Response
from fastapi.responses import RedirectResponse
from starlette.middleware.sessions import SessionMiddleware

app = FastAPI()
# ruleid: require-secure-cookie
app.add_middleware(SessionMiddleware, secret_key="change-me", https_only=True)
# ruleid: require-secure-cookie
app.add_middleware(SessionMiddleware, secret_key="change-me", https_only=True, same_site="lax")


@app.get("/login")
def login(response: Response) -> dict:
    session_id = secrets.token_urlsafe(32)
    # ruleid: require-secure-cookie
    response.set_cookie("session_id", session_id, httponly=True, secure=True)
    # ruleid: require-secure-cookie
    response.set_cookie(key="access_token", value=session_id, httponly=True, secure=True)
    # ruleid: require-secure-cookie
    response.set_cookie("refresh_token", session_id, httponly=True, secure=True, samesite="lax")
    # ruleid: require-secure-cookie
    response.headers["Set-Cookie"] = f"sid={session_id}; Path=/; HttpOnly; Secure; SameSite=Lax"
    return {"ok": True}


@app.post("/consent")
def approve(request: Request, client_id: str) -> RedirectResponse:
    response = RedirectResponse("/authorize", status_code=303)
    # ruleid: require-secure-cookie
    response.set_cookie("mcp_consent", client_id, httponly=True, secure=True)
    return response


# Near misses: Starlette's samesite default, secure cookies, harmless cookies, deletion.
@app.get("/prefs")
def prefs(response: Response) -> dict:
    # ok: require-secure-cookie
    response.set_cookie("theme", "dark")
    # ok: require-secure-cookie
    response.set_cookie("cookie_consent", "accepted", max_age=31536000)
    # ok: require-secure-cookie
    response.set_cookie("session_id", secrets.token_urlsafe(32), httponly=True, secure=True)
    # ok: require-secure-cookie
    response.set_cookie("__Host-consent", "client-a", httponly=True, secure=True, samesite="lax")
    # ok: require-secure-cookie
    response.delete_cookie("session_id")
    # ok: require-secure-cookie
    response.headers["Set-Cookie"] = "sid=abc; Path=/; HttpOnly; Secure; SameSite=Strict"
    # ok: require-secure-cookie
    response.headers["Cache-Control"] = "no-store"
    return {}


# ok: require-secure-cookie
app.add_middleware(SessionMiddleware, secret_key="change-me", https_only=True)
