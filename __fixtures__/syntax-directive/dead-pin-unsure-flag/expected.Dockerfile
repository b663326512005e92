# syntax=docker/dockerfile:1
# Worker
# syntax=docker/dockerfile:1.9
FROM debian:bookworm
RUN --network=none make -C /src
RUN --security=insecure make -C /src test
