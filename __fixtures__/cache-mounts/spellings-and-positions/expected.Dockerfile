FROM python:3.12-slim
# every spelling and position of a package-manager command
RUN --mount=type=cache,target=/root/.cache/pip (cd /app && pip3 install -r requirements.txt)
RUN --mount=type=cache,target=/root/.cache/pip if [ -f constraints.txt ]; then python3.12 -m pip install -c constraints.txt .; fi
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked DEBIAN_FRONTEND=noninteractive apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y tini
RUN --mount=type=cache,target=/root/.npm test -d node_modules || env NODE_ENV=production npm ci
ENV UV_LINK_MODE=copy
RUN --mount=type=cache,target=/root/.cache/uv uv pip install --system ruff
RUN echo "pip install is only text here" && python -c "import pip"
