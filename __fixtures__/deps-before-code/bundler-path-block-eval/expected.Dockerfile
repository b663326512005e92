FROM ruby:3.3-slim
RUN apt-get update -qq && apt-get install -y build-essential libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /rails
COPY Gemfile Gemfile.lock ./
COPY .bundle/config ./.bundle/
COPY gemfiles/observability.rb ./gemfiles/
COPY engines/acme_auth/ ./engines/acme_auth/
COPY vendor/gems/internal_metrics/ ./vendor/gems/internal_metrics/
COPY components/ ./components/
RUN bundle install --jobs 4
COPY . .
RUN bundle exec bootsnap precompile --gemfile
CMD ["bin/rails", "server"]
