# Composer's cache-dir in the project's composer.json or the global config.json moves its cache.
FROM composer:2 AS project
WORKDIR /app
COPY proj/composer.json proj/composer.lock ./
RUN --mount=type=cache,target=/var/cache/composer composer install --no-dev

FROM composer:2 AS relative
WORKDIR /srv
COPY rel/composer.json ./
RUN --mount=type=cache,target=/srv/.composer-cache composer install --no-dev

FROM php:8.3-cli AS global
COPY glob/config.json /root/.composer/config.json
WORKDIR /app
COPY plain/composer.json ./
RUN --mount=type=cache,target=/opt/composer-cache composer install

FROM composer:2 AS global-home
COPY glob/config.json /tmp/config.json
WORKDIR /app
COPY plain/composer.json ./
RUN --mount=type=cache,target=/opt/composer-cache composer install

FROM php:8.3-cli AS setting
RUN composer config --global cache-dir /var/cache/composer
WORKDIR /app
COPY plain/composer.json ./
RUN --mount=type=cache,target=/var/cache/composer composer install

FROM php:8.3-cli AS project-setting
WORKDIR /app
COPY plain/composer.json ./
RUN composer config cache-dir /var/cache/composer && composer install --no-cache

FROM composer:2 AS env-wins
ENV COMPOSER_CACHE_DIR=/cache
WORKDIR /app
COPY proj/composer.json ./
RUN --mount=type=cache,target=/cache composer install

FROM php:8.3-cli AS variable-home
ARG HOME_DIR
ENV COMPOSER_HOME=$HOME_DIR
COPY glob/config.json /root/.composer/config.json
WORKDIR /app
COPY plain/composer.json ./
RUN composer install --no-cache

FROM composer:2 AS relative-working-dir
WORKDIR /srv
COPY rel/composer.json web/
RUN --mount=type=cache,target=/srv/web/.composer-cache composer install -d web

FROM composer:2 AS relative-above
WORKDIR /srv
COPY rel/composer.json ./
WORKDIR /srv/sub
RUN composer install
