FROM gcc:13 AS build
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends cmake ccache
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/ccache CC="ccache gcc" CXX="ccache g++" make -j"$(nproc)"

FROM debian:bookworm-slim
COPY --from=build /src/app /usr/local/bin/app
