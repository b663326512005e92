# Which Yarn runs is not known: YARN_CACHE_FOLDER may be where Yarn 2+ keeps its packages
FROM node:20 AS unknown
ENV YARN_CACHE_FOLDER=/tmp/yarn-cache YARN_GLOBAL_FOLDER=/opt/yarn-berry
RUN corepack enable && yarn install --immutable

# Yarn 1 (only it takes --production): its cache is where YARN_CACHE_FOLDER says
FROM node:20 AS v1
ENV YARN_CACHE_FOLDER=/tmp/yarn-cache
RUN --mount=type=cache,target=/tmp/yarn-cache,sharing=locked yarn install --frozen-lockfile --production

# Yarn 4: YARN_GLOBAL_FOLDER moves its global cache; YARN_CACHE_FOLDER is where packages stay
FROM node:20 AS berry
ENV YARN_CACHE_FOLDER=/tmp/yarn-cache YARN_GLOBAL_FOLDER=/opt/yarn-berry
WORKDIR /app
COPY package.json ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/opt/yarn-berry/cache corepack enable && yarn install --immutable

FROM node:20 AS xdg
ENV XDG_CACHE_HOME=/xdg/cache XDG_DATA_HOME=/xdg/data
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/xdg/cache/yarn,sharing=locked --mount=type=cache,target=/xdg/data/yarn/berry/cache yarn install
