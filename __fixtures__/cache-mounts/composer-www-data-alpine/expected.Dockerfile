FROM php:8.3-fpm-alpine
USER www-data
RUN --mount=type=cache,target=/home/www-data/.composer/cache,uid=82,gid=82 composer install --no-dev
