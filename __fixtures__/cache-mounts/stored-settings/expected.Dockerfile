FROM node:20-bookworm AS web
RUN corepack enable && pnpm config set store-dir /pnpm/store
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/pnpm/store pnpm install --frozen-lockfile
RUN --mount=type=cache,target=/tmp/npm-cache npm config set cache /tmp/npm-cache --global && npm ci

FROM python:3.12-slim AS api
RUN pip config set global.cache-dir /var/cache/pip
RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt
RUN --mount=type=cache,target=/opt/poetry-cache/cache --mount=type=cache,target=/opt/poetry-cache/artifacts poetry config cache-dir /opt/poetry-cache && poetry install --no-root

FROM api AS other-user
RUN useradd -m -u 1000 app
USER app
# root's pip.conf is not this user's: the default cache in its home
RUN pip install --user flask

FROM python:3.12-slim AS unreadable
ARG PIP_DIR=/cache/pip
RUN pip config set global.cache-dir "$PIP_DIR"
RUN pip install flask
