FROM php:8.3-fpm
USER www-data
RUN --mount=type=cache,target=/var/www/.composer/cache,uid=33,gid=33 composer install --no-dev
