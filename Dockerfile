# One image for every PulseTrack process; docker-compose.yml picks the command.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY api ./api
COPY domain ./domain
COPY ml ./ml
COPY pulsetrack ./pulsetrack
COPY workers ./workers
COPY migrations ./migrations
RUN pip install --no-cache-dir -e . && useradd --create-home pulsetrack
USER pulsetrack
EXPOSE 8000 5555
CMD ["pulsetrack", "serve"]
