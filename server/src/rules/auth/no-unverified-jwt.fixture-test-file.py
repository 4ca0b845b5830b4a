# fixture-path: tests/test_auth.py
import jwt

from server.auth import issue_token


def test_issued_token_has_scope():
    token = issue_token("user-1")
    # ok: no-unverified-jwt
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["scope"] == "read"
    # ok: no-unverified-jwt
    assert jwt.decode(token, "test-secret", algorithms=["HS256"], options={"verify_exp": False})["sub"] == "user-1"
