FROM node:18

ENV NODE_ENV=production
WORKDIR /usr/src/app

# Install production dependencies only
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# Bundle app source
COPY . .

EXPOSE 8080
CMD ["node", "server.js"]
