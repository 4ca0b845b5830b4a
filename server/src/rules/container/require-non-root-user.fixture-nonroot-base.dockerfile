# fixture-path: Dockerfile
FROM node:22 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

# Distroless `nonroot` images run as uid 65532 without a USER line.
# ok: require-non-root-user
FROM gcr.io/distroless/nodejs22-debian12:nonroot
COPY --from=build /app/dist /app
# ok: require-non-root-user
CMD ["/app/mcp-server.js"]
