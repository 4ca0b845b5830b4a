# fixture-path: Dockerfile
# ok: require-non-root-user
FROM node:22-slim
WORKDIR /app
# ok: require-non-root-user
USER root
RUN apt-get update && apt-get install -y git
COPY --chown=node:node . .
RUN npm ci --omit=dev
# ok: require-non-root-user
USER node
ENV MCP_TRANSPORT=stdio
# A heredoc body is file content, not an instruction.
RUN <<EOF
echo "starting as node"
USER root
EOF
CMD ["node", "server.js"]
