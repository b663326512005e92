FROM ruby:3.3 AS config
WORKDIR /app
COPY Gemfile Gemfile.lock ./
# deployment mode installs into vendor/bundle: no mount on GEM_HOME's cache, the user cache stays
RUN --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle config set --local deployment 'true' && bundle install --jobs 4

FROM ruby:3.3 AS env
ENV BUNDLE_DEPLOYMENT="1" BUNDLE_WITHOUT="development:test"
WORKDIR /app
# gem ignores Bundler's settings
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked gem install bundler -v 2.5.23
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install

FROM ruby:3.3 AS flag
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install --deployment --without development test

FROM ruby:3.3 AS off
# false: not in deployment mode
ENV BUNDLE_DEPLOYMENT=false
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/usr/local/bundle/cache,sharing=locked --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install

FROM ruby:3.3 AS path
WORKDIR /app
RUN bundle config set --local path vendor/bundle
COPY Gemfile Gemfile.lock ./
RUN --mount=type=cache,target=/root/.bundle/cache,sharing=locked bundle install
