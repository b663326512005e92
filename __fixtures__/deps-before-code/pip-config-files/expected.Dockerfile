# What pip's own config files name (find-links, constraint, requirement) comes first with the
# manifests, wherever the build puts them: copied, written, in a venv, or stored by pip config.
FROM python:3.12-slim AS copied
COPY config/pip.conf /etc/pip.conf
WORKDIR /app
COPY requirements.txt constraints.txt ./
COPY wheels/ ./wheels/
RUN pip install -r requirements.txt
COPY . .

FROM python:3.12-slim AS written
RUN mkdir -p /root/.config/pip \
 && printf '[install]\nrequirement = requirements/base.txt\n' > /root/.config/pip/pip.conf
WORKDIR /app
COPY requirements.txt .
COPY requirements/base.txt ./requirements/
RUN pip install -r requirements.txt
COPY . .

FROM python:3.12-slim AS venv
ENV VIRTUAL_ENV=/opt/venv PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
COPY config/venv.conf /opt/venv/pip.conf
WORKDIR /app
COPY requirements.txt .
COPY wheels/ ./wheels/
RUN pip install -r requirements.txt
COPY . .

FROM python:3.12-slim AS stored
RUN pip config set global.find-links /app/wheels
WORKDIR /app
COPY requirements.txt .
COPY wheels/ ./wheels/
RUN pip install -r requirements.txt
COPY . .
CMD ["python", "app.py"]
