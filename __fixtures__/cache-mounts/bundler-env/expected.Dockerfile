FROM ruby:3.3
ENV GEM_HOME=/gems PATH=/gems/bin:$PATH BUNDLE_USER_CACHE=/bundle-cache
RUN --mount=type=cache,target=/gems/cache,sharing=locked --mount=type=cache,target=/bundle-cache,sharing=locked gem install bundler -v 2.5.0 && bundle install
