# an update in every branch of an if/else runs before what follows, whichever is taken
FROM debian:bookworm-slim AS install-in-each-branch
ARG VARIANT=full
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
 --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
 if [ "$VARIANT" = full ]; then apt-get update && apt-get install -y --no-install-recommends curl; else apt-get update && apt-get install -y --no-install-recommends wget; fi

FROM debian:bookworm-slim AS install-after-the-branches
ARG MIRROR=
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
	--mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
	set -eux; \
	if [ -n "$MIRROR" ]; then \
		sed -i "s|http://deb.debian.org|$MIRROR|g" /etc/apt/sources.list.d/debian.sources; \
		apt-get update; \
	elif [ -f /etc/apt/apt.conf.d/proxy ]; then \
		apt-get -o Acquire::Retries=3 update; \
	else \
		apt-get update; \
	fi; \
	apt-get install -y --no-install-recommends curl
