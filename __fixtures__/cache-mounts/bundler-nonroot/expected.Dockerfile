FROM ruby:3.3
RUN useradd -m -u 1000 rails
USER rails
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked,uid=1000 bundle install
