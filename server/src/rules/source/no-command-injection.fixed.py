import asyncio
import os
import shlex
import subprocess
from typing import Literal

from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("network")
ALLOWED_HOSTS = {"example.com", "localhost"}


def trace(target: str) -> str:
    # ruleid: no-command-injection
    return subprocess.check_output(["traceroute", str(target)], text=True)


@mcp.tool()
def ping(host: str, count: int, ctx: Context) -> str:
    """Ping a host."""
    # ruleid: no-command-injection
    subprocess.call(["ping", "-c", str(count), str(host)])
    # ok: no-command-injection
    subprocess.run(f"ping -c {count} 127.0.0.1", shell=True)
    # ok: no-command-injection
    subprocess.run(["ping", "-c", str(count), host], check=True)
    # ok: no-command-injection
    subprocess.run("ping -c 1 " + shlex.quote(host), shell=True)
    return trace(host)


@mcp.tool()
async def run_tool(program: str, mode: Literal["fast", "slow"], args: list[str]) -> str:
    """Run a diagnostic program."""
    # ruleid: no-command-injection
    subprocess.run([program, "--version"])
    # ruleid: no-command-injection
    await asyncio.create_subprocess_shell("diag " + " ".join(args))
    # ok: no-command-injection
    subprocess.run(["diag", f"--mode={mode}", *args])
    if program not in ALLOWED_HOSTS:
        raise ValueError("unknown program")
    # ok: no-command-injection
    os.system(f"{program} --version")
    return "ok"


# ok: no-command-injection
os.system("uptime")
