FROM node:18 AS build
WORKDIR /srv
COPY package.json package-lock.json .npmrc /srv/
COPY packages/api/package.json /srv/packages/api/
COPY packages/web/package.json /srv/packages/web/
COPY patches/ /srv/patches/
RUN npm ci --workspaces
COPY . /srv
RUN npm run build --workspaces
