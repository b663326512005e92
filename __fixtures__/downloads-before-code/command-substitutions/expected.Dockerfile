# What a command substitution runs counts: `$(cat VERSION)` reads the copied code,
# `$(uname -m)` and `$(dpkg --print-architecture)` read nothing of it.
FROM debian:bookworm AS arch-in-the-url
WORKDIR /app
RUN curl -fsSL "https://example.com/tool-$(uname -m).tar.gz" | tar -xz -C /usr/local/bin
RUN ARCH="$(dpkg --print-architecture)" && \
    curl -fsSLo /usr/local/bin/yq "https://example.com/yq_linux_${ARCH}" && \
    chmod +x /usr/local/bin/yq
COPY . .
RUN make

FROM debian:bookworm AS version-from-a-copied-file
WORKDIR /src
COPY . .
RUN curl -sSfL https://example.com/install.sh | sh -s -- -b /usr/local/bin "v$(cat .golangci-version)"
RUN make

FROM debian:bookworm AS version-in-an-assignment
WORKDIR /src
COPY . .
RUN V=$(cat VERSION) && curl -fsSL "https://example.com/dists/$V/Release" -o /tmp/Release
RUN make

FROM debian:bookworm AS bash-reads-a-file
SHELL ["/bin/bash", "-c"]
WORKDIR /src
COPY . .
RUN curl -fsSL "https://example.com/tool-$(<VERSION).tgz" -o /tmp/tool.tgz
RUN make
