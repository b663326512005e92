FROM oven/bun:1
USER bun
RUN --mount=type=cache,target=/home/bun/.bun/install/cache,uid=1000,gid=1000 bun install --production
