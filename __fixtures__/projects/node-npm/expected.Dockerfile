FROM node:18

ENV NODE_ENV=production
WORKDIR /app

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --loglevel=http
COPY . .

EXPOSE 3000
CMD ["node", "index.js"]
