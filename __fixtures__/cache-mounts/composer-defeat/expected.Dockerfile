FROM php:8.3-cli
RUN --mount=type=cache,target=/root/.composer/cache composer install
