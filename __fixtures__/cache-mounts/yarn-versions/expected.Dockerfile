# Which Yarn runs decides which cache it fills: each stage shows it differently
FROM node:20 AS package-manager-v1
WORKDIR /app
COPY pm-v1/ ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install

FROM node:20 AS package-manager-v4
WORKDIR /app
COPY pm-v4/package.json ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install

FROM node:20 AS yarn-path-v3
WORKDIR /app
COPY path-v3/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install

FROM node:20 AS yarn-path-v1
WORKDIR /app
COPY path-v1/ ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --immutable

FROM node:20 AS lockfile-v1
WORKDIR /app
COPY lock-v1/package.json lock-v1/yarn.lock* ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --immutable

FROM node:20 AS lockfile-berry
WORKDIR /app
COPY lock-berry/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --frozen-lockfile

FROM node:20 AS yarnrc-v1
WORKDIR /app
COPY rc-v1/ ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn

FROM node:20 AS bind-mounted
WORKDIR /app
RUN --mount=type=bind,source=lock-v1,target=/app --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --immutable

FROM node:20 AS berry-only-command
WORKDIR /app
COPY plain/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn dlx cowsay hi

FROM node:20 AS set-version
WORKDIR /app
COPY plain/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn set version 3.8.1 && yarn install

FROM node:20 AS corepack-default
RUN corepack enable && corepack prepare yarn@stable --activate
WORKDIR /app
COPY plain/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install

# packageManager says Yarn 4, the lockfile Yarn 1: not known
FROM node:20 AS disagree
WORKDIR /app
COPY mixed/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked --mount=type=cache,target=/root/.yarn/berry/cache yarn install

# nothing shows it: both caches, as before
FROM node:20 AS unknown
WORKDIR /app
COPY plain/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked --mount=type=cache,target=/root/.yarn/berry/cache yarn install
