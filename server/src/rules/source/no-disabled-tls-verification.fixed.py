import os
import ssl

import httpx
import requests
import urllib3

# ruleid: no-disabled-tls-verification
response = requests.get("https://api.example.com/items")

session = requests.Session()
# ruleid: no-disabled-tls-verification

# ruleid: no-disabled-tls-verification
client = httpx.AsyncClient(timeout=10)

# ruleid: no-disabled-tls-verification
context = ssl.create_default_context()

# ruleid: no-disabled-tls-verification

# ruleid: no-disabled-tls-verification
pool = urllib3.PoolManager()


def relaxed_context(debug: bool) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if debug:
        # ruleid: no-disabled-tls-verification
        pass
    # ruleid: no-disabled-tls-verification
    return ctx


# ruleid: no-disabled-tls-verification

# ruleid: no-disabled-tls-verification

# ok: no-disabled-tls-verification
checked = requests.get("https://api.example.com/items", verify=True)

# ok: no-disabled-tls-verification
pinned = requests.get("https://internal.example.com", verify="/etc/ssl/internal-ca.pem")

# ok: no-disabled-tls-verification
default_context = ssl.create_default_context()


def validate(payload: dict, verify: bool = False) -> bool:
    return verify or bool(payload)


# ok: no-disabled-tls-verification
validate({}, verify=False)

# ok: no-disabled-tls-verification
os.environ["PYTHONHTTPSVERIFY"] = "1"

# ok: no-disabled-tls-verification
note = "requests.get(url, verify=False) is how not to do it"
