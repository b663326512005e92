# syntax=docker/dockerfile:1
FROM node:18
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm \
    npm ci
CMD ["node", "index.js"]
