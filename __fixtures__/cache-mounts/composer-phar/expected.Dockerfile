FROM php:8.3-cli
WORKDIR /app
RUN --mount=type=cache,target=/root/.composer/cache php -d memory_limit=-1 composer.phar install --no-dev
