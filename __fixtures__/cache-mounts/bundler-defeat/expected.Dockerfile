FROM ruby:3.3
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install
