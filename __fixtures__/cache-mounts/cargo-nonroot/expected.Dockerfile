FROM rust:1.80
RUN useradd -m -u 1000 -U rust
USER rust
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked,uid=1000 cargo install ripgrep
