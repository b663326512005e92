FROM debian:bookworm AS debian
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y --no-install-recommends cmake g++ make ccache
ENV PATH=/usr/lib/ccache:$PATH
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/ccache cmake -B build -DCMAKE_BUILD_TYPE=Release && cmake --build build -j"$(nproc)"

FROM alpine:3.20 AS alpine
RUN --mount=type=cache,target=/etc/apk/cache,sharing=locked apk add --update-cache build-base ccache
ENV PATH="/usr/lib/ccache/bin:${PATH}"
COPY . /src
RUN --mount=type=cache,target=/root/.cache/ccache make -C /src

FROM debian:bookworm AS exported
COPY . /src
RUN --mount=type=cache,target=/root/.cache/ccache export PATH=/usr/lib/ccache:$PATH && make -C /src

FROM debian:bookworm AS last-in-path
ENV PATH=$PATH:/usr/lib/ccache
COPY . /src
RUN make -C /src
