FROM debian:bookworm AS bash
SHELL ["/bin/bash", "-eo", "pipefail", "-c"]
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
 --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
 apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/{cache,log}/

FROM debian:bookworm AS bash-all-caches
SHELL ["/bin/bash", "-c"]
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl

FROM debian:bookworm AS sh-keeps-braces
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/{apt,log}/
