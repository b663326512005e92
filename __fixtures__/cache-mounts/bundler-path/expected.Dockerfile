FROM ruby:3.3
ENV BUNDLE_PATH=/usr/local/bundle
RUN --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install
