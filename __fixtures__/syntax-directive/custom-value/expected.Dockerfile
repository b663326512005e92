# syntax=docker.io/docker/dockerfile:1.10
FROM node:20
COPY --chmod=755 run.sh /run.sh
