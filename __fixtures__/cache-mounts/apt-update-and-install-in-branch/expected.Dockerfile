# the install runs only after the update of its own branch
FROM debian:bookworm-slim
ARG WITH_CURL=yes
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
 --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
 if [ "$WITH_CURL" = yes ]; then apt-get update && apt-get install -y --no-install-recommends curl; fi
