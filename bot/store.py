"""The Redis connection, with explicit timeouts so a dead Redis fails fast instead of hanging."""
from __future__ import annotations

import redis

from bot.config import Config


def connect(config: Config) -> redis.Redis:
    """Open a client on REDIS_URL that gives up after REDIS_TIMEOUT seconds and does not retry."""
    return redis.Redis.from_url(
        config.redis_url,
        socket_timeout=config.redis_timeout,
        socket_connect_timeout=config.redis_timeout,
        retry_on_timeout=False,
        decode_responses=True,
        health_check_interval=30,
    )
