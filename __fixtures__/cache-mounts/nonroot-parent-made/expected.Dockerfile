# for a user other than root, a mount whose parent folder an earlier RUN made (and no later
# one removed) is safe: BuildKit leaves an existing folder as it is
FROM node:20 AS made
USER node
RUN mkdir -p /home/node/.cache/puppeteer
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 yarn install --frozen-lockfile

FROM node:20 AS removed
USER node
RUN mkdir -p /home/node/.cache && echo ok
RUN rm -rf /home/node/.cache/*
RUN rm -rf /home/node/.cache
RUN yarn install --frozen-lockfile

FROM node:20 AS contents-removed
USER node
RUN mkdir -p /home/node/.cache
# the folder stays; only what is in it goes
RUN rm -rf /home/node/.cache/*
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 yarn install --frozen-lockfile

FROM node:20 AS braces
USER node
RUN mkdir -p /home/node/.cache
# a brace group may name it: taken as removed
RUN rm -rf /home/node/{.cache,.npm}
RUN yarn install --frozen-lockfile

FROM node:20 AS same-run
USER node
# made in the same RUN: too late, the mount is set up before the RUN starts
RUN mkdir -p /home/node/.cache && yarn install --frozen-lockfile

FROM node:20 AS guarded
USER node
RUN mkdir -p /home/node/.cache || true
RUN yarn install --frozen-lockfile
