FROM registry.example.com/platform/python-node-base:3.12 AS app
WORKDIR /app
# the image may run as its own user, whose caches would then stay in the image
RUN pip install --no-cache-dir -r requirements.txt
RUN npm ci && npm cache clean --force
# nothing turns these caches off: a mount is harmless whoever runs them
RUN --mount=type=cache,target=/root/.cache/pip pip install -r dev-requirements.txt
RUN --mount=type=cache,target=/root/.npm npm install
ENV PIP_NO_CACHE_DIR=1
RUN pip install gunicorn

FROM app AS worker
RUN pip install celery

FROM registry.example.com/platform/python-node-base:3.12 AS tools
USER root
RUN --mount=type=cache,target=/root/.cache/pip pip install awscli
