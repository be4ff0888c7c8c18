"""What the custom actions share with the rest of the product: its configuration and Redis."""
from __future__ import annotations

from functools import lru_cache

import redis

from bot.config import Config, load_config
from bot.store import connect


@lru_cache(maxsize=1)
def config() -> Config:
    """The deployment's configuration, read once from the action server's environment."""
    return load_config()


@lru_cache(maxsize=1)
def store() -> redis.Redis:
    """The product's Redis, where cases live."""
    return connect(config())
