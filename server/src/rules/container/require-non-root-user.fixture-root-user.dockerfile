# fixture-path: docker/Dockerfile.prod
FROM node:22-alpine
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev && npm install -g @modelcontextprotocol/inspector
COPY dist ./dist
# ok: require-non-root-user
USER node
RUN npm cache clean --force
# ruleid: require-non-root-user
USER root
# ok: require-non-root-user
CMD ["node", "dist/index.js", "--transport", "stdio"]
