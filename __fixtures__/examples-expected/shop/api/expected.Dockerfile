FROM node:18

ENV NODE_ENV=production
WORKDIR /usr/src/app

COPY package.json package-lock.json .npmrc ./

# Install production dependencies only
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev
# Bundle app source
COPY . .

EXPOSE 8080
CMD ["node", "server.js"]
