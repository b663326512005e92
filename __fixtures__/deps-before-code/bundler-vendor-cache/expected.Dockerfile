FROM ruby:3.2-slim
ENV BUNDLE_WITHOUT=development:test
WORKDIR /app
COPY Gemfile Gemfile.lock ./
COPY .bundle/config ./.bundle/
COPY vendor/cache/ ./vendor/cache/
RUN bundle install --local --jobs 4
COPY . .
CMD ["bundle", "exec", "puma"]
