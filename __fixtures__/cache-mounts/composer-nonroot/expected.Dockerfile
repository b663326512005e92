FROM php:8.3-cli
RUN useradd -m -u 1000 app
USER app
RUN --mount=type=cache,target=/home/app/.composer/cache,uid=1000 composer install
