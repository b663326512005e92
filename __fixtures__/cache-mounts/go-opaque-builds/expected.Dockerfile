FROM --platform=$BUILDPLATFORM tonistiigi/xx AS xx

FROM --platform=$BUILDPLATFORM golang:1.22 AS build
COPY --from=xx / /
ARG TARGETPLATFORM
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
# xx-go is go with the target platform set: the same caches
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 xx-go build -o /out/app ./cmd/app && xx-verify /out/app

FROM golang:1.22 AS docs
WORKDIR /src
COPY . .
# an installer piped into sh -s: its arguments are not a script of the build
RUN curl -sSfL https://example.com/install.sh | sh -s -- -b /usr/local/bin v1.59.0
# a Makefile or a script the tool cannot read: only a note
RUN make generate
RUN bash -o pipefail scripts/build.sh

FROM debian:bookworm-slim AS tools
ENV PATH=/usr/local/go/bin:$PATH
WORKDIR /src
COPY . .
# a custom Go install under another user and GOCACHE
USER 1000
ENV GOCACHE=/tmp/gocache
RUN task build

FROM debian:bookworm-slim
# no Go here: make is just make
RUN make -C /opt/tool install
COPY --from=build /out/app /usr/local/bin/app
