FROM debian:bookworm
RUN --mount=type=cache,target=/root/.cache/ccache <<EOF
export CC="ccache gcc"
make -j"$(nproc)"
EOF
