FROM node:20
USER node
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/home/node/.cache/yarn,sharing=locked,uid=1000,gid=1000 --mount=type=cache,target=/home/node/.yarn/berry/cache,uid=1000,gid=1000 yarn
