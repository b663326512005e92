FROM node:20
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --frozen-lockfile
