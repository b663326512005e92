FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc \
    && rm -rf /var/lib/apt/lists/* /var/cache/*
RUN pip install --no-cache-dir numpy && rm -rf /root/.cache
RUN --mount=type=cache,target=/root/.cache/pip pip install flask
