# syntax=docker/dockerfile:1
FROM python:3.11-slim
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
# system deps
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && \
    apt-get install -y --no-install-recommends gcc libpq-dev
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
RUN useradd -u 1001 -m app
USER app
RUN pip install --user --no-cache-dir black
FROM node:18 AS web
USER node
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci
