FROM debian:bookworm-slim
WORKDIR /site
RUN curl -fsSL -o /tmp/hugo.tar.gz https://example.com/hugo.tar.gz \
    && tar -xzf /tmp/hugo.tar.gz -C /usr/local/bin hugo \
    && tar xzf /tmp/hugo.tar.gz -C /opt LICENSE README.md \
    && rm /tmp/hugo.tar.gz
RUN curl -fsSL -o /tmp/k.zip https://example.com/k.zip && unzip -q /tmp/k.zip kubectl -d /usr/local/bin && rm /tmp/k.zip
COPY . .
RUN hugo --minify
