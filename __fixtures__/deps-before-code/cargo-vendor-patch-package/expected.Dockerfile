FROM rust:1.79-slim
WORKDIR /usr/src/app
COPY Cargo.toml Cargo.lock ./
COPY .cargo/config.toml ./.cargo/
COPY server/Cargo.toml ./server/
COPY xtask/Cargo.toml ./xtask/
COPY third_party/tinydep/ ./third_party/tinydep/
COPY vendor/ ./vendor/
RUN mkdir -p server/src && echo 'fn main() {}' > server/src/main.rs && touch server/src/lib.rs && mkdir -p xtask/src && echo 'fn main() {}' > xtask/src/main.rs && touch xtask/src/lib.rs && cargo build --release --offline -p server && rm -rf server/src xtask/src target/release/.fingerprint/server-???????????????? target/release/.fingerprint/xtask-????????????????
COPY . .
RUN cargo build --release --offline -p server
CMD ["./target/release/server"]
