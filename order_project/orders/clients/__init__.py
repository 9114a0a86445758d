"""Clients of the services orders depend on: modules of keyword-only functions
on shop_common's ServiceClient (timeouts, X-Request-ID, 503 on failure)."""
