# --- build stage ---
FROM golang:1.19 AS build
WORKDIR /go/src/gateway
COPY go.mod .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/gateway ./cmd/gateway

# --- runtime stage ---
FROM debian:bookworm-slim
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
# ca-certificates: TLS to upstreams; tzdata: maintenance windows in local time
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        tzdata
COPY --from=build /out/gateway /usr/local/bin/gateway
USER nobody
ENTRYPOINT ["gateway"]
