# syntax=docker/dockerfile:1
# milestone-monitor: the `monitor run` daemon in a container.
#
#   docker build -t milestone-monitor .
#   docker compose up -d --build        (with PostgreSQL and mailpit: see docker-compose.yml)
#
# The image carries the default config/, seeds/ and alerts/; compose mounts the host copies over
# them read-only, so editing them needs no rebuild. Data (raw pages, SQLite if used) lives in
# /app/data, a volume.

# Pinned base image (a specific patch release, never latest). Update both stages together.
FROM python:3.11.13-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY pyproject.toml README.md ./
COPY monitor ./monitor
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11.13-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MONITOR_CONFIG=/app/config/monitor.yaml

# A dedicated unprivileged user; the daemon never needs root.
RUN groupadd --system --gid 10001 monitor \
    && useradd --system --uid 10001 --gid monitor --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin monitor

# Every dependency ships manylinux wheels for Python 3.11 (psycopg[binary], lxml, aiohttp), so
# no compiler is installed.
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels

WORKDIR /app
COPY config ./config
COPY seeds ./seeds
COPY alerts ./alerts
# Relative paths in config/monitor.yaml resolve against /app/config: data_dir ../data is
# /app/data. It must exist and belong to the user before a named volume is mounted on it, so
# Docker copies this ownership into a fresh volume.
RUN mkdir -p /app/data && chown monitor:monitor /app/data
VOLUME ["/app/data"]

USER monitor:monitor
# SIGTERM stops within seconds, commits what was analysed and exits 0.
STOPSIGNAL SIGTERM
CMD ["monitor", "run"]
