# fixture-path: Dockerfile
# ok: require-non-root-user
# mcp-warden-disable-next-line require-non-root-user -- runs under rootless Podman with --userns=keep-id
FROM python:3.12-slim
RUN pip install mcp
CMD ["python", "-m", "my_mcp_server"]
