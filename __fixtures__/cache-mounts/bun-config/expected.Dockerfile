# bunfig.toml's install.cache and .npmrc's cache move bun's cache, but which one a bun follows
# depends on its version: no mount, and --no-cache stays.
FROM oven/bun:1 AS project-bunfig
WORKDIR /app
COPY cfg/ ./
RUN bun install --frozen-lockfile --no-cache

FROM oven/bun:1 AS global-bunfig
COPY cfg/bunfig.toml /root/.bunfig.toml
WORKDIR /app
COPY plain/package.json ./
RUN bun install

# ~/.bunfig.toml counts even with XDG_CONFIG_HOME set, to be safe
FROM oven/bun:1 AS xdg-bunfig
ENV XDG_CONFIG_HOME=/etc/cfg
COPY cfg/bunfig.toml /root/.bunfig.toml
WORKDIR /app
COPY plain/package.json ./
RUN bun install

FROM oven/bun:1 AS npmrc
WORKDIR /app
COPY npmrc/ ./
RUN bun install

# which of BUN_INSTALL_CACHE_DIR and bunfig.toml wins is not certain either
FROM oven/bun:1 AS env-and-bunfig
ENV BUN_INSTALL_CACHE_DIR=/var/cache/bun
WORKDIR /app
COPY cfg/ ./
RUN bun install

FROM oven/bun:1 AS registry-only
WORKDIR /app
COPY plain/ ./
RUN --mount=type=cache,target=/root/.bun/install/cache bun install
