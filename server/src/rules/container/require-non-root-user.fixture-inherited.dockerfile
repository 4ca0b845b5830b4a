# fixture-path: Dockerfile
FROM python:3.12-slim AS base
RUN useradd --create-home --uid 10001 app
# ok: require-non-root-user
USER app

FROM base AS deps
RUN pip install --user "mcp>=1.9"

# The final stage builds on `deps`, which builds on `base`: it inherits `USER app`.
# ok: require-non-root-user
FROM deps AS final
COPY server.py /home/app/
# ok: require-non-root-user
CMD ["python", "/home/app/server.py"]
