import builtins
import re
from typing import Literal

from mcp.server.fastmcp import FastMCP

mcp = FastMCP("calc")
ALLOWED_NAMES = {"pi", "e", "tau"}


def evaluate(expression: str) -> object:
    # ruleid: no-code-injection
    return eval(expression)


@mcp.tool()
def calculate(expression: str, digits: int, mode: Literal["deg", "rad"]) -> str:
    """Evaluate a math expression."""
    # ruleid: no-code-injection
    value = eval(f"round({expression}, {digits})", {"__builtins__": {}})
    # ok: no-code-injection
    rounded = eval(f"round(3.14159, {digits})")
    # ok: no-code-injection
    angle = eval(f"'{mode}'.upper()")
    # ok: no-code-injection
    pattern = re.compile(expression)
    # ok: no-code-injection
    literal = ast_like_parse(expression)
    return str([value, rounded, angle, pattern, literal, evaluate(expression)])


@mcp.tool()
def run_snippet(code: str, name: str) -> str:
    """Run a Python snippet."""
    namespace: dict = {}
    # ruleid: no-code-injection
    exec(code, namespace)
    # ruleid: no-code-injection
    compiled = compile(code, "<tool>", "exec")
    # ruleid: no-code-injection
    builtins.eval(code)
    # ruleid: no-code-injection
    exec(bytes.fromhex(code))
    # ok: no-code-injection
    model.eval()
    if name not in ALLOWED_NAMES:
        raise ValueError("unknown constant")
    # ok: no-code-injection
    constant = eval(f"math.{name}")
    # ok: no-code-injection
    exec("import math")
    return str([namespace, compiled, constant])


def ast_like_parse(text: str) -> object:
    return text.strip()


# ok: no-code-injection
eval(input("expression: "))
