# syntax=docker/dockerfile:1
# apt that runs where no mount goes (a piped installer, an ONBUILD for child images) would
# keep its packages in the image: no keep-cache then.
FROM debian:bookworm AS piped-installer
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
RUN curl -fsSL https://get.docker.com | sh

FROM debian:bookworm AS onbuild-apt
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends curl
ONBUILD RUN apt-get update && apt-get install -y --no-install-recommends git
