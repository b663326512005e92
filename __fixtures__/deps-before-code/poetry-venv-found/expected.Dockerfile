# With virtualenvs.in-project not set, Poetry installs into a .venv it finds in the project
# (also with virtualenvs.create false): here the context's
FROM python:3.11 AS not-set
RUN pip install poetry==1.8.3
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /app
COPY . .
RUN poetry install --no-interaction

# Set to true by an earlier RUN: the install writes .venv, which the copy would overwrite
FROM python:3.11 AS config-true
RUN pip install poetry==1.8.3 && poetry config virtualenvs.in-project true
WORKDIR /app
COPY . .
RUN poetry install --no-interaction

# From a build argument: not known
FROM python:3.11 AS arg
ARG POETRY_VIRTUALENVS_IN_PROJECT
RUN pip install poetry==1.8.3
WORKDIR /app
COPY . .
RUN poetry install --no-interaction

# Set to false: Poetry leaves a .venv in the project alone
FROM python:3.11 AS env-false
ENV POETRY_VIRTUALENVS_IN_PROJECT=false
RUN pip install poetry==1.8.3
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-interaction --no-root
COPY . .
RUN poetry install --no-interaction

# In an active virtualenv Poetry installs there
FROM python:3.11 AS active-venv
ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv && pip install poetry==1.8.3
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-interaction --no-root
COPY . .
RUN poetry install --no-interaction
