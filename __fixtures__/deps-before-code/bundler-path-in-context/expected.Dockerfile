# BUNDLE_PATH puts the gems in vendor/gems, which the context has
FROM ruby:3.3 AS env
ENV BUNDLE_PATH=vendor/gems
WORKDIR /app
COPY . .
RUN bundle install

# ... as does `bundle config set path` in an earlier RUN
FROM ruby:3.3 AS config
WORKDIR /app
RUN bundle config set --local path vendor/gems
COPY . .
RUN bundle install

# From a build argument: not known
FROM ruby:3.3 AS arg
ARG BUNDLE_PATH
WORKDIR /app
COPY . .
RUN bundle install

# Out of the project: the context's vendor/gems is no install's
FROM ruby:3.3 AS elsewhere
ENV BUNDLE_PATH=/usr/local/bundle
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle install
COPY . .
