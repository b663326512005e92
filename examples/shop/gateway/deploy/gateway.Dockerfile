# --- build stage ---
FROM golang:1.19 AS build
WORKDIR /go/src/gateway
COPY . .
RUN CGO_ENABLED=0 go build -o /out/gateway ./cmd/gateway

# --- runtime stage ---
FROM debian:bookworm-slim
# ca-certificates: TLS to upstreams; tzdata: maintenance windows in local time
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        ca-certificates \
        tzdata \
    && apt-get clean \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/gateway /usr/local/bin/gateway
USER nobody
ENTRYPOINT ["gateway"]
