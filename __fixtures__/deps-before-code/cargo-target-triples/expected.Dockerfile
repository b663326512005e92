FROM rust:1.63 AS literal
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked --target x86_64-unknown-linux-musl && rm -rf src target/x86_64-unknown-linux-musl/release/.fingerprint/hello-web-????????????????
COPY . .
RUN cargo build --release --locked --target x86_64-unknown-linux-musl

FROM rust:1.63 AS env
ENV CARGO_BUILD_TARGET=aarch64-unknown-linux-gnu
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked && rm -rf src target/aarch64-unknown-linux-gnu/release/.fingerprint/hello-web-????????????????
COPY . .
RUN cargo build --release --locked

FROM rust:1.63 AS known-at-build-time
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked --target "$(cat /rust_target)"

FROM rust:1.63 AS target-dir
ENV CARGO_TARGET_DIR=/build
WORKDIR /usr/src/app
COPY . .
RUN cargo build --release --locked
