FROM node:20
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked \
 --mount=type=cache,target=/root/.yarn/berry/cache \
 yarn install --frozen-lockfile --production
