# With /var/lib/apt/lists mounted, the lists an apt-get update writes are in the cache
# mount only: every RUN that reads them must update them itself.
FROM debian:bookworm AS update-in-its-own-run
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl

FROM debian:bookworm AS base
RUN apt-get update && apt-get install -y --no-install-recommends libpq5

FROM base AS dev
RUN apt-get install -y --no-install-recommends git make

FROM debian:bookworm AS script-without-update
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
COPY scripts/install-deps.sh /tmp/
RUN /tmp/install-deps.sh

FROM debian:bookworm AS script-that-updates
RUN apt-get update && apt-get install -y --no-install-recommends build-essential
COPY scripts/update-and-install.sh /tmp/
RUN sh /tmp/update-and-install.sh

FROM debian:bookworm AS xargs-after-update
COPY packages.txt /tmp/packages.txt
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && xargs -a /tmp/packages.txt apt-get install -y --no-install-recommends
