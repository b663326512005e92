# Files that pip's environment names (find-links, constraints) come first with the manifests.
FROM python:3.12-slim
ENV PIP_NO_INDEX=1 PIP_FIND_LINKS=/srv/wheels PIP_CONSTRAINT=/srv/constraints/platform.txt
WORKDIR /srv
COPY requirements.txt /srv/
COPY constraints/platform.txt /srv/constraints/
COPY wheels/ /srv/wheels/
RUN pip install -r requirements.txt
COPY . /srv
CMD ["python", "app.py"]
