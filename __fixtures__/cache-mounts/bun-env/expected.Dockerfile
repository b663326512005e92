FROM oven/bun:1
ENV BUN_INSTALL_CACHE_DIR=/opt/bun-cache
RUN --mount=type=cache,target=/opt/bun-cache bun install
