"""gunicorn settings for production (`make serve`): BIND, WORKERS and logs from the environment.

BIND        address to listen on (default 127.0.0.1:8000, behind the reverse proxy)
WORKERS     worker processes (default 2 x cores + 1)
ACCESS_LOG  where the access log goes: "-" for stdout (default), a file, or "off"
LOG_LEVEL   gunicorn's own log level (default info); errors always go to stderr
"""

import multiprocessing
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sonla_kb.settings.prod")

from sonla_kb import gunicorn_errors
from sonla_kb.settings.env import env_int, env_str
from sonla_kb.settings.preflight import require_settings

require_settings()
# gunicorn's own error pages (a malformed request line ...) carry the site's security headers.
gunicorn_errors.install()

wsgi_app = "sonla_kb.wsgi:application"
bind = [env_str("BIND") or "127.0.0.1:8000"]
workers = env_int("WORKERS", 2 * multiprocessing.cpu_count() + 1)
# Sync workers: each request has a process to itself, so a slow search never blocks another.
worker_class = "sync"
timeout = 60
graceful_timeout = 30
# Recycle workers now and then, so a slow leak can never grow without bound: every 50,000
# requests or so. A worker's memory grows by about 30 MiB over the hostile benchmark, so
# this bounds it well; at 5,000 a busy worker was recycled every few seconds, and each new
# one's first requests (opening the database, the index, the cache) showed as p99 spikes.
max_requests = 50_000
max_requests_jitter = 5_000
# Load Django once in the master and fork the workers from it: a recycled worker is ready at
# once, instead of leaving its share of requests waiting a second while Django starts. Nothing
# opens a connection or a file at import time (the database, the index and the cache are all
# opened on first use, in the worker).
preload_app = True


def when_ready(server) -> None:
    """Before the first fork: compile the templates and load the catalogues, once for all."""
    if server.cfg.preload_app:
        from sonla_kb import warmup

        server.log.info("Warmed up: %d templates compiled", warmup.warm())


def post_worker_init(worker) -> None:
    """In each new worker, before its first request: its own database, cache and index."""
    from sonla_kb import warmup

    worker.log.debug("Worker warmed up: %s", ", ".join(warmup.warm_worker()))


# The proxy on this machine is trusted to say the request came over HTTPS, and (with
# BEHIND_PROXY on) who the client is; the site reads the same variable (settings.base).
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS") or "127.0.0.1,::1"

# No control socket in the home folder: two servers on one machine would share it.
control_socket_disable = True

errorlog = "-"
_access = env_str("ACCESS_LOG", "-")
accesslog = None if _access in ("", "off") else _access
# The access log names the client as the site's logs and the login lockout do.
logger_class = "sonla_kb.access_log.ClientAddressLogger"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s" id=%({x-request-id}o)s'
loglevel = (env_str("LOG_LEVEL") or "info").lower()
capture_output = False
# The workers' heartbeat files in memory, not on a disk that may stall.
if Path("/dev/shm").is_dir():  # noqa: S108 - gunicorn's own advice, not a temporary file
    worker_tmp_dir = "/dev/shm"  # noqa: S108
