# fixture-path: Dockerfile
# ruleid: require-non-root-user
FROM python:3.12-slim
WORKDIR /srv
RUN pip install --no-cache-dir "mcp[cli]==1.9.4" httpx
COPY server.py .
# ok: require-non-root-user
RUN useradd --create-home --uid 10001 app
USER app
ENTRYPOINT ["python", "server.py"]
