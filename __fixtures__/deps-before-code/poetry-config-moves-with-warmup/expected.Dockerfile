FROM python:3.11-slim
RUN pip install poetry==1.8.2
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry config virtualenvs.create false
RUN poetry install --only main --no-interaction --no-root
COPY . .
RUN poetry install --only main --no-interaction
CMD ["python", "-m", "app"]
