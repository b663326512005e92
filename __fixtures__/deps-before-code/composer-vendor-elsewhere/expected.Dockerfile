# The packages go to deps/ (config.vendor-dir): the context's vendor/ is no install's
FROM composer:2 AS config
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-interaction --no-scripts --no-autoloader
COPY . .
RUN composer install --no-dev --no-interaction

# ... or out of the project (COMPOSER_VENDOR_DIR wins over the config)
FROM composer:2 AS env
ENV COMPOSER_VENDOR_DIR=/opt/vendor
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-interaction --no-scripts --no-autoloader
COPY . .
RUN composer install --no-dev --no-interaction
