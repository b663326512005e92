FROM ubuntu:24.04
USER ubuntu
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked sudo apt-get update && sudo apt-get install -y git
