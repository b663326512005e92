FROM node:20 AS root-npmrc
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/npm-cache npm ci

FROM node:20 AS relative
WORKDIR /web
COPY web/package.json web/.npmrc ./
RUN --mount=type=cache,target=/web/.cache/npm npm ci

FROM node:20 AS pnpm
WORKDIR /repo
COPY pnpm/ ./
RUN --mount=type=cache,target=/pnpm-store pnpm install --frozen-lockfile

FROM node:20 AS berry
WORKDIR /b
COPY berry .
RUN --mount=type=cache,target=/yarn-global/cache yarn install --immutable

FROM node:20 AS v1
WORKDIR /v1
COPY v1/.yarnrc v1/package.json ./
RUN --mount=type=cache,target=/yarn-v1-cache,sharing=locked yarn install --frozen-lockfile

FROM node:20 AS variable
WORKDIR /e
COPY envvar/ .
RUN npm ci

FROM node:20 AS elsewhere
WORKDIR /other
# not the folder npm runs in
COPY .npmrc /config/.npmrc
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20 AS ignored
WORKDIR /i
COPY ignored/ .
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20 AS env-wins
ENV npm_config_cache=/env-cache
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/env-cache npm ci

FROM root-npmrc AS inherited
RUN --mount=type=cache,target=/npm-cache npm install left-pad

FROM node:20 AS nested
WORKDIR /m
COPY mono/ .
# the .npmrc nearest the folder npm runs in counts
WORKDIR /m/apps/api
RUN --mount=type=cache,target=/api-cache npm ci

FROM node:20 AS prefix
WORKDIR /m
COPY mono/ .
# npm works in the folder --prefix gives
RUN --mount=type=cache,target=/api-cache npm --prefix /m/apps/api ci
RUN --mount=type=cache,target=/api-cache npm ci --prefix=apps/api
RUN --mount=type=cache,target=/mono-cache npm ci
