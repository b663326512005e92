FROM composer:2 AS vendor
WORKDIR /app
COPY composer.json composer.lock ./
COPY certs/satis-ca.pem ./certs/
COPY artifacts/ ./artifacts/
RUN composer install --no-dev --prefer-dist --no-interaction --no-scripts --no-autoloader
COPY . .
RUN composer install --no-dev --prefer-dist --no-interaction

FROM php:8.3-apache
COPY --from=vendor /app /var/www/html
