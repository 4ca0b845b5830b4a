# fixture-path: Dockerfile
# A plain web application: not an MCP server, so this rule stays out of it
# (even though it mentions mcp in this comment).
# ok: require-non-root-user
FROM node:22-slim
WORKDIR /app
COPY . .
RUN npm ci --omit=dev
# ok: require-non-root-user
USER root
# ok: require-non-root-user
CMD ["node", "web/server.js", "--mcpu=native"]
