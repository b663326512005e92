FROM composer:2
RUN --mount=type=cache,target=/tmp/cache <<EOF
composer install --no-scripts
composer dump-autoload --optimize
EOF
