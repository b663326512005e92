# Config files put at a tool's own user or global locations move its cache.
FROM node:20 AS npm-user-config
WORKDIR /app
COPY .npmrc /root/.npmrc
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/var/cache/npm npm ci

FROM node:20 AS npm-user-config-without-cache
WORKDIR /app
COPY registry.npmrc /root/.npmrc
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20 AS npm-home-folder-copied
WORKDIR /app
COPY home/ /root/
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/opt/npm-cache npm ci

FROM node:20 AS npm-non-root
USER node
WORKDIR /home/node/app
COPY --chown=node .npmrc /home/node/.npmrc
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/var/cache/npm,uid=1000,gid=1000 npm ci

FROM node:20 AS npm-setting-and-file
RUN npm config set cache /srv/npm-cache
COPY registry.npmrc /root/.npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM python:3.12-slim AS pip-global-config
COPY pip.conf /etc/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt

FROM python:3.12-slim AS pip-other-section
COPY pip-freeze.conf /etc/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

FROM python:3.12-slim AS config
RUN printf '[global]\ncache-dir = /x\n' > /pip.conf

FROM python:3.12-slim AS pip-config-from-another-stage
COPY --from=config /pip.conf /etc/pip.conf
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim AS pip-config-file-variable
ENV PIP_CONFIG_FILE=/opt/pip/pip.conf
COPY pip.conf /opt/pip/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt

FROM python:3.12-slim AS pip-config-files-off
ENV PIP_CONFIG_FILE=/dev/null
COPY pip.conf /etc/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
