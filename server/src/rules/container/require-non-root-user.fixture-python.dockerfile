# fixture-path: Dockerfile
# ruleid: require-non-root-user
FROM python:3.12-slim
WORKDIR /srv
RUN pip install --no-cache-dir "mcp[cli]==1.9.4" httpx
COPY server.py .
# ok: require-non-root-user
ENTRYPOINT ["python", "server.py"]
