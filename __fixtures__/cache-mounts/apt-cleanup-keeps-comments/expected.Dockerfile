FROM swift:5.10-jammy
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
    export DEBIAN_FRONTEND=noninteractive \
    && apt-get -q update \
    && apt-get -q install -y \
      libjemalloc2 \
      tzdata
# If your app imports FoundationNetworking, also install `libcurl4`.
      # libcurl4 \

RUN useradd --system vapor
