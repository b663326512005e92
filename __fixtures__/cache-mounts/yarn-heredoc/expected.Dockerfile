FROM node:20
WORKDIR /app
ENV YARN_ENABLE_GLOBAL_CACHE=false
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn,sharing=locked --mount=type=cache,target=/root/.yarn/berry/cache <<EOF
yarn install --immutable
yarn build
EOF
