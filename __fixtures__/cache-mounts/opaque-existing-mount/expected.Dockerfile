FROM node:20-slim
RUN --mount=type=cache,target=/root/.npm npm install -g pnpm@9 && pnpm config set store-dir ~/.pnpm-store
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,id=pnpm,target=~/.pnpm-store pnpm install --frozen-lockfile
