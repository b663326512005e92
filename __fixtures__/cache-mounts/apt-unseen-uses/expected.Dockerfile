FROM debian:bookworm AS apt-cache-reads-lists
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN apt-cache policy jq

FROM debian:bookworm AS double-quoted-script
RUN apt-get update && apt-get install -y --no-install-recommends curl
RUN bash -c "apt-get install -y --no-install-recommends jq"

FROM debian:bookworm AS wrappers
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked timeout 300 apt-get update && eatmydata apt-get install -y --no-install-recommends curl
