# syntax=docker/dockerfile:1
# Certpath web image: gunicorn on production settings, run as a non-root user.

FROM node:20-bookworm-slim AS assets
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --omit=dev

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /src
COPY pyproject.toml requirements.lock ./
# Runtime dependencies only (no test extras), pinned by the lock file.
RUN python -m venv /venv && /venv/bin/pip install -c requirements.lock .

FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 certpath
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings.production
WORKDIR /app
COPY --from=build /venv /venv
COPY --chown=certpath:certpath . /app
COPY --from=assets --chown=certpath:certpath /src/node_modules/bootstrap/dist /app/node_modules/bootstrap/dist
COPY --from=assets --chown=certpath:certpath /src/node_modules/axe-core /app/node_modules/axe-core
# collectstatic needs settings to import; these throwaway values never reach a running container.
RUN DJANGO_SECRET_KEY=build-only-secret-key-build-only-secret-key-build-only-0000 \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput \
 && mkdir -p /app/media \
 && chown -R certpath:certpath /app/staticfiles /app/media
USER certpath
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "--config", "docker/gunicorn.conf.py", "config.wsgi:application"]
