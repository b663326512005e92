FROM python:3.11-slim
RUN useradd -u 1000 -m app
USER app
WORKDIR /home/app
COPY --chown=app:app --link src/requirements.txt /home/app/src/
ENV PATH=/home/app/.local/bin:$PATH
RUN pip install --user -r src/requirements.txt
COPY --chown=app:app --link src/ /home/app/src
RUN python -m compileall src
