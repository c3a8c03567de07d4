"""Unit tests of the reference app, with an in-memory stand-in for Redis (run: python3 -m unittest)."""
import unittest

import redis

from app import create_app


class MemoryStore:
    def __init__(self, down=False):
        self.values = {}
        self.down = down

    def incr(self, key):
        if self.down:
            raise redis.ConnectionError("redis is down")
        self.values[key] = self.values.get(key, 0) + 1
        return self.values[key]

    def ping(self):
        if self.down:
            raise redis.ConnectionError("redis is down")
        return True


class AppTest(unittest.TestCase):
    def test_counts_every_visit(self):
        client = create_app(MemoryStore()).test_client()
        self.assertIn(b"viewed 1 time.", client.get("/").data)
        self.assertIn(b"viewed 2 times.", client.get("/").data)

    def test_says_so_when_redis_is_down(self):
        response = create_app(MemoryStore(down=True)).test_client().get("/")
        self.assertEqual(503, response.status_code)
        self.assertIn(b"unavailable", response.data)

    def test_liveness_does_not_depend_on_redis(self):
        response = create_app(MemoryStore(down=True)).test_client().get("/healthz")
        self.assertEqual(200, response.status_code)

    def test_readiness_follows_redis(self):
        self.assertEqual(200, create_app(MemoryStore()).test_client().get("/readyz").status_code)
        app = create_app(MemoryStore(down=True))  # get_json needs the app alive
        response = app.test_client().get("/readyz")
        self.assertEqual(503, response.status_code)
        self.assertEqual("ConnectionError", response.get_json()["reason"])


if __name__ == "__main__":
    unittest.main()
