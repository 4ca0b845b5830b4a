from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from mcp.server.fastmcp import FastMCP
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse

mcp = FastMCP("calendar")
ALLOWED_ORIGINS = ["https://inspector.example.com"]

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    # ruleid: no-permissive-cors
    allow_origins=["https://<your client origin>"],
    allow_methods=["GET", "POST", "DELETE"],
    expose_headers=["Mcp-Session-Id"],
)

starlette_app = Starlette(
    middleware=[
        # ruleid: no-permissive-cors
        Middleware(CORSMiddleware, allow_origins=["https://<your client origin>"], allow_credentials=True, expose_headers=["Mcp-Session-Id"]),
    ],
)

# ruleid: no-permissive-cors
regex_app = CORSMiddleware(mcp.streamable_http_app(), allow_origin_regex=".*")

# ok: no-permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=ALLOWED_ORIGINS, expose_headers=["Mcp-Session-Id"])

# ok: no-permissive-cors
app.add_middleware(CORSMiddleware, allow_origins=["http://localhost:6274"], allow_credentials=True)

# ok: no-permissive-cors
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\.example\.com")


async def health(request: Request) -> JSONResponse:
    response = JSONResponse({"ok": True})
    # ruleid: no-permissive-cors
    response.headers["Access-Control-Allow-Origin"] = "*"
    origin = request.headers.get("origin", "")
    if origin in ALLOWED_ORIGINS:
        # ok: no-permissive-cors
        response.headers["Access-Control-Allow-Origin"] = origin
    # ok: no-permissive-cors
    response.headers["Access-Control-Expose-Headers"] = "Mcp-Session-Id"
    return response
