FROM python:3.11-slim
WORKDIR /app
ENV LANG=C.UTF-8 PYTHONDONTWRITEBYTECODE=1
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
