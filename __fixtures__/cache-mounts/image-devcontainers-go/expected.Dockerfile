FROM mcr.microsoft.com/devcontainers/go:1-1.22-bookworm
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /usr/local/bin/app ./cmd/app
USER vscode
RUN go install golang.org/x/tools/gopls@latest
