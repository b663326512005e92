FROM php:8.3-cli
ENV COMPOSER_HOME=/composer
RUN --mount=type=cache,target=/composer/cache composer global require phpstan/phpstan
