FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk update && apk add git openssh-client
