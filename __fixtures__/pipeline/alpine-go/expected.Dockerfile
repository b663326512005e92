# syntax=docker/dockerfile:1
FROM golang:1.22-alpine AS build
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache git ca-certificates
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app .

FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache tzdata
COPY --from=build /out/app /usr/local/bin/app
USER nobody
ENTRYPOINT ["app"]
