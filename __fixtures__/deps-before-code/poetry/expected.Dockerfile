FROM python:3.11
RUN pip install poetry==1.8.3
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /code
COPY pyproject.toml poetry.lock ./
COPY libs/shared/ ./libs/shared/
RUN poetry install --no-interaction --only main --no-root
COPY . .
RUN poetry install --no-interaction --only main
