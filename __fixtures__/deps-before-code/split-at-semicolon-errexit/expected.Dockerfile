FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN set -eux; \
    pip install -r requirements.txt
COPY . .
RUN set -eux && python -m compileall .
