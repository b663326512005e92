FROM node:18
# Yarn 4 from the npm registry (corepack would fetch it from elsewhere)
RUN --mount=type=cache,target=/root/.npm npm install -g @yarnpkg/cli-dist@4.5.3
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable
COPY . .
CMD ["yarn", "node", "index.js"]
