"""Scrapy settings of the htleads crawler, polite toward real sites by default.

``scrapy crawl ads -a url=URL -a out=DIR`` in the repository uses these as
they are; ``htleads crawl`` starts from them and adds the settings of
``crawler.politeness`` for the hosts of the crawl.
"""

import os

from crawler.politeness import DEFAULT_CONTACT, user_agent

BOT_NAME = "htleads"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

# Who is crawling: name a real address with HTLEADS_CRAWL_CONTACT or --contact.
HTLEADS_CONTACT = os.environ.get("HTLEADS_CRAWL_CONTACT") or DEFAULT_CONTACT
USER_AGENT = user_agent(HTLEADS_CONTACT)
ROBOTSTXT_OBEY = True
ROBOTSTXT_USER_AGENT = "htleads"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# Pace for real hosts: two requests at a time, a second apart at least, slower
# when the host answers slowly.
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30

# Server errors and timeouts are retried after 2 s, 4 s, 8 s.
RETRY_TIMES = 3
HTLEADS_RETRY_BACKOFF = 2.0
HTLEADS_RETRY_BACKOFF_MAX = 120.0
RETRY_GIVE_UP_LOG_LEVEL = "INFO"

# Larger pages and images are rejected rather than kept.
HTLEADS_MAX_PAGE_BYTES = 2 * 1024 * 1024
HTLEADS_MAX_IMAGE_BYTES = 10 * 1024 * 1024
DOWNLOAD_MAXSIZE = HTLEADS_MAX_IMAGE_BYTES

# Each callback's output gets this many asyncio workers; ads and index pages
# yield few objects, and Scrapy's default of 100 costs more than the parsing.
CONCURRENT_ITEMS = 4

# The frontier (crawler.frontier) already drops pages found twice.
DUPEFILTER_CLASS = "scrapy.dupefilters.BaseDupeFilter"
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {"crawler.pipelines.AdWriterPipeline": 300}
EXTENSIONS = {"crawler.progress.AdsProgress": 500}
LOG_LEVEL = "INFO"
