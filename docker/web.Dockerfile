# The platform's image: Django under gunicorn (web) and the Celery grader worker (same image,
# another command). Three stages: the front end is bundled with Debian's Node.js in `assets`, the
# Python packages are installed into a venv in `python`, and the final stage holds neither Node nor
# a compiler. It needs no network beyond Debian's mirror for apt: Python wheels come from the
# wheelhouse var/docker/wheels-web and npm packages from the cache var/docker/npm-cache, both filled
# on the host by docker/build-stack.sh. BASE is the public Python image by default; build-stack.sh
# passes the Debian base it made with debootstrap (no image registry needed).
ARG BASE=python:3.11-slim-bookworm

FROM ${BASE} AS assets
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY package.json package-lock.json ./
COPY var/docker/npm-cache /tmp/npm-cache
RUN npm ci --offline --cache /tmp/npm-cache --no-audit --no-fund --loglevel=error
COPY platform/frontend platform/frontend
RUN node platform/frontend/build.mjs

FROM ${BASE} AS python
COPY var/docker/wheels-web /tmp/wheels
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --no-index --disable-pip-version-check \
      --find-links /tmp/wheels -r /tmp/wheels/requirements.txt \
 && /opt/venv/bin/pip uninstall --quiet --yes pip setuptools

FROM ${BASE}
# Graphviz draws the learner's map (without it the map page shows only its list).
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends graphviz >/dev/null \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin groundwork
COPY --from=python /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:/usr/local/bin:/usr/bin:/bin \
    PYTHONPATH=/app/platform:/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    PLATFORM_VAR_DIR=/app/var \
    CONTENT_DIR=/app/content \
    LANG=C.UTF-8
WORKDIR /app
COPY manage.py ./
COPY grader grader
COPY docker/grader-seccomp.json docker/grader-seccomp.json
COPY platform platform
COPY --from=assets /src/platform/static/build platform/static/build
COPY content content
COPY client client
# Static files are collected at build time (whitenoise serves them); the code stays owned by root.
RUN python -c 'from curriculum.markdown import pygments_css; print(pygments_css())' > platform/static/build/pygments.css \
 && python manage.py collectstatic --no-input -v0 \
 && python -m compileall -q grader platform \
 && mkdir -p var && chown groundwork:groundwork var
COPY docker/entrypoint.sh /usr/local/bin/groundwork
USER groundwork
EXPOSE 8000
ENTRYPOINT ["groundwork"]
CMD ["web"]
