# Yarn 1's offline mirror (.yarnrc) is copied with the manifests.
FROM node:20
WORKDIR /app
COPY package.json yarn.lock .yarnrc ./
COPY npm-packages-offline-cache/ ./npm-packages-offline-cache/
RUN yarn install --offline --frozen-lockfile --production && yarn cache clean
COPY . .
CMD ["node", "index.js"]
