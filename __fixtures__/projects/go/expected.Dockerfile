FROM golang:1.19 AS build

WORKDIR /src
COPY go.mod .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -v -o /out/hello .

FROM debian:bookworm-slim
COPY --from=build /out/hello /usr/local/bin/hello
CMD ["hello"]
