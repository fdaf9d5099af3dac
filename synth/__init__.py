"""A synthetic corpus of classified ads with known truth, and a server for its site.

``htleads synth`` writes it (see docs/synthetic-corpus.md); ``htleads serve-site``
serves it on 127.0.0.1. Nothing in it is about a real person.
"""
