FROM python:3.11
COPY Pipfile Pipfile.lock ./
RUN --mount=type=cache,target=/root/.cache/pipenv pipenv install --deploy --system
