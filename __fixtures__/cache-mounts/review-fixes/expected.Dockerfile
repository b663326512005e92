# Cases from a review of real-world Dockerfiles.
# pip takes `--no-cache` for `--no-cache-dir`
FROM python:3.12-slim AS pip-abbreviated-flag
WORKDIR /src
RUN --mount=type=cache,id=pip,target=/root/.cache/pip pip install /wheels/*

# secret and ssh mounts need no target
FROM node:20 AS secret-without-target
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN --mount=type=ssh --mount=type=cache,target=/root/.npm npm ci

# cargo-chef's images are the rust images (CARGO_HOME=/usr/local/cargo)
FROM lukemathwalker/cargo-chef:latest-rust-1.77 AS chef
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo install sqlx-cli

# registry.docker.com/library/ruby is the official image (Rails' generated FROM line)
FROM registry.docker.com/library/ruby:3.3-slim AS rails-generated-from
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install

# a relative bind target is in the working directory (docker init's Go template)
FROM golang:1.22 AS relative-bind-target
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod/ \
    --mount=type=bind,target=. \
    --mount=type=cache,target=/root/.cache/go-build \
    CGO_ENABLED=0 go build -o /bin/server .

# ...and one over the cache folder is still seen
FROM golang:1.22 AS relative-bind-over-the-cache
WORKDIR /root/.cache
RUN --mount=type=bind,target=go-build CGO_ENABLED=0 go build -o /bin/server /src

# an rm glob goes only when all it matches is in a mount (or it matches the mount's folder)
FROM debian:bookworm AS rm-globs-beside-the-mounts
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/*-old /tmp/*.deb
FROM composer:2 AS glob-next-to-the-cache-folder
RUN --mount=type=cache,target=/tmp/cache composer global require phpstan/phpstan && rm -f /tmp/*.phar

# a new mount of a folder the file already caches under an id takes that id
FROM python:3.12-slim AS existing-cache-id
RUN --mount=type=cache,id=pip,target=/root/.cache/pip pip install wheel
RUN --mount=type=cache,id=pip,target=/root/.cache/pip pip install flask

# apk takes `--update` for `--update-cache`: nothing to add
FROM alpine:3.19 AS apk-update-abbreviated
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk --update add curl

# `yarn global add` is Yarn 1 only: no Berry cache, no Berry ENV
FROM node:18 AS yarn-global-add
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn global add turbo@1.13.3
