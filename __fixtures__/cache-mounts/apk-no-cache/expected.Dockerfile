FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache curl
