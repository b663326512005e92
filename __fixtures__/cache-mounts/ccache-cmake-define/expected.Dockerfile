FROM debian:bookworm AS build
ENV CCACHE_DIR=/ccache
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/ccache \
      cmake -S . -B build -G Ninja \
      -DCMAKE_C_COMPILER_LAUNCHER=ccache \
      -DCMAKE_CXX_COMPILER_LAUNCHER:STRING=/usr/bin/ccache \
    && cmake --build build \
    && ccache --show-stats

FROM debian:bookworm AS cuda
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/sccache cmake -S . -B build -D CMAKE_CUDA_COMPILER_LAUNCHER=sccache && cmake --build build -j

# a preprocessor macro, and a launcher that is not a compiler cache: no mount
FROM debian:bookworm AS other
RUN gcc -DCMAKE_C_COMPILER_LAUNCHER=ccache -c main.c
RUN cmake -S . -B build -DCMAKE_CXX_COMPILER_LAUNCHER=distcc && cmake --build build
