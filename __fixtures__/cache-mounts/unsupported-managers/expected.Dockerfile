FROM elixir:1.16 AS build
ENV MIX_ENV=prod
WORKDIR /app
RUN mix local.hex --force && mix local.rebar --force
COPY mix.exs mix.lock ./
RUN mix deps.get --only $MIX_ENV && mix deps.compile
COPY . .
RUN mix release

FROM denoland/deno:1.44 AS deno
WORKDIR /app
COPY deps.ts .
RUN deno cache deps.ts

FROM sbtscala/scala-sbt:eclipse-temurin-17.0.10_7_1.10.0_3.4.2 AS jvm
WORKDIR /src
COPY . .
RUN sbt -Dsbt.ci=true http/assembly

FROM python:3.12-slim
# pipx is noted; the pip next to it gets its mount
RUN --mount=type=cache,target=/root/.cache/pip pip install pipx && pipx install poetry==1.8.2
# sbt alone starts a shell: nothing to say
RUN sbt || true
