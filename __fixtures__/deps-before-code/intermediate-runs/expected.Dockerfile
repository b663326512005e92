FROM python:3.11
WORKDIR /app
COPY requirements.txt .
# build tools for the wheels
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
RUN useradd -u 1001 -m app && mkdir -p /var/log/app && chown app /var/log/app
RUN pip install -r requirements.txt
COPY . .
RUN python manage.py collectstatic --noinput
