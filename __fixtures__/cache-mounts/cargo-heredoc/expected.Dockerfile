FROM rust:1.80
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked <<EOF
cargo fetch
cargo build --release --offline
EOF
