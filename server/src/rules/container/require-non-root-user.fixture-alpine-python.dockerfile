# fixture-path: Containerfile
# ok: require-non-root-user
FROM python:3.13-alpine
RUN pip install --no-cache-dir fastmcp
COPY app.py /app/app.py
# ruleid: require-non-root-user
USER 0:0
CMD ["fastmcp", "run", "/app/app.py"]
