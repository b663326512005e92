FROM golang:1.22
WORKDIR /src
COPY go.mod .
RUN set -e && export GOFLAGS=-mod=mod && go mod download
COPY . .
RUN <<EOF
set -e
export GOFLAGS=-mod=mod
go build -o /app .
EOF
