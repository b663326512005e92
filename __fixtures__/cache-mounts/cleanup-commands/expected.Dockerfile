FROM python:3.11-slim AS pip
# pip cache remove empties part of the pip cache: it goes with the mount
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN --mount=type=cache,target=/root/.cache/pip python3 -m pip install -r requirements.txt
# pip cache dir / list empty nothing
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt && pip cache list

FROM golang:1.22 AS go
# the build cache is copied into, so only the module cache gets a mount
COPY go-build-seed/ /root/.cache/go-build/
# -modcache empties only the mount: it goes
RUN --mount=type=cache,target=/go/pkg/mod go build ./...
# -cache also empties the build cache, which stays in the image: no mount at all
RUN go build ./... && go clean -cache -modcache
# -testcache empties neither
RUN --mount=type=cache,target=/go/pkg/mod go build ./... && go clean -testcache
