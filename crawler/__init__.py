"""The Scrapy project that crawls classified-ads sites into raw ads; see crawler.run."""
