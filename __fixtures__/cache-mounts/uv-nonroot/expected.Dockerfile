FROM python:3.12-slim
RUN useradd -m -u 10001 app
USER app
WORKDIR /home/app/src
ENV UV_LINK_MODE=copy
RUN --mount=type=cache,target=/home/app/.cache/uv,uid=10001 uv sync --locked
