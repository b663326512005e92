FROM python:3.12-slim AS nocache
COPY <<EOF /etc/pip.conf
[global]
no-cache-dir = true
EOF
RUN pip install flask

FROM python:3.12-slim AS cachedir
COPY <<'EOF' /etc/pip.conf
[global]
cache-dir = /var/cache/pip
EOF
RUN --mount=type=cache,target=/var/cache/pip pip install flask

FROM python:3.12-slim AS folder
COPY <<pip.conf /etc/
[global]
cache-dir = /var/cache/pip2
pip.conf
RUN --mount=type=cache,target=/var/cache/pip2 pip install flask

FROM python:3.12-slim AS variable
ARG DIR=/x
COPY <<EOF /etc/pip.conf
[global]
cache-dir = ${DIR}
EOF
RUN pip install flask

FROM node:20 AS npmrc
WORKDIR /app
COPY <<EOF .npmrc
cache=/tmp/npm-cache
EOF
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/tmp/npm-cache npm ci
