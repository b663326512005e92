FROM python:3.11-slim
RUN useradd -m -u 1001 app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001 python -m pip install --user black
