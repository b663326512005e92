FROM php:8.2-fpm
RUN apt-get update && apt-get install -y git unzip libzip-dev \
    && docker-php-ext-install zip pdo_mysql \
    && apt-get clean && rm -rf /var/lib/apt/lists/*
COPY --from=composer:2 /usr/bin/composer /usr/bin/composer
WORKDIR /var/www/html
COPY --chown=www-data:www-data composer.json composer.lock composer.patches.json ./
COPY --chown=www-data:www-data patches/laravel-fix.patch ./patches/
COPY --chown=www-data:www-data packages/acme/billing/ ./packages/acme/billing/
RUN composer install --no-dev --optimize-autoloader --no-interaction --no-progress --no-scripts --no-autoloader
COPY --chown=www-data:www-data . .
RUN composer install --no-dev --optimize-autoloader --no-interaction --no-progress \
    && php artisan config:cache && php artisan route:cache
USER www-data
CMD ["php-fpm"]
