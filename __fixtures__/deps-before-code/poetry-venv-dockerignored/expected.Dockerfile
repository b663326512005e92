# .dockerignore keeps the host .venv out: the in-project virtualenv comes first
FROM python:3.11
RUN pip install poetry==1.8.3
WORKDIR /app
COPY pyproject.toml poetry.lock poetry.toml ./
RUN poetry install --no-interaction --no-root
COPY . .
RUN poetry install --no-interaction
