FROM debian:bookworm-slim

# the lists and the packages deleted by find, as some images do
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends less

# -exec rm, a relative starting point, and one that is not a cache
WORKDIR /var/lib/apt
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends file \
    && find /usr/share/doc -mindepth 1 -exec rm -rf {} + \
    && find /var/cache/apt -name '*.bin' -print

# above the mount: it would delete from the shared cache, so no mount there
RUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    apt-get update && apt-get install -y --no-install-recommends jq \
    && find /var/cache -type f -delete
