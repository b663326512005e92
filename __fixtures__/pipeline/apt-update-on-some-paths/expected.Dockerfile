# syntax=docker/dockerfile:1
# An update only in an if without else leaves the stage with no apt mount, and then no
# keep-cache either; updates in every branch of a case (the postgres image's shape) get both.
FROM debian:bookworm-slim AS update-when-no-lists
RUN if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -type f -name '*Packages*' | head -n1)" ]; then apt-get update; fi \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

FROM debian:bookworm-slim AS update-in-each-branch
RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
	--mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
	set -ex; \
	case "$(dpkg --print-architecture)" in \
		amd64 | arm64) \
			apt-get update; \
			apt-get install -y --no-install-recommends curl; \
			;; \
		*) \
			apt-get update; \
			apt-get install -y --no-install-recommends wget; \
			;; \
	esac
