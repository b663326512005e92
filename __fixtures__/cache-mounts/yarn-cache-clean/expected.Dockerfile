# Yarn 1 empties its cache whatever the flags: each goes with the mount
FROM node:20 AS v1
WORKDIR /app
COPY v1/ ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --frozen-lockfile
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install --frozen-lockfile

# The global cache is off: plain clean empties the project's .yarn/cache (in the image) and
# stays; --all empties that and the global cache (the mount): no mount; --mirror goes
FROM node:20 AS off
WORKDIR /app
COPY off/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable && yarn cache clean
RUN corepack enable && yarn install --immutable && yarn cache clean --all
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# Yarn 4 with node-modules: the global cache is on (its default), the cache folder is the
# mount, and every clean goes
FROM node:20 AS on4
WORKDIR /app
COPY on4/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# Yarn 2 or later, which one not known: whether the global cache is on is not known either
FROM node:20 AS berry
WORKDIR /app
COPY berry/ ./
RUN corepack enable && yarn install --immutable && yarn cache clean
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# Yarn 3: the global cache is off by default
FROM node:20 AS v3
WORKDIR /app
COPY v3/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable && yarn cache clean
RUN corepack enable && yarn install --immutable && yarn cache clean --all

# Which Yarn runs is not known: Yarn 1's clean empties its mount, Berry's the project's folder
FROM node:20 AS unknown
WORKDIR /app
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install && yarn cache clean
