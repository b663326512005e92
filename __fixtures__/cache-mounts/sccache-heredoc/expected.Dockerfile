FROM rust:1.80
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked --mount=type=cache,target=/root/.cache/sccache <<EOF
set -e
sccache --start-server
RUSTC_WRAPPER=sccache cargo build --release
sccache --show-stats
EOF
