FROM golang:1.22
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build <<EOF
go mod download
go vet ./...
EOF
