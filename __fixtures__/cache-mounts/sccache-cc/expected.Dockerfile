FROM debian:bookworm
ENV CMAKE_C_COMPILER_LAUNCHER=sccache CMAKE_CXX_COMPILER_LAUNCHER=sccache
RUN --mount=type=cache,target=/root/.cache/sccache cmake --build build -j
