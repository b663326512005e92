FROM python:3.12
RUN --mount=type=cache,target=/root/.cache/pip \
    pip install --upgrade pip && \
    # the app's dependencies
    pip install \
        -r requirements.txt
