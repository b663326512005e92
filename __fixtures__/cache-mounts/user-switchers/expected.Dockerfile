FROM node:18 AS web
WORKDIR /app
COPY package.json package-lock.json ./
# gosu and runuser keep the environment and set HOME to the user's home
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 gosu node npm ci
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 runuser -u node -- npm ci --omit=dev
RUN --mount=type=cache,target=/root/.npm gosu root npm ci
RUN gosu node:node npm ci && npm ci
RUN gosu nobody-here npm ci
RUN chpst -u node npm ci
USER node
RUN gosu node npm ci

FROM python:3.11-alpine AS api
RUN addgroup -g 1001 -S app && adduser -u 1001 -S -G app -h /home/app app
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache su-exec
WORKDIR /srv
COPY requirements.txt ./
RUN su-exec app:app pip install --user -r requirements.txt
