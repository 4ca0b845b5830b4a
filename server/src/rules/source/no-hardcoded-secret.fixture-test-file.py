# fixture-path: tests/test_auth.py
import pytest

from weather.auth import verify_bearer

# ok: no-hardcoded-secret
EXPIRED_JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.Qm9ndXNTaWduYXR1cmVGb3JUZXN0cw"
# ok: no-hardcoded-secret
signing_secret = "Zx8vQ2mN5kL9pR3tW7yB1cF4"
# ok: no-hardcoded-secret
DATABASE_URL = "postgresql://app:Tr0ub4dor-3@db.test:5432/app"
# ruleid: no-hardcoded-secret
GITHUB_TOKEN = "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio"


def test_rejects_expired_token(monkeypatch):
    # ruleid: no-hardcoded-secret
    monkeypatch.setenv("OPENAI_API_KEY", "sk-proj-Zq7Xw2Lm9Pb4Nc6Vd1Ft8Hr3Js5Kg0Ye")
    # ok: no-hardcoded-secret
    headers = {"Authorization": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"}
    with pytest.raises(PermissionError):
        verify_bearer(headers, secret=signing_secret, token=EXPIRED_JWT, database_url=DATABASE_URL)
