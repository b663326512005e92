# syntax=docker/dockerfile:1
FROM python:3.11
ENV PIP_BREAK_SYSTEM_PACKAGES=1
WORKDIR /app
COPY requirements.txt .
COPY wheels/ ./wheels/
RUN --mount=type=cache,target=/root/.cache/pip pip install --no-index --find-links ./wheels -r requirements.txt
COPY . .
CMD ["python3", "app.py"]
