FROM node:20
USER node
RUN --mount=type=cache,target=/home/node/.local/share/pnpm/store,uid=1000,gid=1000 pnpm fetch --prod
