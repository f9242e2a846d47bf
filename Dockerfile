# One image for every PulseTrack process; docker-compose.yml picks the command.

# The dashboard's build, served by the API at /dashboard.
FROM node:20-slim AS dashboard
WORKDIR /dashboard
COPY dashboard/package.json dashboard/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY dashboard ./
RUN npm run build

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
COPY --from=dashboard /dashboard/dist ./dashboard/dist
RUN pip install --no-cache-dir -e . && useradd --create-home pulsetrack
USER pulsetrack
EXPOSE 8000 5555
CMD ["pulsetrack", "serve"]
