# A RUN that changes folder before the tool: the cd is followed when the tool can tell
# where it goes (an absolute or relative literal path, home), and not through a subshell.
FROM rust:1.80 AS absolute
COPY . /app
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/app/target,sharing=locked cd /app && cargo build --release && cp target/release/api /usr/local/bin/api

FROM rust:1.80 AS relative
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked \
    --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked \
    --mount=type=cache,target=/src/api/target,sharing=locked \
    cd api \
    && cargo build --release \
    && cp target/release/api /usr/local/bin/api

FROM rust:1.80 AS subshell-cd-does-not-count
WORKDIR /build
COPY api/ .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/build/target,sharing=locked (cd /tmp && echo warm) && cargo build --release && cp target/release/api /usr/local/bin/

FROM rust:1.80 AS unknown-folder
ARG APP_DIR=/app
COPY . ${APP_DIR}
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cd $APP_DIR && cargo build --release && cp target/release/api /usr/local/bin/

FROM rust:1.80 AS cd-that-may-fail
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cd api || true; cargo build --release && cp target/release/api /usr/local/bin/

FROM node:20 AS npm-config-in-the-folder
WORKDIR /srv
COPY web/.npmrc web/package.json web/package-lock.json /app/web/
RUN --mount=type=cache,target=/var/cache/npm cd /app/web && npm ci

FROM node:20 AS npm-config-elsewhere
WORKDIR /srv
COPY web/.npmrc web/package.json web/package-lock.json /app/web/
RUN --mount=type=cache,target=/var/cache/npm cd /tmp && npm ci --prefix /app/web
