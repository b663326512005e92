FROM rust:1.75
WORKDIR /src
COPY . .
# --autoclean: git checkouts in the image, extracted sources in the mount: it stays
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo install cargo-cache && cargo build --release && cargo cache -a
# removing folders deletes downloads in the mounts and checkouts in the image: no mount
RUN cargo build --release && cargo cache --remove-dir=all
RUN cargo build --release && cargo cache trim --limit 100M
# surplus crate versions are in the registry mount only: it goes
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo build --release
# a dry run deletes nothing
RUN --mount=type=cache,target=/usr/local/cargo/registry,sharing=locked --mount=type=cache,target=/usr/local/cargo/git/db,sharing=locked cargo build --release && cargo cache -r all -n
