from python:3.11
workdir /app
copy requirements.txt .
run pip install -r requirements.txt
copy . .
run python -m pytest
