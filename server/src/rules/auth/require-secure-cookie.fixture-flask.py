import secrets

from flask import Flask, make_response, session

app = Flask(__name__)
app.config.update(
    SECRET_KEY="change-me",
    # ruleid: require-secure-cookie
    SESSION_COOKIE_SECURE=False,
)
# ruleid: require-secure-cookie
app.config["SESSION_COOKIE_HTTPONLY"] = False
# ok: require-secure-cookie
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
# ok: require-secure-cookie
app.config["SESSION_COOKIE_SECURE"] = True


@app.route("/login")
def login():
    response = make_response("ok")
    # ruleid: require-secure-cookie
    response.set_cookie("auth_token", secrets.token_urlsafe(32), httponly=True, secure=True)
    # ok: require-secure-cookie
    response.set_cookie("auth_token", secrets.token_urlsafe(32), httponly=True, secure=True, samesite="Lax")
    # ok: require-secure-cookie
    response.set_cookie("lang", "en")
    return response
