FROM debian:bookworm
WORKDIR /srv
RUN curl -fsSL -o /tmp/node.tar.gz https://nodejs.org/dist/v20.0.0/node-v20.0.0-linux-x64.tar.gz && \
    tar -xzf /tmp/node.tar.gz -C /opt && rm /tmp/node.tar.gz
RUN git clone --depth 1 https://github.com/example/data /opt/data
RUN curl -sSf https://sh.rustup.rs | sh -s -- -y
COPY app.sh /srv/
CMD ["/srv/app.sh"]
