FROM composer:2
WORKDIR /app
COPY composer.json composer.lock ./
COPY certs/ca.pem ./certs/
RUN composer install --no-dev --no-scripts --no-autoloader
COPY . .
RUN composer install --no-dev
