import os
from typing import Literal
from urllib.parse import urljoin, urlparse
from urllib.request import Request, urlopen

import aiohttp
import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")
NWS_API_BASE = "https://api.weather.gov"
DOCS_BASE = os.environ.get("DOCS_BASE", "https://docs.example.com")
ALLOWED_HOSTS = {"docs.example.com", "api.example.com"}
api = httpx.AsyncClient(base_url="https://api.example.com", timeout=10.0)


async def make_nws_request(url: str) -> dict:
    async with httpx.AsyncClient() as client:
        # ok: no-ssrf
        response = await client.get(url, headers={"Accept": "application/geo+json"}, timeout=30.0)
        return response.json()


def fetch_text(url: str) -> str:
    with requests.Session() as session:
        # ruleid: no-ssrf
        return session.get(url, timeout=10).text


@mcp.tool()
async def get_alerts(state: str, office: Literal["LWX", "OKX"]) -> str:
    """Get weather alerts for a US state."""
    # ok: no-ssrf
    alerts = await make_nws_request(f"{NWS_API_BASE}/alerts/active/area/{state}")
    # ok: no-ssrf
    grid = await make_nws_request(NWS_API_BASE + "/gridpoints/" + office + "/forecast")
    # ok: no-ssrf
    station = requests.get("https://api.weather.gov/stations/%s" % state, timeout=10)
    # ruleid: no-ssrf
    raw = requests.get(f"https://api.weather.gov{state}", timeout=10)
    # ok: no-ssrf
    zone = requests.get(f"{NWS_API_BASE}/zones/{state}" if office == "LWX" else f"https://mirror.example.com/zones/{state}", timeout=10)
    return str([alerts, grid, station.json(), raw.json(), zone.json()])


@mcp.tool()
async def fetch_url(url: str) -> str:
    """Fetch a web page."""
    # ruleid: no-ssrf
    page = requests.get(url, timeout=10).text
    details = fetch_text(url.rstrip("/") + "/robots.txt")
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        raise ValueError("host not allowed")
    # ok: no-ssrf
    checked = httpx.get(url, follow_redirects=False).text
    return page + checked + str(details)


@mcp.tool()
async def read_doc(path: str, item_id: int, endpoint: str) -> str:
    """Read a documentation page or an API item."""
    # ruleid: no-ssrf
    doc = urlopen(urljoin(DOCS_BASE, path)).read()
    # ok: no-ssrf
    page = urlopen(Request(f"{DOCS_BASE}/pages/{path}")).read()
    # ok: no-ssrf
    item = await api.get(f"/items/{item_id}")
    # ok: no-ssrf
    search = await api.get("/search", params={"q": path})
    # ruleid: no-ssrf
    other = await api.get(endpoint)
    # ruleid: no-ssrf
    meta = httpx.request("GET", urljoin(endpoint, "/meta.json"))
    return str([doc, page, item.json(), search.json(), other.json(), meta.json()])


@mcp.tool()
async def webhook(host: str, payload: str) -> str:
    """Send a payload to a webhook host."""
    async with aiohttp.ClientSession() as session:
        # ruleid: no-ssrf
        async with session.post(f"https://{host}/hooks/mcp", json={"payload": payload}) as response:
            status = response.status
        # ok: no-ssrf
        async with session.post("https://hooks.example.com/mcp", json={"host": host, "payload": payload}) as response:
            status += response.status
    with requests.Session() as http:
        # ok: no-ssrf
        http.post("https://hooks.example.com/audit", data=payload)
    return str(status)


# ok: no-ssrf
HEALTH = requests.get(os.environ.get("HEALTHCHECK_URL", "http://localhost:8080/health"), timeout=5)
