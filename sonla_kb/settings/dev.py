"""Development: DEBUG on and a fixed secret, so `make run` works at once."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
# A development-only key: prod.py refuses to start without SECRET_KEY from the environment.
SECRET_KEY = env_str("SECRET_KEY") or "dev-only-insecure-key-do-not-use-in-production"
# Templates and code change under the development server: no page cache unless asked for.
PAGE_CACHE = env_bool("PAGE_CACHE", not DEBUG)
