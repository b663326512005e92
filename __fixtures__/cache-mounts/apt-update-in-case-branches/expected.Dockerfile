# The official postgres image's shape: each branch of the case updates before it installs.
FROM debian:bookworm-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
	--mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
	set -ex; \
	dpkgArch="$(dpkg --print-architecture)"; \
	case "$dpkgArch" in \
		amd64 | arm64 | ppc64el) \
			apt-get update; \
			apt-get install -y --no-install-recommends postgresql-common; \
			;; \
		*) \
			apt-get update; \
			apt-get install -y --no-install-recommends build-essential; \
			;; \
	esac
