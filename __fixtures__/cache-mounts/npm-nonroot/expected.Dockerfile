FROM node:20-slim
USER node
WORKDIR /home/node/app
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm install --omit=dev
