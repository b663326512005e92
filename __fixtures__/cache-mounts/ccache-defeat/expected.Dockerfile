FROM debian:bookworm
RUN --mount=type=cache,target=/root/.cache/ccache CC="ccache gcc" make
