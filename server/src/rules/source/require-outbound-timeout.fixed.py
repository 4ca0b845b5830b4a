import urllib.request
from typing import Literal

import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("web")
session = requests.Session()
# ok: require-outbound-timeout
CATALOG = requests.get("https://example.com/catalog.json").json()


def fetch_json(url: str) -> dict:
    # ruleid: require-outbound-timeout
    return requests.get(url, headers={"accept": "application/json"}, timeout=10).json()


@mcp.tool()
def fetch_page(url: str, method: Literal["GET", "HEAD"]) -> str:
    """Fetch a web page."""
    # ruleid: require-outbound-timeout
    page = requests.request(method, url, timeout=10)
    # ruleid: require-outbound-timeout
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read()
    # ok: require-outbound-timeout
    checked = requests.get(url, timeout=5)
    # ok: require-outbound-timeout
    legacy = urllib.request.urlopen(url, None, 5)
    # ok: require-outbound-timeout
    default = httpx.get(url)
    return f"{page.status_code} {len(body)} {checked.status_code} {legacy.status} {default.status_code} {fetch_json(url)}"


@mcp.tool()
async def post_item(name: str, options: dict) -> str:
    """Create an item."""
    # ruleid: require-outbound-timeout
    created = session.post(
        "https://api.example.com/items",
        json={"name": name},
        timeout=10,
    )
    # ruleid: require-outbound-timeout
    async with httpx.AsyncClient(timeout=10) as client:
        # ok: require-outbound-timeout
        mirrored = await client.post("https://mirror.example.com/items", json={"name": name})
    # ruleid: require-outbound-timeout
    slow = httpx.get("https://api.example.com/slow", timeout=10)
    # ruleid: require-outbound-timeout
    audit = requests.post("https://audit.example.com/events", json={"name": name}, timeout=10)
    # ok: require-outbound-timeout
    passed = requests.post("https://api.example.com/items", **options)
    # ok: require-outbound-timeout
    bounded = httpx.post("https://api.example.com/items", timeout=httpx.Timeout(10.0))
    return f"{created.status_code} {mirrored.status_code} {slow.status_code} {audit.status_code} {passed.status_code} {bounded.status_code}"


def refresh_catalog() -> None:
    # ok: require-outbound-timeout
    requests.get("https://example.com/catalog.json")


class Cache:
    def get(self, key: str) -> str:
        return key


cache = Cache()


@mcp.tool()
def cached(key: str) -> str:
    """Read the cache."""
    # ok: require-outbound-timeout
    return cache.get(key)
