FROM rust:1.63 as builder
WORKDIR /usr/src/shortlink
COPY Cargo.toml Cargo.lock ./
RUN mkdir src \
    && echo "fn main() {}" > src/main.rs \
    && cargo build --locked \
    && rm -rf src target/debug/deps/shortlink* target/debug/shortlink*
RUN mkdir -p src && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && cargo build --release --locked && rm -rf src target/release/.fingerprint/shortlink-????????????????
COPY src ./src
RUN cargo build --release --locked
