# Config files that RUN commands write move a tool's cache as copied ones do.
FROM node:20 AS npm-echo-user-config
RUN echo "cache=/srv/npm" > ~/.npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/srv/npm npm ci

FROM node:20 AS npm-token-only
ARG NPM_TOKEN
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && \
    npm ci && \
    rm -f .npmrc

FROM node:20 AS npm-appended-in-the-same-run
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/tmp/npm-cache echo "fund=false" >> /root/.npmrc && echo "cache=/tmp/npm-cache" >> /root/.npmrc && npm ci

FROM node:20 AS npm-written-after-the-install
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci && echo "cache=/srv/npm" > ~/.npmrc

FROM node:20 AS npm-config-removed
COPY .npmrc /root/.npmrc
RUN rm /root/.npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20 AS npm-written-in-a-branch
ARG CACHE
RUN if [ -n "$CACHE" ]; then echo "cache=$CACHE" > ~/.npmrc; fi
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM node:20 AS npm-key-from-a-variable
ARG KEY=cache
RUN echo "${KEY}=/srv/npm" > ~/.npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM python:3.12-slim AS pip-printf-global-config
RUN printf '[global]\ncache-dir = /var/cache/pip\n' > /etc/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/var/cache/pip pip install -r requirements.txt

FROM python:3.12-slim AS pip-index-only
RUN printf '[global]\nindex-url = http://mirror.internal/simple\ntrusted-host = mirror.internal\n' > /etc/pip.conf
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt

FROM python:3.12-slim AS pip-config-by-tee
RUN echo "[global]" | tee /etc/pip.conf
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM node:20 AS yarn-berry-project-config
WORKDIR /app
COPY package.json yarn.lock ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/srv/yarn/cache corepack enable && echo "globalFolder: /srv/yarn" >> .yarnrc.yml && yarn install --immutable
