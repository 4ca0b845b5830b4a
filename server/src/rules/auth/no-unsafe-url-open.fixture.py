import os
import subprocess
import webbrowser
from urllib.parse import urlparse

from mcp.client.auth import OAuthClientProvider
from mcp.client.session import ClientSession


async def handle_redirect(authorization_url: str) -> None:
    # ruleid: no-unsafe-url-open
    webbrowser.open(authorization_url)


def open_with_system(auth_url: str) -> None:
    # ruleid: no-unsafe-url-open
    os.system(f"open {auth_url}")


def open_with_xdg(auth_url: str) -> None:
    # ruleid: no-unsafe-url-open
    subprocess.run(f"xdg-open '{auth_url}'", shell=True, check=False)


def open_on_windows(auth_url: str) -> None:
    # ruleid: no-unsafe-url-open
    subprocess.Popen(["cmd", "/c", "start", "", auth_url])


def open_with_format(elicitation_url: str) -> None:
    # ruleid: no-unsafe-url-open
    os.system("xdg-open {}".format(elicitation_url))


def open_without_shell(auth_url: str) -> None:
    # ruleid: no-unsafe-url-open
    subprocess.run(["xdg-open", auth_url], check=True)


def open_startfile(verification_uri: str) -> None:
    # ruleid: no-unsafe-url-open
    os.startfile(verification_uri)


# --- near misses ---


async def handle_redirect_checked(authorization_url: str) -> None:
    parsed = urlparse(authorization_url)
    if parsed.scheme != "https" and not (parsed.scheme == "http" and parsed.hostname in ("127.0.0.1", "localhost", "::1")):
        raise ValueError(f"refusing to open {parsed.scheme} URL")
    # ok: no-unsafe-url-open
    webbrowser.open(authorization_url)


def open_checked_prefix(auth_url: str) -> None:
    if not auth_url.startswith("https://"):
        raise ValueError("authorization URL must use https")
    # ok: no-unsafe-url-open
    subprocess.run(["xdg-open", auth_url], check=True)


def open_docs() -> None:
    # ok: no-unsafe-url-open
    webbrowser.open("https://modelcontextprotocol.io/docs")
    # ok: no-unsafe-url-open
    os.system("open https://modelcontextprotocol.io")


def open_device_page(user_code: str) -> None:
    # ok: no-unsafe-url-open
    webbrowser.open(f"https://github.com/login/device?user_code={user_code}")


def list_files(directory: str) -> None:
    # ok: no-unsafe-url-open
    subprocess.run(f"ls -la {directory}", shell=True, check=False)


def read_report(report_path: str) -> str:
    # ok: no-unsafe-url-open
    with open(report_path) as handle:
        return handle.read()


def session_factory(session: ClientSession, provider: OAuthClientProvider) -> tuple[ClientSession, OAuthClientProvider]:
    return session, provider
