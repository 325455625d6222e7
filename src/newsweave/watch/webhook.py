"""POSTing alerts to a webhook: JSON, signed with HMAC-SHA256, retried, each alert delivered once.

The body is ``{"alerts": [alert, ...]}`` (``alerts.alert_json``); the header
``X-Newsweave-Signature: sha256=<hex>`` is the HMAC-SHA256 of the body with ``[watch] webhook_secret``,
so the receiver can check it came from this newsweave. Alerts are marked delivered only after a 2xx
answer: one that fails every try is sent again after the next round (at least once, never lost).
The URL goes through the same guarded client as every fetch (no private addresses without
``--allow-private``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import TYPE_CHECKING

from newsweave.readers import web
from newsweave.readers.base import ReadOptions
from newsweave.watch.alerts import alert_json

if TYPE_CHECKING:
    from newsweave.config import Config
    from newsweave.store import Store

SIGNATURE_HEADER = "X-Newsweave-Signature"


def signature(body: bytes, secret: str) -> str:
    """The signature header's value for ``body``."""
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def deliver(store: Store, config: Config, options: ReadOptions) -> tuple[int, str | None]:
    """POST every undelivered alert to ``[watch] webhook_url`` in one request; returns (alerts
    delivered, the last error or None). Nothing to do without a URL or alerts."""
    url = config.watch.webhook_url
    pending = store.follows.undelivered() if url else []
    if not pending:
        return 0, None
    body = json.dumps({"alerts": [alert_json(alert) for alert in pending]}, ensure_ascii=False).encode()
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: signature(body, config.watch.webhook_secret),
    }
    error: str | None = None
    wait = config.watch.webhook_retry_s
    for attempt in range(max(1, config.watch.webhook_tries)):
        if attempt:
            time.sleep(wait)
            wait *= 2
        try:
            web.check_url(url)
            with web.make_client(options) as client:
                response = client.post(url, content=body, headers=headers)
            if 200 <= response.status_code < 300:
                store.follows.mark_delivered([alert.id for alert in pending])
                return len(pending), None
            error = f"the webhook answered HTTP {response.status_code}"
        except Exception as exc:  # a webhook that is down never stops the watch
            error = f"the webhook failed: {exc}"
    return 0, error
