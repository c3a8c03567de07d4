"""Slipway's reference app: a Flask front end that counts visits in a Redis back end."""
import os
import socket

from flask import Flask, jsonify

import redis


def create_app(store=None):
    """Builds the app. `store` is anything with incr/get/ping (a redis.Redis); tests pass a fake."""
    app = Flask(__name__)
    if store is None:
        store = redis.Redis(
            host=os.environ.get("REDIS_HOST", "redis"),
            port=int(os.environ.get("REDIS_PORT", "6379")),
            password=os.environ.get("REDIS_PASSWORD") or None,
            socket_timeout=2,
        )
    title = os.environ.get("TITLE", "Slipway visit counter")

    @app.get("/")
    def index():
        try:
            visits = store.incr("visits")
        except redis.RedisError:
            return f"<h1>{title}</h1><p>The counter is unavailable right now.</p>", 503
        return (
            f"<h1>{title}</h1>"
            f"<p>This page has been viewed {visits} time{'s' if visits != 1 else ''}.</p>"
            f"<p><small>Served by {socket.gethostname()}, version {os.environ.get('APP_VERSION', 'dev')}</small></p>"
        )

    @app.get("/healthz")
    def healthz():
        """Liveness: the process serves requests."""
        return jsonify(status="ok")

    @app.get("/readyz")
    def readyz():
        """Readiness: Redis answers, so the counter works."""
        try:
            store.ping()
        except redis.RedisError as error:
            return jsonify(status="unavailable", reason=type(error).__name__), 503
        return jsonify(status="ready")

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", "5000")))
