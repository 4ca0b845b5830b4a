# fixture-path: Dockerfile
# syntax=docker/dockerfile:1

FROM node:22 AS build
WORKDIR /app
# Installing build tools needs root; this stage never runs the server.
# ok: require-non-root-user
USER root
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# ruleid: require-non-root-user
FROM node:22-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# ok: require-non-root-user
LABEL io.modelcontextprotocol.server.name="io.github.acme/weather-mcp"
EXPOSE 3000
# ok: require-non-root-user
CMD ["node", "dist/server.js"]
