FROM debian:bookworm
ENV CCACHE_DIR=/ccache CMAKE_C_COMPILER_LAUNCHER=ccache
RUN --mount=type=cache,target=/ccache cmake -S . -B build && cmake --build build
