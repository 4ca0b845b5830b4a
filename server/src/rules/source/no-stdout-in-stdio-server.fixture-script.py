import json
import sys

import requests


def main() -> None:
    items = requests.get("https://api.example.com/items", timeout=10).json()
    # ok: no-stdout-in-stdio-server
    print(json.dumps(items, indent=2))
    # ok: no-stdout-in-stdio-server
    sys.stdout.write("done\n")


if __name__ == "__main__":
    # ok: no-stdout-in-stdio-server
    print("fetching items")
    main()
