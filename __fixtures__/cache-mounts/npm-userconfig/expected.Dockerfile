# NPM_CONFIG_USERCONFIG and NPM_CONFIG_GLOBALCONFIG move npm's config files, NPM_CONFIG_PREFIX
# its global one; pnpm reads them too, and its own rc under XDG_CONFIG_HOME.
FROM node:20 AS userconfig
ENV NPM_CONFIG_USERCONFIG=/etc/app/npmrc
COPY cache.npmrc /etc/app/npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/var/cache/npm npm ci

FROM node:20 AS userconfig-elsewhere
# npm no longer reads ~/.npmrc
ENV npm_config_userconfig=/etc/app/npmrc
COPY cache.npmrc /root/.npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20 AS globalconfig
ENV NPM_CONFIG_GLOBALCONFIG=/etc/npmrc
COPY cache.npmrc /etc/npmrc
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/var/cache/npm npm ci

FROM node:20 AS prefix
USER node
ENV NPM_CONFIG_PREFIX=/home/node/.npm-global
COPY --chown=node cache.npmrc /home/node/.npm-global/etc/npmrc
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/var/cache/npm,uid=1000,gid=1000 npm ci

FROM node:20 AS variable
ARG NPMRC
ENV NPM_CONFIG_USERCONFIG=$NPMRC
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

FROM node:20 AS pnpm-xdg
ENV XDG_CONFIG_HOME=/etc/xdg-config
COPY store.rc /etc/xdg-config/pnpm/rc
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/var/cache/pnpm pnpm install --frozen-lockfile

FROM node:20 AS relative-prefix
WORKDIR /app
COPY sub/ sub/
# npm reads a relative cache against the folder it runs in, not the --prefix one
RUN --mount=type=cache,target=/app/.npm-cache npm ci --prefix sub
