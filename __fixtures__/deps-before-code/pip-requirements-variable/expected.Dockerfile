FROM python:3.11-slim AS env
ENV DJANGO_ENV=production
WORKDIR /app
COPY requirements/production.txt ./requirements/
RUN pip install -r requirements/${DJANGO_ENV}.txt
COPY . .

# Set earlier in the same RUN (exported or not): that value
FROM python:3.11-slim AS exported
WORKDIR /app
COPY requirements/dev.txt requirements/prod.txt ./requirements/
RUN export DJANGO_ENV=dev && pip install --requirement=requirements/$DJANGO_ENV.txt
COPY . .

FROM python:3.11-slim AS shell-variable
ENV DJANGO_ENV=production
WORKDIR /app
COPY requirements/prod.txt ./requirements/
RUN DJANGO_ENV=prod; pip install -r "requirements/${DJANGO_ENV}.txt"
COPY . .

# With a default the value is the variable's, when known
FROM python:3.11-slim AS default
ENV DJANGO_ENV=prod
WORKDIR /app
COPY requirements/prod.txt ./requirements/
RUN pip install -r requirements/${DJANGO_ENV:-dev}.txt
COPY . .

# A prefix assignment is not seen by the words of its own command: ENV's value counts
FROM python:3.11-slim AS prefix
ENV DJANGO_ENV=production
WORKDIR /app
COPY requirements/production.txt ./requirements/
RUN DJANGO_ENV=dev pip install -r requirements/$DJANGO_ENV.txt
COPY . .

# An ARG can be overridden with --build-arg, also through ENV
FROM python:3.11-slim AS arg
ARG DJANGO_ENV=production
ENV DJANGO_ENV=${DJANGO_ENV}
WORKDIR /app
COPY . .
RUN pip install -r requirements/${DJANGO_ENV}.txt

# Set in a branch, or by a sourced file: not known
FROM python:3.11-slim AS branch
ENV DJANGO_ENV=production
WORKDIR /app
COPY . .
RUN if [ -f .dev ]; then DJANGO_ENV=dev; fi && pip install -r requirements/$DJANGO_ENV.txt

FROM python:3.11-slim AS sourced
ENV DJANGO_ENV=production
WORKDIR /app
COPY . .
RUN . /etc/os-release && pip install -r requirements/$DJANGO_ENV.txt

# A loop over the variable
FROM python:3.11-slim AS loop
ENV DJANGO_ENV=production
WORKDIR /app
COPY . .
RUN for DJANGO_ENV in prod dev; do pip install -r requirements/$DJANGO_ENV.txt; done
