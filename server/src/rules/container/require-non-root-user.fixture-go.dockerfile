# fixture-path: build/server.dockerfile
# ok: require-non-root-user
FROM golang:1.23 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /out/github-mcp-server ./cmd/github-mcp-server

# No fix is offered: which account exists in this base is not visible here.
# ruleid: require-non-root-user
FROM alpine:3.20
COPY --from=build /out/github-mcp-server /usr/local/bin/
ENTRYPOINT ["github-mcp-server", "stdio"]
