FROM oven/bun:1
RUN --mount=type=cache,target=/root/.bun/install/cache bun install --production
