import uvicorn
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route


async def health(request):
    return PlainTextResponse("ok")


app = Starlette(routes=[Route("/health", health)])

if __name__ == "__main__":
    # ok: no-bind-all-interfaces
    uvicorn.run(app, host="0.0.0.0", port=8080)
