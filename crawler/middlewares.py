"""Downloader middleware: retries that wait longer after each failure."""

from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Request
from scrapy.utils.asyncio import sleep

DELAY_KEY = "htleads_retry_delay"


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries of server errors and timeouts, with exponential back-off.

    The n-th retry of a request waits ``HTLEADS_RETRY_BACKOFF * 2 ** (n - 1)``
    seconds, at most ``HTLEADS_RETRY_BACKOFF_MAX``, before it is sent.
    """

    def __init__(self, settings):
        super().__init__(settings)
        self.backoff = settings.getfloat("HTLEADS_RETRY_BACKOFF")
        self.backoff_max = settings.getfloat("HTLEADS_RETRY_BACKOFF_MAX")

    async def process_request(self, request: Request) -> None:
        delay = request.meta.pop(DELAY_KEY, 0)
        if delay:
            await sleep(delay)

    def _retry(self, request, reason):
        retry = super()._retry(request, reason)
        if retry is not None:
            attempt = retry.meta["retry_times"]
            wait = self.backoff * 2 ** (attempt - 1)
            retry.meta[DELAY_KEY] = min(wait, self.backoff_max)
        return retry
