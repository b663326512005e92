FROM ruby:3.3
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
COPY vendor/engines/billing/ ./vendor/engines/billing/
RUN bundle install --jobs 4
COPY . .
CMD ["bin/rails", "server"]
