FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN export NODE_OPTIONS=--max-old-space-size=4096 && npm ci
COPY . .
RUN export NODE_OPTIONS=--max-old-space-size=4096 && npm run build
