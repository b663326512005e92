# syntax=docker/dockerfile:1.7
# Build image for the API
FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update
