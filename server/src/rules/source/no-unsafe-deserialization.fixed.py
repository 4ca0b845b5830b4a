import ast
import base64
import json
import marshal
import pickle
import shelve

import dill
import jsonpickle
import numpy as np
import torch
import yaml
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("state")
CACHE_PATH = "/var/cache/state/index.pickle"


class ManifestLoader(yaml.SafeLoader):
    """Safe loading with the manifest's own tags."""


def restore(blob: str) -> object:
    # ruleid: no-unsafe-deserialization
    return pickle.loads(base64.b64decode(blob))


@mcp.tool()
def load_session(session: str, snapshot_path: str, name: str) -> str:
    """Restore a saved session."""
    state = restore(session)
    with open(snapshot_path, "rb") as handle:
        # ruleid: no-unsafe-deserialization
        snapshot = pickle.load(handle)
    # ruleid: no-unsafe-deserialization
    code = marshal.loads(bytes.fromhex(session))
    # ruleid: no-unsafe-deserialization
    shelf = shelve.open(name)
    # ruleid: no-unsafe-deserialization
    obj = jsonpickle.decode(session)
    # ruleid: no-unsafe-deserialization
    func = dill.loads(session.encode())
    # ok: no-unsafe-deserialization
    data = json.loads(session)
    # ok: no-unsafe-deserialization
    blob = pickle.dumps(data)
    # ok: no-unsafe-deserialization
    empty = pickle.loads(b"\x80\x04]\x94.")
    # ruleid: no-unsafe-deserialization
    arrays = np.load(snapshot_path, allow_pickle=True)
    # ok: no-unsafe-deserialization
    matrix = np.load(snapshot_path)
    # ok: no-unsafe-deserialization
    weights = torch.load(snapshot_path, weights_only=True)
    # ok: no-unsafe-deserialization
    literal = ast.literal_eval(session)
    with open(CACHE_PATH, "rb") as cache:
        # ok: no-unsafe-deserialization
        index = pickle.load(cache)
    return str([state, snapshot, code, shelf, obj, func, blob, empty, arrays, matrix, weights, literal, index])


@mcp.tool()
def parse_manifest(manifest: str) -> dict:
    """Parse a YAML manifest."""
    # ruleid: no-unsafe-deserialization
    parsed = yaml.safe_load(manifest)
    # ok: no-unsafe-deserialization
    safe = yaml.safe_load(manifest)
    # ok: no-unsafe-deserialization
    explicit = yaml.load(manifest, Loader=yaml.SafeLoader)
    # ok: no-unsafe-deserialization
    fast = yaml.load(manifest, Loader=yaml.CSafeLoader)
    # ok: no-unsafe-deserialization
    strings = yaml.load(manifest, Loader=yaml.BaseLoader)
    # ok: no-unsafe-deserialization
    custom = yaml.load(manifest, Loader=ManifestLoader)
    return {"parsed": parsed, "safe": safe, "explicit": explicit, "fast": fast, "strings": strings, "custom": custom}


def read_config(path: str) -> dict:
    with open(path) as stream:
        # ruleid: no-unsafe-deserialization
        config = yaml.safe_load(stream)
    with open(path) as stream:
        # ruleid: no-unsafe-deserialization
        documents = list(yaml.load_all(stream, Loader=yaml.CSafeLoader))
    with open(path) as stream:
        # ruleid: no-unsafe-deserialization
        full = yaml.safe_load(stream)
    # ok: no-unsafe-deserialization
    defaults = yaml.load("retries: 3")
    return {"config": config, "documents": documents, "full": full, "defaults": defaults}
