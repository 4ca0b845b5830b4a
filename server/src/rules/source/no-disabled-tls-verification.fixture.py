import os
import ssl

import httpx
import requests
import urllib3

# ruleid: no-disabled-tls-verification
response = requests.get("https://api.example.com/items", verify=False)

session = requests.Session()
# ruleid: no-disabled-tls-verification
session.verify = False

# ruleid: no-disabled-tls-verification
client = httpx.AsyncClient(verify=False, timeout=10)

# ruleid: no-disabled-tls-verification
context = ssl._create_unverified_context()

# ruleid: no-disabled-tls-verification
ssl._create_default_https_context = ssl._create_unverified_context

# ruleid: no-disabled-tls-verification
pool = urllib3.PoolManager(cert_reqs="CERT_NONE")


def relaxed_context(debug: bool) -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    if debug:
        # ruleid: no-disabled-tls-verification
        ctx.check_hostname = False
    # ruleid: no-disabled-tls-verification
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


# ruleid: no-disabled-tls-verification
os.environ["PYTHONHTTPSVERIFY"] = "0"

# ruleid: no-disabled-tls-verification
os.environ["CURL_CA_BUNDLE"] = ""

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
