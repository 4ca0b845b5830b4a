# fixture-path: Dockerfile
# The entrypoint drops root with gosu once it has fixed the volume's ownership.
# ok: require-non-root-user
FROM python:3.12-slim
RUN apt-get update && apt-get install -y gosu && useradd --uid 10001 app
RUN pip install fastmcp
COPY entrypoint.sh /usr/local/bin/
# ok: require-non-root-user
ENTRYPOINT ["entrypoint.sh", "gosu", "app", "fastmcp", "run", "server.py"]
