# The grader's sandbox image: Python, the pinned torch/einops/numpy/hypothesis, and grader/.
# BASE is the public Python image by default; docker/build-images.sh passes a Debian base made
# locally with debootstrap (air-gapped sites, CI). Wheels come from a wheelhouse filled on the host,
# so the build itself needs no network. VARIANT picks the wheelhouse: cpu or cuda (GPU hosts).
ARG BASE=python:3.11-slim-bookworm
FROM ${BASE}
ARG VARIANT=cpu

COPY var/docker/wheels-${VARIANT} /tmp/wheels
RUN python3 -m venv /opt/venv \
 && /opt/venv/bin/pip install --no-cache-dir --no-index --find-links /tmp/wheels -r /tmp/wheels/requirements.txt \
 && rm -rf /tmp/wheels

COPY grader /opt/grader/grader
RUN python3 -m compileall -q /opt/grader

# The zygote runs as root with only SETUID, SETGID and KILL (the backend drops every other
# capability; its default isolated mode adds SYS_ADMIN for each job's namespaces, which the learner
# drops with root); each job's learner code runs under its own throwaway uid from a base the backend
# sets per container slot (this one is for a container started by hand).
ENV PATH=/opt/venv/bin:/usr/bin:/bin \
    PYTHONPATH=/opt/grader \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    GRADER_LEARNER_UID_BASE=20000 \
    HOME=/tmp \
    LANG=C.UTF-8
WORKDIR /tmp
ENTRYPOINT ["python", "-m", "grader.zygote"]
