FROM ruby:3.3
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked gem install rails -v 7.2.0 --no-document
