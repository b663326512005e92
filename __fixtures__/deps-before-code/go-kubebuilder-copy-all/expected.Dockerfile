# go.mod and go.sum copied in two COPYs, then everything: the warm-up goes right after them,
# with no second COPY of the manifests.
FROM golang:1.22 AS builder
WORKDIR /workspace
COPY go.mod go.mod
COPY go.sum go.sum
RUN CGO_ENABLED=0 go mod download

# Copy the go source
COPY . .

# Build
RUN CGO_ENABLED=0 go build -a -o manager cmd/main.go
