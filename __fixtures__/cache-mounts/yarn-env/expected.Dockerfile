FROM node:20
ENV YARN_CACHE_FOLDER=/tmp/yarn-cache YARN_GLOBAL_FOLDER=/opt/yarn-berry
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/tmp/yarn-cache,sharing=locked --mount=type=cache,target=/opt/yarn-berry/cache corepack enable && yarn install --immutable
