# syntax=docker/dockerfile:1
# Private dependencies downloaded with credentials only that RUN mounts: a later RUN
# without them builds from what the download left in the store (Go's module cache,
# cargo's registry, Maven's repository). With a mount there, an emptied cache would
# make that later RUN download again, without credentials, and fail.
FROM golang:1.22 AS go-ssh-download-then-build
WORKDIR /src
ENV GOPRIVATE=github.com/acme/*
COPY go.mod go.sum ./
RUN --mount=type=ssh --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 go build -o /out/app ./cmd/app

FROM golang:1.22 AS go-netrc-secret-on-both
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=secret,id=netrc,target=/root/.netrc --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=secret,id=netrc,target=/root/.netrc --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .

FROM golang:1.22 AS go-secret-download-then-stage-from-it
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=secret,id=netrc,dst=/root/.netrc --mount=type=cache,target=/root/.cache/go-build go mod download

FROM go-secret-download-then-stage-from-it AS go-build-in-child-stage
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .

FROM rust:1.80 AS cargo-ssh-fetch-then-build
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN --mount=type=ssh cargo fetch
COPY src src
RUN cargo build --release

FROM maven:3.9 AS maven-secret-settings-then-package
WORKDIR /app
COPY pom.xml .
RUN --mount=type=secret,id=settings,target=/root/.m2/settings.xml mvn -B dependency:go-offline
COPY src src
RUN mvn -B package -DskipTests

FROM golang:1.22 AS go-public-then-ssh
WORKDIR /src
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go mod download
COPY . .
RUN --mount=type=ssh --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /out/app .

FROM python:3.12-slim AS pip-secret-index-then-local
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=secret,id=pipconf,target=/etc/pip.conf --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-deps .
