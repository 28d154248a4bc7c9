# Postgres 15 for the compose stack. BASE is the public postgres:15-bookworm image by default;
# docker/build-stack.sh passes the local Debian base instead (no image registry), and then Debian's
# postgresql-15 package is installed from the Debian mirror. Either way the same entrypoint
# (docker/postgres-entrypoint.sh) creates the database on first start, with the password from
# POSTGRES_PASSWORD or POSTGRES_PASSWORD_FILE; there is no default password.
ARG BASE=postgres:15-bookworm
FROM ${BASE}
RUN set -e; \
    if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then \
      apt-get update -qq; \
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 >/dev/null; \
      rm -rf /var/lib/apt/lists/* /var/lib/postgresql/15 /etc/postgresql/15; \
    fi; \
    mkdir -p /var/lib/postgresql/data /var/run/postgresql; \
    chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql; \
    chmod 700 /var/lib/postgresql/data
COPY docker/postgres-entrypoint.sh /usr/local/bin/groundwork-postgres
ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/bin:/usr/bin:/bin \
    PGDATA=/var/lib/postgresql/data \
    LANG=C.UTF-8
USER postgres
VOLUME /var/lib/postgresql/data
EXPOSE 5432
# SIGINT is Postgres's fast shutdown: it does not wait for the web server's pooled connections.
STOPSIGNAL SIGINT
ENTRYPOINT ["groundwork-postgres"]
