# fixture-path: tests/test_verifier.py
import jwt


def test_round_trip():
    token = jwt.encode({"sub": "user-1"}, "test-secret", algorithm="HS256")
    # ok: require-token-audience
    assert jwt.decode(token, "test-secret", algorithms=["HS256"])["sub"] == "user-1"
