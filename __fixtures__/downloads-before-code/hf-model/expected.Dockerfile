FROM python:3.11
WORKDIR /app
RUN pip install transformers torch
ENV HF_HOME=/models
# fetch the weights at build time
RUN python -c "from transformers import AutoModel; AutoModel.from_pretrained('bert-base-uncased')"
COPY . .
CMD ["python", "-m", "app"]
