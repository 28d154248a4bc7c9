# Redis 7 (the Celery broker) for the compose stack. BASE is the public redis:7-bookworm image by
# default; docker/build-stack.sh passes the local Debian base instead (no image registry), and then
# Debian's redis-server package is installed from the Debian mirror. docker/redis-entrypoint.sh
# turns on append-only persistence (queued submissions survive a restart) and requires a password.
ARG BASE=redis:7-bookworm
FROM ${BASE}
RUN set -e; \
    if ! command -v redis-server >/dev/null; then \
      apt-get update -qq; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null; \
      rm -rf /var/lib/apt/lists/*; \
    fi; \
    mkdir -p /data; chown redis:redis /data
COPY docker/redis-entrypoint.sh /usr/local/bin/groundwork-redis
USER redis
WORKDIR /data
VOLUME /data
EXPOSE 6379
ENTRYPOINT ["groundwork-redis"]
