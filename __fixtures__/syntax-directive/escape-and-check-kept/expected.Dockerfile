# syntax=docker/dockerfile:1
# escape=\
# check=skip=JSONArgsRecommended
FROM debian:bookworm
COPY --link app /app
