FROM alpine:3.20
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked \
	set -eux; \
	apk add --update-cache --virtual .build-deps gcc musl-dev; \
	apk add tzdata; \
	apk add --no-network --virtual .run-deps libgcc; \
	apk del --no-network .build-deps

FROM alpine:3.20 AS branch
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked if [ -n "$DEV" ]; then apk add --update-cache gdb; fi && apk add --update-cache curl

FROM rockylinux:9 AS yum-each-command
RUN --mount=type=cache,target=/var/cache/dnf,sharing=locked --mount=type=cache,target=/var/cache/yum,sharing=locked yum -y install --setopt=keepcache=1 epel-release && yum -y install --setopt=keepcache=1 jq
