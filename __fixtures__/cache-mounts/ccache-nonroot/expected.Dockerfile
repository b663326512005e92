FROM debian:bookworm
RUN useradd -m -u 1000 builder
USER builder
RUN --mount=type=cache,target=/home/builder/.cache/ccache,uid=1000 ccache gcc -O2 -c main.c
