# The project already keeps the global cache off: no ENV
FROM node:20 AS rc-off
WORKDIR /app
COPY off/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# The project keeps its packages in the global cache (Plug'n'Play loads them from there)
FROM node:20 AS rc-on
WORKDIR /app
COPY on/ ./
RUN corepack enable && yarn install --immutable

# ... but with the node-modules linker nothing loads them from there at run time
FROM node:20 AS rc-on-node-modules
WORKDIR /app
COPY on-nm/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# cacheFolder is where packages go with the global cache off: in the image, never mounted
FROM node:20 AS rc-cache-folder
WORKDIR /app
COPY cache-folder/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

FROM node:20 AS env-off
ENV YARN_ENABLE_GLOBAL_CACHE=0
WORKDIR /app
COPY v4/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

FROM node:20 AS env-on
ENV YARN_ENABLE_GLOBAL_CACHE=true
WORKDIR /app
COPY v4/ ./
RUN corepack enable && yarn install --immutable

FROM node:20 AS env-arg
ARG YARN_ENABLE_GLOBAL_CACHE
WORKDIR /app
COPY v4/ ./
RUN corepack enable && yarn install --immutable

FROM node:20 AS env-linker
WORKDIR /app
COPY v4/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && YARN_NODE_LINKER=node-modules yarn install --immutable

FROM node:20 AS home-rc
COPY home/.yarnrc.yml /root/.yarnrc.yml
WORKDIR /app
COPY v4/ ./
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable

# Which Yarn runs is not known: Yarn 1's cache still gets its mount
FROM node:20 AS env-on-unknown-version
ENV YARN_ENABLE_GLOBAL_CACHE=true
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked yarn install

# Yarn 2+'s `yarn cache clean` empties the project's cache folder (in the image): it stays
FROM node:20 AS berry-cache-clean
WORKDIR /app
COPY v4/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable && yarn cache clean

# ... its mirror is the mount
FROM node:20 AS berry-mirror-clean
WORKDIR /app
COPY v4/ ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache corepack enable && yarn install --immutable
