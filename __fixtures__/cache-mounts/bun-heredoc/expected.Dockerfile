FROM oven/bun:1
RUN --mount=type=cache,target=/root/.bun/install/cache <<EOF
bun install --frozen-lockfile
bun run build
EOF
