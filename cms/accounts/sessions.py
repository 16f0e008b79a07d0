"""Sessions end after SESSION_IDLE_MINUTES without a request. Every save of a session moves its expiry (the cookie's
and the store's) to SESSION_COOKIE_AGE from then; rather than saving on every request
(SESSION_SAVE_EVERY_REQUEST), the session is touched once a minute at most, so a signed-in page costs no write."""

import time

from django.utils.deprecation import MiddlewareMixin

LAST_SEEN_KEY = "_kelola_last_seen"
TOUCH_EVERY_SECONDS = 60


class IdleSessionMiddleware(MiddlewareMixin):
    def process_request(self, request):
        if not request.user.is_authenticated:
            return
        now = int(time.time())
        if now - request.session.get(LAST_SEEN_KEY, 0) >= TOUCH_EVERY_SECONDS:
            request.session[LAST_SEEN_KEY] = now
