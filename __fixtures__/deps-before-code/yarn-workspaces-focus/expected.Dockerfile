FROM node:20-slim
WORKDIR /app
RUN corepack enable
COPY package.json yarn.lock .yarnrc.yml ./
COPY packages/api/package.json ./packages/api/
COPY packages/web/package.json ./packages/web/
RUN yarn workspaces focus api --production
COPY . .
CMD ["node", "packages/api/index.js"]
