FROM debian:bookworm-slim
ARG KEEP_APT_LISTS=no
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
	--mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
	set -eux; \
	apt-get update; \
	apt-get install -y --no-install-recommends file; \
	case "$KEEP_APT_LISTS" in \
		yes) echo "keeping apt lists" ;; \
		*) rm -rf /var/lib/apt/lists/* ;; \
	esac
FROM python:3.11-slim
ARG CLEAN=yes
RUN pip install flask && if [ "$CLEAN" = yes ]; then rm -rf /root/.cache/pip; fi
