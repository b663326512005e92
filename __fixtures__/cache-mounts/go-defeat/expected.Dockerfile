FROM golang:1.22
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go clean && go build -o /out/app .
