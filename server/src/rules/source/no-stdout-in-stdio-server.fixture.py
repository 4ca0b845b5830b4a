import sys
import logging
from contextlib import redirect_stdout
from pprint import pprint

from mcp.server.fastmcp import Context, FastMCP

mcp = FastMCP("notes")
log = logging.getLogger(__name__)
# ruleid: no-stdout-in-stdio-server
logging.basicConfig(level=logging.INFO, stream=sys.stdout)
# ruleid: no-stdout-in-stdio-server
log.addHandler(logging.StreamHandler(sys.stdout))
# ok: no-stdout-in-stdio-server
log.addHandler(logging.StreamHandler())


class Recorder:
    def print(self, text: str) -> None:
        self.last = text


recorder = Recorder()


@mcp.tool()
def add_note(title: str, body: str, ctx: Context) -> str:
    """Store a note."""
    # ruleid: no-stdout-in-stdio-server
    print(f"adding note {title}")
    # ruleid: no-stdout-in-stdio-server
    pprint({"title": "fixed", "size": 3})
    # ok: no-stdout-in-stdio-server
    print(f"adding note {title}", file=sys.stderr)
    # ok: no-stdout-in-stdio-server
    log.info("adding note %s", title)
    # ok: no-stdout-in-stdio-server
    recorder.print(body)
    with redirect_stdout(sys.stderr):
        # ok: no-stdout-in-stdio-server
        print("captured by the redirect")
    return "saved"


def dump(notes: list[str]) -> None:
    for note in notes:
        # ruleid: no-stdout-in-stdio-server
        sys.stdout.write(note + "\n")
    # ok: no-stdout-in-stdio-server
    sys.stdout.flush()
    # ok: no-stdout-in-stdio-server
    sys.stderr.write("dumped\n")
    with open("notes.txt", "w") as handle:
        # ok: no-stdout-in-stdio-server
        print(*notes, sep="\n", file=handle)


def show_version() -> None:
    # ok: no-stdout-in-stdio-server
    print("notes 1.0.0")
    sys.exit(0)


if __name__ == "__main__":
    # ruleid: no-stdout-in-stdio-server
    print(
        "Starting notes server",
    )
    mcp.run()
