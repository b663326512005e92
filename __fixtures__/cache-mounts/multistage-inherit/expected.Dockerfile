FROM node:18 AS base
RUN useradd -u 2000 -m builder
USER builder
WORKDIR /home/builder/app

FROM base AS deps
RUN --mount=type=cache,target=/home/builder/.npm,uid=2000 npm ci

FROM base AS runtime
USER root
RUN --mount=type=cache,target=/root/.npm npm install -g serve
