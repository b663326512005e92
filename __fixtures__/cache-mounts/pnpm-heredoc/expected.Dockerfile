FROM node:20
RUN --mount=type=cache,target=/pnpm-store <<EOF
pnpm install --store-dir /pnpm-store --frozen-lockfile
EOF
