FROM node:20
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked --mount=type=cache,target=/root/.yarn/berry/cache yarn install --frozen-lockfile
