FROM golang:1.22
RUN useradd -m -u 1000 gopher
USER gopher
WORKDIR /home/gopher/src
RUN --mount=type=cache,target=/go/pkg/mod,uid=1000 --mount=type=cache,target=/home/gopher/.cache/go-build,uid=1000 go test ./...
