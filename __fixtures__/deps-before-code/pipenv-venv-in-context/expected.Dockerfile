# --system installs into the image's Python: a .venv in the context is no install's
FROM python:3.11 AS system
RUN pip install pipenv
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --system --deploy
COPY . .

# Pipenv installs into a .venv it finds in the project
FROM python:3.11 AS found
RUN pip install pipenv
WORKDIR /app
COPY . .
RUN pipenv install --deploy

# ... and makes one with PIPENV_VENV_IN_PROJECT
FROM python:3.11 AS in-project
ENV PIPENV_VENV_IN_PROJECT=1
RUN pip install pipenv
WORKDIR /app
COPY . .
RUN pipenv sync

# In an active virtualenv Pipenv installs there
FROM python:3.11 AS active-venv
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv /opt/venv && /opt/venv/bin/pip install pipenv
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pipenv install --deploy
COPY . .
