FROM node:20
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.npm npm ci && npm run build
CMD ["npx", "next", "start"]
