FROM node:18
USER 1000
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm install -g pnpm@9
FROM python:3.11 AS unknown-uid
USER 1234:1234
RUN pip install --no-cache-dir requests
