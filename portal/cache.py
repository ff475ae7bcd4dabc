"""Django's Redis cache, with one Redis client per connection pool instead of one per call.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every cache call; redis-py's constructor
fills some 170 response callbacks, about 0.1 ms each time — as long as the round trip to Redis itself, paid on every
request once sessions are read from the cache. A ``redis.Redis`` is safe to share between threads (its pool hands
out the connections, and a pool used after a fork starts afresh), so one per pool serves every call.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as _RedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _Klien(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._klien = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        klien = self._klien.get(id(pool))
        if klien is None:
            klien = self._klien[id(pool)] = self._client(connection_pool=pool)
        return klien


class RedisCache(_RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _Klien
