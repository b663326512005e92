FROM alpine:3.20
RUN adduser -D -u 1000 app
USER app
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked sudo apk add -U git
