# One image for every process; docker-compose.yml runs one container per process with the same
# commands as the Procfile that `make run` uses. Rasa 3.6 needs Python 3.10; the action server has its
# own environment on Debian's python3.11, as `make setup` builds it (README: "Two Python environments").
FROM python:3.10.13-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    RASA_TELEMETRY_ENABLED=false \
    WEB_HOST=0.0.0.0

RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential redis-server tesseract-ocr tesseract-ocr-spa \
    python3.11 python3.11-venv \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot/__init__.py bot/__init__.py
RUN pip install --no-cache-dir -e .
# The action server's environment, by the Makefile's own recipe (make comes with build-essential).
COPY Makefile .python-version ./
COPY bot/actions/requirements.txt bot/actions/requirements.txt
RUN PIP_NO_CACHE_DIR=1 make .venv-actions/.installed

COPY . .
# Train at build time so containers start with the model for exactly this training data.
RUN python -m bot.launch train

RUN useradd --create-home chamba && chown -R chamba /app
USER chamba
EXPOSE 8000
CMD ["python", "-m", "bot.launch", "web"]
