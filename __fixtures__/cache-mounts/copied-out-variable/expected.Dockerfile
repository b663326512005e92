# A later stage copies a folder out of a stage whose RUNs download into a cache: the
# source's variables are read as BuildKit reads them, from the copying stage's ENV.
FROM ruby:3.3-slim AS base
WORKDIR /rails
ENV BUNDLE_PATH="/usr/local/bundle"
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update -qq && \
    apt-get install --no-install-recommends -y curl libjemalloc2

FROM base AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update -qq && \
    apt-get install --no-install-recommends -y build-essential git

FROM base
COPY --from=build "${BUNDLE_PATH}" "${BUNDLE_PATH}"

FROM python:3.12-slim AS venv-builder
ENV VIRTUAL_ENV=/opt/venv
RUN --mount=type=cache,target=/root/.cache/pip python -m venv /opt/venv && /opt/venv/bin/pip install flask

FROM python:3.12-slim AS venv-runtime
ENV VIRTUAL_ENV=/opt/venv
COPY --from=venv-builder ${VIRTUAL_ENV} ${VIRTUAL_ENV}

FROM python:3.12-slim AS home-builder
ENV APP_HOME=/root
RUN pip install --no-cache-dir --user flask

FROM python:3.12-slim AS home-runtime
ENV APP_HOME=/root
COPY --from=home-builder ${APP_HOME}/.local ${APP_HOME}/.local
COPY --from=home-builder "${APP_HOME}" /snapshot

FROM rust:1.80 AS rust-builder
WORKDIR /usr/src/app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo build --release

FROM debian:bookworm-slim AS rust-runtime
ARG APP_NAME=app
COPY --from=rust-builder /usr/src/app/target/release/${APP_NAME} /usr/local/bin/app

FROM golang:1.22 AS go-builder
WORKDIR /src
COPY . .
RUN go build -o /out/app .

FROM debian:bookworm-slim AS go-runtime
ARG FROM_DIR
COPY --from=go-builder ${FROM_DIR} /data
