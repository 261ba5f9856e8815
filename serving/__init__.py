"""Rasa server extensions, apart from the web widget.

Channels, input rules, the action-server guard, the tracker store, and the
runtime that starts the servers for make targets, tests and the bench.
"""
