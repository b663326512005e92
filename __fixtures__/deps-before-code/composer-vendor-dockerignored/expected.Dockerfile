# .dockerignore keeps the host vendor/ out of the context: the install comes first
FROM composer:2
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-interaction --no-scripts --no-autoloader
COPY . .
RUN composer install --no-dev --no-interaction
